using Workbench.Heaps;

namespace Workbench.Tests.Heaps;

/// <summary>The heaps under test by name, and the heap-order invariant checks shared by the heap tests.</summary>
internal static class HeapCheck
{
    public static readonly string[] AddressableNames = ["d2", "d4", "d8", "pairing"];

    public static readonly string[] PlainNames = ["d2", "d4", "d8"];

    public static IAddressablePriorityQueue Addressable(string name, int capacity) => name switch
    {
        "d2" => new IndexedDaryHeap<Arity2>(capacity),
        "d4" => new IndexedDaryHeap<Arity4>(capacity),
        "d8" => new IndexedDaryHeap<Arity8>(capacity),
        "pairing" => new PairingHeap(capacity),
        _ => throw new ArgumentException(name),
    };

    public static IPriorityQueue Plain(string name, int capacity = 4) => name switch
    {
        "d2" => new DaryHeap<Arity2>(capacity),
        "d4" => new DaryHeap<Arity4>(capacity),
        "d8" => new DaryHeap<Arity8>(capacity),
        _ => throw new ArgumentException(name),
    };

    /// <summary>Throws unless every node's priority is at most its children's (and, for indexed heaps, the position map matches the slots).</summary>
    public static void AssertHeapOrdered(IPriorityQueue heap)
    {
        switch (heap)
        {
            case DaryHeap<Arity2> h: AssertArrayOrdered(h.ToArray(), 2); break;
            case DaryHeap<Arity4> h: AssertArrayOrdered(h.ToArray(), 4); break;
            case DaryHeap<Arity8> h: AssertArrayOrdered(h.ToArray(), 8); break;
            case IndexedDaryHeap<Arity2> h: AssertIndexed(h.ToArray(), 2, h.SlotOf); break;
            case IndexedDaryHeap<Arity4> h: AssertIndexed(h.ToArray(), 4, h.SlotOf); break;
            case IndexedDaryHeap<Arity8> h: AssertIndexed(h.ToArray(), 8, h.SlotOf); break;
            case PairingHeap p: AssertPairingOrdered(p); break;
            default: throw new ArgumentException(heap.GetType().Name);
        }
    }

    public static void AssertArrayOrdered(HeapEntry[] slots, int d)
    {
        for (int i = 1; i < slots.Length; i++)
        {
            int parent = (i - 1) / d;
            if (slots[parent].Priority > slots[i].Priority)
                throw new Xunit.Sdk.XunitException($"heap order broken (d = {d}): slot {parent} has {slots[parent].Priority} above slot {i} with {slots[i].Priority}");
        }
    }

    private static void AssertIndexed(HeapEntry[] slots, int d, Func<int, int> slotOf)
    {
        AssertArrayOrdered(slots, d);
        for (int i = 0; i < slots.Length; i++) Assert.Equal(i, slotOf(slots[i].Id));
    }

    private static void AssertPairingOrdered(PairingHeap heap)
    {
        if (heap.Count == 0) { Assert.Equal(-1, heap.Root); return; }
        int seen = 0;
        var stack = new Stack<int>([heap.Root]);
        while (stack.Count > 0)
        {
            int node = stack.Pop();
            seen++;
            foreach (int c in heap.ChildrenOf(node))
            {
                if (heap.PriorityOf(c) < heap.PriorityOf(node))
                    throw new Xunit.Sdk.XunitException($"heap order broken (pairing): node {node} has {heap.PriorityOf(node)} above child {c} with {heap.PriorityOf(c)}");
                stack.Push(c);
            }
        }
        Assert.Equal(heap.Count, seen);
    }
}
