using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Workbench.Trees;
using Workbench.Workloads;

namespace Workbench.Benchmarks.Treap;

/// <summary>
/// Questions, at one million keys (the even numbers below 2·10^6, inserted in a seeded random order),
/// SortedSet&lt;long&gt; the baseline of every category:
/// <list type="bullet">
/// <item><c>lookup</c>: is a treap lookup within 1.5 times a red-black tree's? (2^14 random present keys;
/// the sorted-list reference twin, binary search over a contiguous array, shown beside them.)</item>
/// <item><c>range-count</c>: how many keys lie in [a, b) (about 1,000 of them)? The treap answers with two
/// ranks (subtree sizes, O(log n)); SortedSet's view counts by walking (O(k)).</item>
/// <item><c>range-move</c>: cut the keys of [a, b) (about 1,000) out into a set of their own and put them
/// back. The treap splits twice and joins (Seidel &amp; Aragon, section 2: O(log n) each, no key
/// touched); SortedSet copies its view out, clears it, and re-adds the keys one at a time.</item>
/// </list>
/// 256 ranges per invocation for the range categories.
/// </summary>
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class TreapVsSortedSet
{
    public const int Keys = 1_000_000;
    public const int Lookups = 1 << 14;
    public const int Ranges = 256;

    /// <summary>Keys per range: the ranges cover this many consecutive keys.</summary>
    public const int RangeKeys = 1_000;

    private Trees.Treap _treap = null!;
    private SortedSet<long> _sortedSet = null!;
    private ReferenceOrderedSet _reference = null!;
    private long[] _lookups = [];
    private long[] _rangeStarts = [];

    // Built once per process and shared by the cases: every benchmark leaves the key sets as it found them.
    private static (Trees.Treap Treap, SortedSet<long> SortedSet, ReferenceOrderedSet Reference)? _built;

    [GlobalSetup]
    public void Setup()
    {
        if (_built is null)
        {
            var build = TreapFixture.BuildOrder(Keys, TreapFixture.Random);
            var treap = new Trees.Treap(TreapFixture.Seed, Keys);
            var sortedSet = new SortedSet<long>();
            var reference = new ReferenceOrderedSet();
            foreach (var k in build) { treap.Add(k); sortedSet.Add(k); }
            foreach (var k in build.Order()) reference.Add(k);
            _built = (treap, sortedSet, reference);
        }
        (_treap, _sortedSet, _reference) = _built.Value;
        _lookups = [.. TreapFixture.Indices(Keys, TreapFixture.Random, Lookups).Select(i => 2 * i)];
        var random = new SplitMix64(TreapFixture.Seed + 9);
        _rangeStarts = [.. Enumerable.Range(0, Ranges).Select(_ => 2 * random.NextLong(Keys - RangeKeys))];
    }

    /// <summary>Keeps the treap that range moves rebuilt (same keys, new wrapper object) for the next case.</summary>
    [GlobalCleanup]
    public void Cleanup()
    {
        if (_built is { } b) _built = (_treap, b.SortedSet, b.Reference);
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Lookups), BenchmarkCategory("lookup")]
    public int SortedSetLookup()
    {
        var s = _sortedSet;
        int hits = 0;
        foreach (var k in _lookups) if (s.Contains(k)) hits++;
        return hits;
    }

    [Benchmark(OperationsPerInvoke = Lookups), BenchmarkCategory("lookup")]
    public int TreapLookup()
    {
        var t = _treap;
        int hits = 0;
        foreach (var k in _lookups) if (t.Contains(k)) hits++;
        return hits;
    }

    [Benchmark(OperationsPerInvoke = Lookups), BenchmarkCategory("lookup")]
    public int ReferenceLookup()
    {
        var r = _reference;
        int hits = 0;
        foreach (var k in _lookups) if (r.Contains(k)) hits++;
        return hits;
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Ranges), BenchmarkCategory("range-count")]
    public long SortedSetRangeCount()
    {
        long total = 0;
        foreach (var a in _rangeStarts) total += _sortedSet.GetViewBetween(a, a + 2 * RangeKeys - 1).Count;
        return total;
    }

    [Benchmark(OperationsPerInvoke = Ranges), BenchmarkCategory("range-count")]
    public long TreapRangeCount()
    {
        long total = 0;
        foreach (var a in _rangeStarts) total += _treap.CountRange(a, a + 2 * RangeKeys);
        return total;
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Ranges), BenchmarkCategory("range-move")]
    public long SortedSetRangeMove()
    {
        long moved = 0;
        foreach (var a in _rangeStarts)
        {
            var view = _sortedSet.GetViewBetween(a, a + 2 * RangeKeys - 1);
            var cut = new SortedSet<long>(view);
            view.Clear();
            foreach (var k in cut) _sortedSet.Add(k);
            moved += cut.Count;
        }
        return moved;
    }

    [Benchmark(OperationsPerInvoke = Ranges), BenchmarkCategory("range-move")]
    public long TreapRangeMove()
    {
        long moved = 0;
        var t = _treap;
        foreach (var a in _rangeStarts)
        {
            var (below, rest) = t.Split(a);
            var (cut, above) = rest.Split(a + 2 * RangeKeys);
            moved += cut.Count;
            var without = Trees.Treap.Join(below, above);
            var (left, right) = without.Split(a);
            t = Trees.Treap.Join(Trees.Treap.Join(left, cut), right);
        }
        _treap = t;
        return moved;
    }
}
