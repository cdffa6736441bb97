using BenchmarkDotNet.Attributes;
using Workbench.Heaps;

namespace Workbench.Benchmarks.Heaps;

/// <summary>
/// Question: how does the cost of a pop-then-push pair (the "hold" workload of LaMarca &amp;
/// Ladner 1996) grow with the heap size, for d = 2, 4, 8, the pairing heap and .NET's
/// PriorityQueue (baseline)? Each heap is filled with n random priorities; each invocation does
/// 2^16 pairs, each pushing the popped priority plus a random increment (Jones 1986), so the heap
/// stays at n and each pushed entry lands at a random depth. Sizes come from
/// <see cref="HeapFixture.Sizes"/>, which the <c>heaps/throughput</c> experiment sets.
/// </summary>
public class HeapHoldBySize
{
    public const int Operations = 1 << 16;

    [ParamsSource(nameof(SizeValues))]
    public int Size { get; set; }

    public static IEnumerable<int> SizeValues => HeapFixture.Sizes;

    private long[] _next = [];
    private PriorityQueue<int, long>? _queue;
    private DaryHeap<Arity2>? _d2;
    private DaryHeap<Arity4>? _d4;
    private DaryHeap<Arity8>? _d8;
    private PairingHeap? _pairing;

    [GlobalSetup]
    public void Setup()
    {
        var initial = HeapFixture.Priorities(Size, stream: 0);
        _next = HeapFixture.Priorities(Operations, stream: 1);
        _queue = new PriorityQueue<int, long>(Size);
        _d2 = new DaryHeap<Arity2>(Size);
        _d4 = new DaryHeap<Arity4>(Size);
        _d8 = new DaryHeap<Arity8>(Size);
        _pairing = new PairingHeap(Size);
        for (int i = 0; i < Size; i++)
        {
            _queue.Enqueue(i, initial[i]);
            _d2.Push(i, initial[i]);
            _d4.Push(i, initial[i]);
            _d8.Push(i, initial[i]);
            _pairing.Push(i, initial[i]);
        }
    }

    [GlobalCleanup]
    public void Cleanup() => (_queue, _d2, _d4, _d8, _pairing) = (null, null, null, null, null);

    [Benchmark(Baseline = true, OperationsPerInvoke = Operations)]
    public long PriorityQueue()
    {
        var q = _queue!;
        long sum = 0;
        foreach (long p in _next)
        {
            q.TryDequeue(out int id, out long x);
            sum += x;
            q.Enqueue(id, x + p);
        }
        return sum;
    }

    [Benchmark(OperationsPerInvoke = Operations)]
    public long D2() => Hold(_d2!);

    [Benchmark(OperationsPerInvoke = Operations)]
    public long D4() => Hold(_d4!);

    [Benchmark(OperationsPerInvoke = Operations)]
    public long D8() => Hold(_d8!);

    [Benchmark(OperationsPerInvoke = Operations)]
    public long Pairing()
    {
        var h = _pairing!;
        long sum = 0;
        foreach (long p in _next)
        {
            int id = h.Pop(out long x);
            sum += x;
            h.Push(id, x + p);
        }
        return sum;
    }

    private long Hold<TArity>(DaryHeap<TArity> h) where TArity : struct, IArity
    {
        long sum = 0;
        foreach (long p in _next)
        {
            int id = h.Pop(out long x);
            sum += x;
            h.Push(id, x + p);
        }
        return sum;
    }
}
