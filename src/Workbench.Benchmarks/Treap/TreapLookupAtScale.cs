using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;

namespace Workbench.Benchmarks.Treap;

/// <summary>
/// Question: how far is a treap lookup from SortedSet&lt;long&gt;'s once the structures no longer fit
/// in cache (10^6 and 10^7 keys)? The same keys and lookups as the <c>treap/throughput</c> sweep
/// (<see cref="TreapFixture"/>: the even keys below 2n inserted in seeded random order; 2^14 present
/// keys drawn uniformly, or by Zipf rank through a seeded permutation), only treap and SortedSet, both
/// built once per n and kept for both orders, SortedSet the baseline of each (n, order). Run in process
/// without forced collections, since a full collection over 10^7 SortedSet nodes takes seconds:
/// <c>dotnet run -c Release --project src/Workbench.Benchmarks -- --filter '*TreapLookupAtScale*' --job short --inProcess --noForcedGCs</c>.
/// </summary>
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByParams)]
public class TreapLookupAtScale
{
    [Params(1_000_000, 10_000_000)]
    public int Keys { get; set; }

    [Params(TreapFixture.Random, TreapFixture.Zipf)]
    public string Order { get; set; } = TreapFixture.Random;

    private static (int Keys, Trees.Treap Treap, SortedSet<long> SortedSet)? _built;
    private Trees.Treap _treap = null!;
    private SortedSet<long> _sortedSet = null!;
    private long[] _lookups = [];

    [GlobalSetup]
    public void Setup()
    {
        if (_built is not { } b || b.Keys != Keys)
        {
            _built = null;
            GC.Collect();
            var build = TreapFixture.BuildOrder(Keys, TreapFixture.Random);
            var treap = new Trees.Treap(TreapFixture.Seed, Keys);
            foreach (var k in build) treap.Add(k);
            var sortedSet = new SortedSet<long>();
            foreach (var k in build) sortedSet.Add(k);
            _built = (Keys, treap, sortedSet);
        }
        (_, _treap, _sortedSet) = _built.Value;
        _lookups = [.. TreapFixture.Indices(Keys, Order, TreapFixture.OperationCount).Select(i => 2 * i)];
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = TreapFixture.OperationCount)]
    public int SortedSetLookup()
    {
        var s = _sortedSet;
        int hits = 0;
        foreach (var k in _lookups) if (s.Contains(k)) hits++;
        return hits;
    }

    [Benchmark(OperationsPerInvoke = TreapFixture.OperationCount)]
    public int TreapLookup()
    {
        var t = _treap;
        int hits = 0;
        foreach (var k in _lookups) if (t.Contains(k)) hits++;
        return hits;
    }
}
