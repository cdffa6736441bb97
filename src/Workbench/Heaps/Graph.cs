using Workbench.Workloads;
namespace Workbench.Heaps;

/// <summary>
/// A directed graph with non-negative integer edge weights in compressed sparse row form: the
/// edges leaving node u are <c>Offsets[u] .. Offsets[u+1]-1</c> of <see cref="Targets"/> and
/// <see cref="Weights"/>. Immutable once built.
/// </summary>
public sealed class Graph
{
    public Graph(int nodeCount, int[] offsets, int[] targets, int[] weights)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(nodeCount);
        if (offsets.Length != nodeCount + 1) throw new ArgumentException($"offsets must have nodeCount + 1 = {nodeCount + 1} entries (got {offsets.Length})", nameof(offsets));
        if (targets.Length != weights.Length || targets.Length != offsets[^1]) throw new ArgumentException("targets and weights must both have offsets[^1] entries", nameof(targets));
        if (weights.Any(w => w < 0)) throw new ArgumentException("edge weights must be non-negative (Dijkstra's algorithm)", nameof(weights));
        if (targets.Any(t => (uint)t >= (uint)nodeCount)) throw new ArgumentException("every target must be a node id", nameof(targets));
        NodeCount = nodeCount;
        Offsets = offsets;
        Targets = targets;
        Weights = weights;
    }

    public int NodeCount { get; }

    public int EdgeCount => Targets.Length;

    public int[] Offsets { get; }

    public int[] Targets { get; }

    public int[] Weights { get; }

    /// <summary>Builds the graph from an edge list (edges out of a node keep their list order).</summary>
    public static Graph FromEdges(int nodeCount, IReadOnlyList<(int From, int To, int Weight)> edges)
    {
        var offsets = new int[nodeCount + 1];
        foreach (var (from, _, _) in edges)
        {
            if ((uint)from >= (uint)nodeCount) throw new ArgumentException($"edge source {from} is not a node id", nameof(edges));
            offsets[from + 1]++;
        }
        for (int i = 0; i < nodeCount; i++) offsets[i + 1] += offsets[i];
        var fill = offsets[..^1].ToArray();
        var targets = new int[edges.Count];
        var weights = new int[edges.Count];
        foreach (var (from, to, w) in edges)
        {
            int at = fill[from]++;
            targets[at] = to;
            weights[at] = w;
        }
        return new Graph(nodeCount, offsets, targets, weights);
    }
}

/// <summary>
/// Seeded graph generators for the Dijkstra experiments: the same arguments give the same graph
/// on every machine (weights and endpoints come from <see cref="SplitMix64"/>).
/// </summary>
public static class GraphGenerator
{
    /// <summary>The generator families, by the names used in parameters and tables.</summary>
    public const string Random = "random";
    public const string Grid = "grid";
    public static readonly string[] Names = [Random, Grid];

    /// <summary>
    /// G(n, m) directed: m edges with uniformly random endpoints and weights 1..maxWeight, plus a
    /// random-weight path 0 → 1 → … → n-1 so that every node is reachable from node 0.
    /// </summary>
    public static Graph RandomGraph(int nodes, int edges, int maxWeight, long seed)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(nodes, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(edges);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxWeight, 1);
        var rng = new SplitMix64(seed);
        var list = new List<(int, int, int)>(edges + nodes);
        for (int i = 0; i + 1 < nodes; i++) list.Add((i, i + 1, 1 + rng.Below(maxWeight)));
        for (int e = 0; e < edges; e++) list.Add((rng.Below(nodes), rng.Below(nodes), 1 + rng.Below(maxWeight)));
        return Graph.FromEdges(nodes, list);
    }

    /// <summary>A side × side grid, each node linked both ways to its four neighbours, weights 1..maxWeight.</summary>
    public static Graph GridGraph(int side, int maxWeight, long seed)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(side, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxWeight, 1);
        var rng = new SplitMix64(seed);
        var list = new List<(int, int, int)>(4 * side * side);
        for (int r = 0; r < side; r++)
        {
            for (int c = 0; c < side; c++)
            {
                int u = r * side + c;
                if (c + 1 < side) { list.Add((u, u + 1, 1 + rng.Below(maxWeight))); list.Add((u + 1, u, 1 + rng.Below(maxWeight))); }
                if (r + 1 < side) { list.Add((u, u + side, 1 + rng.Below(maxWeight))); list.Add((u + side, u, 1 + rng.Below(maxWeight))); }
            }
        }
        return Graph.FromEdges(side * side, list);
    }

    /// <summary>A graph of the named family with about <paramref name="nodes"/> nodes: random with 4n edges, or the grid of side round(sqrt n).</summary>
    public static Graph Create(string family, int nodes, long seed, int maxWeight = 1000) => family switch
    {
        Random => RandomGraph(nodes, checked(4 * nodes), maxWeight, seed),
        Grid => GridGraph(Math.Max(1, (int)Math.Round(Math.Sqrt(nodes))), maxWeight, seed),
        _ => throw new ArgumentException($"unknown graph family '{family}' (expected one of {string.Join(", ", Names)})", nameof(family)),
    };
}
