using CsCheck;
using Workbench.Heaps;

namespace Workbench.Tests.Heaps;

/// <summary>Dijkstra with every heap, and with lazy deletion on PriorityQueue, finds the distances Bellman-Ford finds.</summary>
public class ShortestPathTests
{
    private static readonly Gen<(int Nodes, (int, int, int)[] Edges, int Source)> Graphs =
        Gen.Int[1, 40].SelectMany(n => Gen.Select(
            Gen.Const(n),
            Gen.Select(Gen.Int[0, n - 1], Gen.Int[0, n - 1], Gen.Int[0, 20]).Array[0, 200],
            Gen.Int[0, n - 1]));

    [Fact]
    public void Dijkstra_with_every_heap_matches_Bellman_Ford_on_random_small_graphs() =>
        Graphs.Sample(c =>
        {
            var g = Graph.FromEdges(c.Nodes, c.Edges);
            var expected = ShortestPaths.BellmanFord(g, c.Source);
            foreach (var name in HeapCheck.AddressableNames)
            {
                var heap = HeapCheck.Addressable(name, c.Nodes);
                Assert.Equal(expected, ShortestPaths.Dijkstra(g, c.Source, heap).Distances);
                Assert.Equal(0, heap.Count);
            }
            Assert.Equal(expected, ShortestPaths.Dijkstra(g, c.Source, new ReferencePriorityQueue(c.Nodes)).Distances);
            Assert.Equal(expected, ShortestPaths.DijkstraLazy(g, c.Source, new PriorityQueue<int, long>()).Distances);
            Assert.Equal(expected, ShortestPaths.DijkstraLazy(g, c.Source, new DaryHeap<Arity4>()).Distances);
        }, iter: 200);

    [Theory]
    [InlineData("random")]
    [InlineData("grid")]
    public void Generated_graphs_are_reproducible_and_connected_from_node_0(string family)
    {
        var a = GraphGenerator.Create(family, 400, seed: 3);
        var b = GraphGenerator.Create(family, 400, seed: 3);
        Assert.Equal(a.Targets, b.Targets);
        Assert.Equal(a.Weights, b.Weights);
        Assert.NotEqual(a.Weights, GraphGenerator.Create(family, 400, seed: 4).Weights);
        var d = ShortestPaths.Dijkstra(a, 0, new IndexedDaryHeap<Arity4>(a.NodeCount));
        Assert.DoesNotContain(ShortestPaths.Unreachable, d.Distances);
        Assert.Equal(ShortestPaths.BellmanFord(a, 0), d.Distances);
        Assert.Equal(a.NodeCount, d.Pops);
    }

    [Fact]
    public void Lazy_deletion_pops_stale_entries_that_decrease_key_avoids()
    {
        var g = GraphGenerator.Create("random", 2000, seed: 5);
        var eager = ShortestPaths.Dijkstra(g, 0, new IndexedDaryHeap<Arity4>(g.NodeCount));
        var lazy = ShortestPaths.DijkstraLazy(g, 0, new PriorityQueue<int, long>());
        Assert.True(eager.DecreaseKeys > 0);
        Assert.Equal(eager.Pushes + eager.DecreaseKeys, lazy.Pushes);
        Assert.Equal(lazy.Pushes - g.NodeCount, lazy.StalePops);
    }

    [Fact]
    public void Bad_arguments_are_named()
    {
        var g = GraphGenerator.Create("grid", 9, seed: 1);
        Assert.Equal("source", Assert.ThrowsAny<ArgumentException>(() => ShortestPaths.BellmanFord(g, 9)).ParamName);
        Assert.Equal("heap", Assert.Throws<ArgumentException>(() => ShortestPaths.Dijkstra(g, 0, new PairingHeap(3))).ParamName);
        Assert.Equal("family", Assert.Throws<ArgumentException>(() => GraphGenerator.Create("tree", 9, 1)).ParamName);
        Assert.Equal("weights", Assert.Throws<ArgumentException>(() => Graph.FromEdges(2, [(0, 1, -1)])).ParamName);
    }
}
