using System.Globalization;
using Workbench.Experiments;
using Workbench.Heaps;

namespace Workbench.Benchmarks.Heaps;

/// <summary>Parameters of <c>heaps/dijkstra</c>.</summary>
/// <param name="Graphs">Graph families: <c>random</c> (G(n, 4n) plus a path), <c>grid</c> (4-neighbour, side round(sqrt n)).</param>
/// <param name="Nodes">Node counts n.</param>
/// <param name="Heaps">Queues: <c>d2</c>, <c>d4</c>, <c>d8</c>, <c>pairing</c> (decrease-key), <c>priority-queue</c>, <c>d4-lazy</c> (lazy deletion).</param>
/// <param name="Job">BenchmarkDotNet job name.</param>
public sealed record DijkstraParameters(string[] Graphs, int[] Nodes, string[] Heaps, string Job) : IExperimentParameters
{
    public IEnumerable<string> Validate()
    {
        foreach (var e in Check.OneOf("graphs", Graphs ?? [], GraphGenerator.Names)) yield return e;
        foreach (var e in Check.AllInRange("nodes", Nodes ?? [], 4, 5_000_000)) yield return e;
        foreach (var e in Check.OneOf("heaps", Heaps ?? [], HeapFixture.DijkstraNames)) yield return e;
        foreach (var e in Check.OneOf("job", [Job ?? ""], InProcessBenchmark.JobNames)) yield return e;
    }

    public override string ToString() => $"graphs={ParameterBinder.Format(Graphs)}, nodes={ParameterBinder.Format(Nodes)}, heaps={ParameterBinder.Format(Heaps)}, job={Job}";
}

/// <summary>
/// <c>heaps/dijkstra</c>: time per edge of one single-source Dijkstra run on seeded graphs, for
/// each queue (<see cref="DijkstraBenchmarks"/>). Johnson (1975): with decrease-key a d-ary heap
/// runs Dijkstra in O(m log_d n + n·d·log_d n); sparse graphs (m ≈ 4n) favour small d > 2.
/// PriorityQueue has no decrease-key, so it runs with lazy deletion (up to m entries, stale pops
/// skipped). Timing experiment: not deterministic.
/// </summary>
public sealed class DijkstraExperiment : Experiment<DijkstraParameters>
{
    public override string Id => "heaps/dijkstra";
    public override string Title => "Dijkstra time per edge on generated graphs, by priority queue";
    public override bool Deterministic => false;

    public override DijkstraParameters Defaults { get; } = new(GraphGenerator.Names, [.. HeapFixture.DefaultNodes], HeapFixture.DijkstraNames, "sweep");

    public override DijkstraParameters Quick { get; } = new(GraphGenerator.Names, [2_000], HeapFixture.DijkstraNames, "dry");

    public static readonly string[] Columns = ["graph", "graph_family", "nodes", "edges", "edges_per_node", "heap", "ms_per_run", "ns_per_edge", "ns_per_edge_ci_low", "ns_per_edge_ci_high", "job"];

    protected override ResultTable Execute(DijkstraParameters p, int seed, IProgress<ExperimentProgress>? progress, CancellationToken cancellation)
    {
        // Graphs come from HeapFixture.Seed: a timing experiment's numbers do not depend on which graph is drawn.
        var table = new ResultTable(Columns);
        var config = InProcessBenchmark.CreateConfig(InProcessBenchmark.JobFor(p.Job), typeof(DijkstraBenchmarks).Assembly);
        var graphs = p.Graphs.Distinct().ToArray();
        var nodes = p.Nodes.Distinct().Order().ToArray();
        var edges = new Dictionary<(string, int), int>();
        foreach (var g in graphs) foreach (var n in nodes) edges[(g, n)] = DijkstraBenchmarks.EdgeCount(g, n);
        lock (HeapFixture.Gate)
        {
            var (savedGraphs, savedNodes) = (HeapFixture.Graphs, HeapFixture.Nodes);
            try
            {
                (HeapFixture.Graphs, HeapFixture.Nodes) = (graphs, nodes);
                CaseRunner.Run(typeof(DijkstraBenchmarks), config,
                    c =>
                    {
                        string? heap = p.Heaps.FirstOrDefault(h => HeapFixture.MethodOf(h) == c.Descriptor.WorkloadMethod.Name);
                        if (heap is null) return null;
                        string g = (string)c.Parameters["Graph"];
                        int n = (int)c.Parameters["Nodes"];
                        return ((Array.IndexOf(graphs, g) * 100 + Array.IndexOf(nodes, n)) * 100 + Array.IndexOf(p.Heaps, heap), $"{g} graph, n = {n:N0}, {heap}");
                    },
                    (c, t) =>
                    {
                        string heap = p.Heaps.First(h => HeapFixture.MethodOf(h) == c.Descriptor.WorkloadMethod.Name);
                        string g = (string)c.Parameters["Graph"];
                        int n = (int)c.Parameters["Nodes"];
                        int m = edges[(g, n)];
                        var graph = GraphGenerator.Create(g, n, HeapFixture.Seed);
                        table.AddRow(GraphLabel(g, graph.NodeCount, m), g, graph.NodeCount, m, (double)m / graph.NodeCount, heap, t.Mean / 1e6, t.Mean / m, t.Low / m, t.High / m, p.Job);
                    },
                    progress, cancellation);
            }
            finally
            {
                (HeapFixture.Graphs, HeapFixture.Nodes) = (savedGraphs, savedNodes);
            }
        }
        return table;
    }

    /// <summary>The x-axis label of a graph, e.g. <c>random n=100,000 m=500,000</c>.</summary>
    public static string GraphLabel(string family, int nodes, int edges) =>
        string.Create(CultureInfo.InvariantCulture, $"{family} n={nodes:N0} m={edges:N0}");

    public override IReadOnlyList<FigureSpec> Figures(DijkstraParameters p) =>
    [
        new FigureSpec(
            "dijkstra",
            "Dijkstra from one source: time per edge by queue (priority-queue and d4-lazy: lazy deletion)",
            new AxisSpec("edges_per_node", "edges per node m/n (about 4: grid; about 5: random graph)"),
            new AxisSpec("ns_per_edge", "nanoseconds per edge (one thread)"),
            [new SeriesSpec("ns_per_edge", "", SeriesStyle.Measured, "ns_per_edge_ci_low", "ns_per_edge_ci_high")],
            GroupBy: "heap"),
    ];
}
