using BenchmarkDotNet.Attributes;
using Workbench.Heaps;

namespace Workbench.Benchmarks.Heaps;

/// <summary>
/// Question: is our 4-ary heap at least as fast as .NET's <see cref="PriorityQueue{TElement, TPriority}"/>
/// (also a 4-ary heap) on push and pop? Each invocation pushes N random priorities (uniform in
/// [0, 2^40)) and pops them all, repeated 2^20 / N times, so the time reported is per push-and-pop
/// pair at N = 2^14 (16,384 elements, 256 KiB: in L2) and N = 2^20 (1,048,576 elements, 16 MiB:
/// past L2). Baseline: <c>PriorityQueue&lt;int, long&gt;</c>, which stores the same 16-byte
/// (element, priority) entries. Binary and 8-ary heaps for context.
/// </summary>
public class HeapPushPop
{
    /// <summary>Push-and-pop pairs per invocation.</summary>
    public const int Operations = 1 << 20;

    [Params(1 << 14, 1 << 20)]
    public int N { get; set; }

    private long[] _priorities = [];
    private PriorityQueue<int, long> _queue = null!;
    private DaryHeap<Arity2> _d2 = null!;
    private DaryHeap<Arity4> _d4 = null!;
    private DaryHeap<Arity8> _d8 = null!;

    [GlobalSetup]
    public void Setup()
    {
        _priorities = HeapFixture.Priorities(N, stream: 0);
        _queue = new PriorityQueue<int, long>(N);
        _d2 = new DaryHeap<Arity2>(N);
        _d4 = new DaryHeap<Arity4>(N);
        _d8 = new DaryHeap<Arity8>(N);
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Operations)]
    public long PriorityQueue()
    {
        var q = _queue;
        var p = _priorities;
        long sum = 0;
        for (int round = Operations / p.Length; round > 0; round--)
        {
            for (int i = 0; i < p.Length; i++) q.Enqueue(i, p[i]);
            while (q.TryDequeue(out _, out long x)) sum += x;
        }
        return sum;
    }

    [Benchmark(OperationsPerInvoke = Operations)]
    public long D4() => Run(_d4);

    [Benchmark(OperationsPerInvoke = Operations)]
    public long D2() => Run(_d2);

    [Benchmark(OperationsPerInvoke = Operations)]
    public long D8() => Run(_d8);

    private long Run<TArity>(DaryHeap<TArity> heap) where TArity : struct, IArity
    {
        var p = _priorities;
        long sum = 0;
        for (int round = Operations / p.Length; round > 0; round--)
        {
            for (int i = 0; i < p.Length; i++) heap.Push(i, p[i]);
            while (heap.Count > 0) { heap.Pop(out long x); sum += x; }
        }
        return sum;
    }
}
