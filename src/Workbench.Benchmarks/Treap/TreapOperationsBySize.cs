using System.Runtime.CompilerServices;
using BenchmarkDotNet.Attributes;

namespace Workbench.Benchmarks.Treap;

/// <summary>
/// Question: how many nanoseconds does one insert, lookup, delete or range scan (of
/// <see cref="TreapFixture.RangeWidth"/> keys) cost in our treap, in SortedSet&lt;long&gt; (a red-black
/// tree) and in SortedDictionary&lt;long, long&gt; (a SortedSet of pairs), at n keys, for sequential,
/// random and Zipf key orders (<see cref="TreapFixture"/>)? Every structure is measured at steady size
/// n: an iteration inserts (or deletes) a batch of n/8 keys at most, and the iteration cleanup undoes
/// it, so the job must run one invocation per iteration (<see cref="TreapThroughputExperiment.JobFor"/>).
/// The grid comes from <see cref="TreapSweep"/>.
/// </summary>
public class TreapOperationsBySize
{
    private object _set = null!;
    private long[] _keys = [];
    private long[] _absent = [];

    [ParamsSource(nameof(StructureValues))]
    public string Structure { get; set; } = TreapFixture.TreapName;

    [ParamsSource(nameof(OperationValues))]
    public string Operation { get; set; } = TreapFixture.Lookup;

    [ParamsSource(nameof(OrderValues))]
    public string Order { get; set; } = TreapFixture.Random;

    [ParamsSource(nameof(KeysValues))]
    public long Keys { get; set; } = 1_000;

    public static IEnumerable<string> StructureValues => TreapSweep.Structures;
    public static IEnumerable<string> OperationValues => TreapSweep.Operations;
    public static IEnumerable<string> OrderValues => TreapSweep.Orders;
    public static IEnumerable<long> KeysValues => TreapSweep.Keys;

    /// <summary>Operations one invocation performs (BenchmarkDotNet's OperationsPerInvoke is fixed per class, so results are divided by this instead).</summary>
    public int OperationsPerInvocation => Operation is TreapFixture.Insert or TreapFixture.Delete ? TreapFixture.UpdateCount(Keys) : TreapFixture.OperationCount;

    [GlobalSetup]
    public void Setup()
    {
        if (!TreapFixture.Supports(Structure, Operation)) throw new NotSupportedException($"{Structure} has no {Operation} operation");
        _set = TreapFixture.Structure(Structure, Keys, Order);
        if (Operation is TreapFixture.Insert or TreapFixture.Delete)
        {
            var indices = TreapFixture.DistinctIndices(Keys, Order, TreapFixture.UpdateCount(Keys));
            _keys = [.. indices.Select(i => 2 * i)];
            _absent = [.. indices.Select(i => 2 * i + 1)];
        }
        else
        {
            var indices = TreapFixture.Indices(Keys, Order, TreapFixture.OperationCount);
            if (Operation == TreapFixture.Range)
            {
                long last = Math.Max(0, Keys - TreapFixture.RangeWidth);
                _keys = [.. indices.Select(i => 2 * Math.Min(i, last))];
            }
            else _keys = [.. indices.Select(i => 2 * i)];
        }
    }

    /// <summary>Undoes the iteration's updates: deletes the inserted keys, re-inserts the deleted ones.</summary>
    [IterationCleanup]
    public void Restore()
    {
        if (Operation == TreapFixture.Insert) Apply(_absent, add: false);
        else if (Operation == TreapFixture.Delete) Apply(_keys, add: true);
    }

    [Benchmark]
    public long Run() => Operation switch
    {
        TreapFixture.Insert => Apply(_absent, add: true),
        TreapFixture.Delete => Apply(_keys, add: false),
        TreapFixture.Lookup => Lookups(),
        _ => Ranges(),
    };

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private long Apply(long[] keys, bool add)
    {
        long changed = 0;
        switch (_set)
        {
            case Trees.Treap t:
                if (add) foreach (var k in keys) { if (t.Add(k)) changed++; }
                else foreach (var k in keys) { if (t.Remove(k)) changed++; }
                break;
            case SortedSet<long> s:
                if (add) foreach (var k in keys) { if (s.Add(k)) changed++; }
                else foreach (var k in keys) { if (s.Remove(k)) changed++; }
                break;
            case SortedDictionary<long, long> d:
                if (add) foreach (var k in keys) { if (d.TryAdd(k, k)) changed++; }
                else foreach (var k in keys) { if (d.Remove(k)) changed++; }
                break;
        }
        return changed;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private long Lookups()
    {
        long hits = 0;
        switch (_set)
        {
            case Trees.Treap t:
                foreach (var k in _keys) if (t.Contains(k)) hits++;
                break;
            case SortedSet<long> s:
                foreach (var k in _keys) if (s.Contains(k)) hits++;
                break;
            case SortedDictionary<long, long> d:
                foreach (var k in _keys) if (d.ContainsKey(k)) hits++;
                break;
        }
        return hits;
    }

    /// <summary>Sums the keys of [low, low + 2·width): the treap walks them in order from the lower bound; SortedSet enumerates its view.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private long Ranges()
    {
        long sum = 0;
        const long span = 2 * TreapFixture.RangeWidth;
        switch (_set)
        {
            case Trees.Treap t:
                foreach (var low in _keys) sum += t.SumRange(low, low + span);
                break;
            case SortedSet<long> s:
                foreach (var low in _keys)
                    foreach (var k in s.GetViewBetween(low, low + span - 1)) sum += k;
                break;
        }
        return sum;
    }
}
