using Workbench.Workloads;
using CsCheck;
using Workbench.Heaps;

namespace Workbench.Tests.Heaps;

/// <summary>
/// Differential tests: random sequences of push, pop, peek and decrease-key run on a fast heap and
/// on <see cref="ReferencePriorityQueue"/> (a sorted list) give the same counts, the same minimum
/// priorities and the same errors after every step, and the fast heap stays heap-ordered.
/// </summary>
public class HeapDifferentialTests
{
    private const int Ids = 48;

    /// <summary>An operation: 0 push, 1 pop, 2 peek, 3 decrease-key; an id; a priority (or, for decrease-key, a change).</summary>
    private static readonly Gen<(int Kind, int Id, long Value)[]> Ops =
        Gen.Select(Gen.Int[0, 3], Gen.Int[0, Ids - 1], Gen.Long[-40, 40]).Array[0, 250];

    public static TheoryData<string> Addressable => [.. HeapCheck.AddressableNames];

    public static TheoryData<string> Plain => [.. HeapCheck.PlainNames];

    [Theory]
    [MemberData(nameof(Addressable))]
    public void Addressable_heap_answers_as_the_sorted_list_after_every_operation(string name) =>
        Ops.Sample(ops =>
        {
            var fast = HeapCheck.Addressable(name, Ids);
            var reference = new ReferencePriorityQueue(Ids);
            foreach (var (kind, id, value) in ops)
            {
                switch (kind)
                {
                    case 0:
                        SameOutcome(() => fast.Push(id, value), () => reference.Push(id, value));
                        break;
                    case 1:
                        PopBoth(fast, reference);
                        break;
                    case 2:
                        PeekBoth(fast, reference);
                        break;
                    default:
                        long target = reference.Contains(id) ? reference.PriorityOf(id) - value : value;
                        SameOutcome(() => fast.DecreaseKey(id, target), () => reference.DecreaseKey(id, target));
                        break;
                }
                Assert.Equal(reference.Count, fast.Count);
                for (int i = 0; i < Ids; i++) Assert.Equal(reference.Contains(i), fast.Contains(i));
                HeapCheck.AssertHeapOrdered(fast);
            }
            while (reference.Count > 0) PopBoth(fast, reference);
            Assert.Equal(0, fast.Count);
        }, iter: 150);

    [Theory]
    [MemberData(nameof(Plain))]
    public void Plain_heap_answers_as_the_sorted_list_after_every_operation(string name) =>
        Ops.Sample(ops =>
        {
            var fast = HeapCheck.Plain(name, capacity: 2);
            var reference = new ReferencePriorityQueue(ops.Length);
            int next = 0;
            foreach (var (kind, _, value) in ops)
            {
                if (kind is 0 or 3) { fast.Push(next, value); reference.Push(next, value); next++; }
                else if (kind == 1) PopBoth(fast, reference);
                else PeekBoth(fast, reference);
                Assert.Equal(reference.Count, fast.Count);
                HeapCheck.AssertHeapOrdered(fast);
            }
        }, iter: 150);

    [Theory]
    [MemberData(nameof(Addressable))]
    public void Draining_a_heap_gives_the_priorities_in_sorted_order(string name)
    {
        const int n = 20_000;
        var rng = new SplitMix64(11);
        var priorities = Enumerable.Range(0, n).Select(_ => (long)rng.Below(1000)).ToArray();
        var heap = HeapCheck.Addressable(name, n);
        for (int i = 0; i < n; i++) heap.Push(i, priorities[i]);
        var drained = new long[n];
        for (int i = 0; i < n; i++) { int id = heap.Pop(out drained[i]); Assert.Equal(priorities[id], drained[i]); }
        Array.Sort(priorities);
        Assert.Equal(priorities, drained);
    }

    private static void PopBoth(IPriorityQueue fast, ReferencePriorityQueue reference)
    {
        if (reference.Count == 0) { Assert.Throws<InvalidOperationException>(() => fast.Pop(out _)); return; }
        reference.Peek(out long expected);
        int id = fast.Pop(out long got);
        Assert.Equal(expected, got);
        Assert.Equal(expected, reference.PriorityOf(id)); // ties may be broken differently: follow the fast heap's choice
        reference.Remove(id);
    }

    private static void PeekBoth(IPriorityQueue fast, ReferencePriorityQueue reference)
    {
        if (reference.Count == 0) { Assert.Throws<InvalidOperationException>(() => fast.Peek(out _)); return; }
        reference.Peek(out long expected);
        int id = fast.Peek(out long got);
        Assert.Equal(expected, got);
        Assert.Equal(expected, reference.PriorityOf(id));
    }

    /// <summary>Both succeed, or both throw an ArgumentException naming the same parameter.</summary>
    private static void SameOutcome(Action fast, Action reference)
    {
        string? referenceError = null;
        try { reference(); } catch (ArgumentException e) { referenceError = e.ParamName; }
        if (referenceError is null) { fast(); return; }
        var error = Assert.ThrowsAny<ArgumentException>(fast);
        Assert.Equal(referenceError, error.ParamName);
    }
}
