using BenchmarkDotNet.Attributes;
using Workbench.Heaps;

namespace Workbench.Benchmarks.Heaps;

/// <summary>
/// Question: which queue makes Dijkstra's algorithm fastest on a sparse graph? One run from node
/// 0 per invocation on a seeded graph (<see cref="GraphGenerator"/>: random with m = 5n edges
/// including the path, or a 4-neighbour grid), with decrease-key on our heaps (Johnson 1975), and
/// with lazy deletion on .NET's PriorityQueue (the baseline: it has no decrease-key) and on our
/// 4-ary heap. Graph families and sizes come from <see cref="HeapFixture.Graphs"/> and
/// <see cref="HeapFixture.Nodes"/>, which the <c>heaps/dijkstra</c> experiment sets.
/// </summary>
public class DijkstraBenchmarks
{
    [ParamsSource(nameof(GraphValues))]
    public string Graph { get; set; } = GraphGenerator.Random;

    [ParamsSource(nameof(NodeValues))]
    public int Nodes { get; set; }

    public static IEnumerable<string> GraphValues => HeapFixture.Graphs;

    public static IEnumerable<int> NodeValues => HeapFixture.Nodes;

    private Graph? _graph;

    [GlobalSetup]
    public void Setup() => _graph = GraphGenerator.Create(Graph, Nodes, HeapFixture.Seed);

    [GlobalCleanup]
    public void Cleanup() => _graph = null;

    /// <summary>Edges of the graph this case runs on (for ns per edge).</summary>
    public static int EdgeCount(string graph, int nodes) => GraphGenerator.Create(graph, nodes, HeapFixture.Seed).EdgeCount;

    [Benchmark(Baseline = true)]
    public long PriorityQueue() => ShortestPaths.DijkstraLazy(_graph!, 0, new PriorityQueue<int, long>()).Pops;

    [Benchmark]
    public long D4Lazy() => ShortestPaths.DijkstraLazy(_graph!, 0, new DaryHeap<Arity4>()).Pops;

    [Benchmark]
    public long D2() => ShortestPaths.Dijkstra(_graph!, 0, new IndexedDaryHeap<Arity2>(_graph!.NodeCount)).Pops;

    [Benchmark]
    public long D4() => ShortestPaths.Dijkstra(_graph!, 0, new IndexedDaryHeap<Arity4>(_graph!.NodeCount)).Pops;

    [Benchmark]
    public long D8() => ShortestPaths.Dijkstra(_graph!, 0, new IndexedDaryHeap<Arity8>(_graph!.NodeCount)).Pops;

    [Benchmark]
    public long Pairing() => ShortestPaths.Dijkstra(_graph!, 0, new PairingHeap(_graph!.NodeCount)).Pops;
}
