using Workbench.Workloads;
using BenchmarkDotNet.Attributes;
using Workbench.Heaps;

namespace Workbench.Benchmarks.Heaps;

/// <summary>
/// Question: what does a decrease-key mix cost in the addressable heaps, the indexed d-ary heaps
/// (d = 2, 4, 8; Johnson 1975) against the pairing heap (Fredman et al. 1986), whose decrease-key
/// is O(1) but leaves more work for the next pop? Each operation is one pop, one push (of the
/// popped id, its priority plus a random increment) and one decrease-key of a random id by a random amount up
/// to 2^38, so the heap stays at n. The binary heap is the baseline. PriorityQueue has no
/// decrease-key and is not measured here (see <see cref="DijkstraBenchmarks"/> for lazy deletion).
/// </summary>
public class HeapDecreaseKeyBySize
{
    public const int Operations = 1 << 16;

    [ParamsSource(nameof(SizeValues))]
    public int Size { get; set; }

    public static IEnumerable<int> SizeValues => HeapFixture.Sizes;

    private long[] _next = [], _decrease = [];
    private int[] _victims = [];
    private IndexedDaryHeap<Arity2>? _d2;
    private IndexedDaryHeap<Arity4>? _d4;
    private IndexedDaryHeap<Arity8>? _d8;
    private PairingHeap? _pairing;

    [GlobalSetup]
    public void Setup()
    {
        var initial = HeapFixture.Priorities(Size, stream: 0);
        _next = HeapFixture.Priorities(Operations, stream: 1);
        _decrease = HeapFixture.Priorities(Operations, stream: 2).Select(p => p >> 2).ToArray();
        var rng = new SplitMix64(HeapFixture.Seed + 3);
        _victims = [.. Enumerable.Range(0, Operations).Select(_ => rng.Below(Size))];
        _d2 = new IndexedDaryHeap<Arity2>(Size);
        _d4 = new IndexedDaryHeap<Arity4>(Size);
        _d8 = new IndexedDaryHeap<Arity8>(Size);
        _pairing = new PairingHeap(Size);
        for (int i = 0; i < Size; i++)
        {
            _d2.Push(i, initial[i]);
            _d4.Push(i, initial[i]);
            _d8.Push(i, initial[i]);
            _pairing.Push(i, initial[i]);
        }
    }

    [GlobalCleanup]
    public void Cleanup() => (_d2, _d4, _d8, _pairing) = (null, null, null, null);

    [Benchmark(Baseline = true, OperationsPerInvoke = Operations)]
    public long D2() => Mix(_d2!);

    [Benchmark(OperationsPerInvoke = Operations)]
    public long D4() => Mix(_d4!);

    [Benchmark(OperationsPerInvoke = Operations)]
    public long D8() => Mix(_d8!);

    [Benchmark(OperationsPerInvoke = Operations)]
    public long Pairing() => Mix(_pairing!);

    private long Mix<THeap>(THeap h) where THeap : IAddressablePriorityQueue
    {
        long sum = 0;
        long[] next = _next, decrease = _decrease;
        int[] victims = _victims;
        for (int i = 0; i < next.Length; i++)
        {
            int id = h.Pop(out long x);
            sum += x;
            h.Push(id, x + next[i]);
            int v = victims[i];
            h.DecreaseKey(v, h.PriorityOf(v) - decrease[i]);
        }
        return sum;
    }
}
