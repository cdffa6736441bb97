using System.Runtime.CompilerServices;

namespace Workbench.Heaps;

/// <summary>
/// A d-ary min-heap over the ids <c>0 .. capacity-1</c> with decrease-key, as Johnson (1975)
/// uses it for Dijkstra's and Prim's algorithms: beside the slot array (the same cache-line
/// aligned layout as <see cref="DaryHeap{TArity}"/>) a position map gives each present id's slot,
/// updated on every move, so <see cref="DecreaseKey"/> finds its entry in O(1) and sifts it up in
/// O(log_d n). The map costs one extra write per moved entry. Not thread-safe.
/// </summary>
/// <typeparam name="TArity"><see cref="Arity2"/>, <see cref="Arity4"/> or <see cref="Arity8"/>.</typeparam>
public sealed class IndexedDaryHeap<TArity> : IAddressablePriorityQueue where TArity : struct, IArity
{
    private readonly HeapStorage _slots;
    private readonly int[] _position; // slot of each id, -1 when absent
    private int _count;

    /// <param name="capacity">Ids are 0 .. capacity-1; the heap holds at most that many elements.</param>
    public IndexedDaryHeap(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(capacity);
        _slots = new HeapStorage(capacity);
        _position = new int[capacity];
        Array.Fill(_position, -1);
    }

    public static int Arity => TArity.D;

    public int Count => _count;

    public int Capacity => _position.Length;

    public bool Contains(int id) => (uint)id < (uint)_position.Length && _position[id] >= 0;

    public long PriorityOf(int id)
    {
        if (!Contains(id)) throw HeapErrors.NotPresent(id);
        return Unsafe.Add(ref _slots.First, _position[id]).Priority;
    }

    /// <summary>Removes every element.</summary>
    public void Clear()
    {
        for (int i = 0; i < _count; i++) _position[Unsafe.Add(ref _slots.First, i).Id] = -1;
        _count = 0;
    }

    public void Push(int id, long priority)
    {
        if ((uint)id >= (uint)_position.Length) throw HeapErrors.IdOutOfRange(id, _position.Length);
        if (_position[id] >= 0) throw HeapErrors.AlreadyPresent(id);
        SiftUp(ref _slots.First, (uint)_count++, new HeapEntry(priority, id));
    }

    public void DecreaseKey(int id, long priority)
    {
        if (!Contains(id)) throw HeapErrors.NotPresent(id);
        ref HeapEntry slots = ref _slots.First;
        int at = _position[id];
        long current = Unsafe.Add(ref slots, at).Priority;
        if (priority > current) throw HeapErrors.NotADecrease(id, current, priority);
        SiftUp(ref slots, (uint)at, new HeapEntry(priority, id));
    }

    public int Pop(out long priority)
    {
        if (_count == 0) throw HeapErrors.Empty(nameof(IndexedDaryHeap<TArity>));
        ref HeapEntry slots = ref _slots.First;
        HeapEntry top = slots;
        _position[top.Id] = -1;
        int n = --_count;
        if (n > 0) SiftDown(ref slots, n, Unsafe.Add(ref slots, n));
        priority = top.Priority;
        return top.Id;
    }

    public int Peek(out long priority)
    {
        if (_count == 0) throw HeapErrors.Empty(nameof(IndexedDaryHeap<TArity>));
        ref HeapEntry top = ref _slots.First;
        priority = top.Priority;
        return top.Id;
    }

    /// <summary>The entries in slot order (slot 0 is the root).</summary>
    public HeapEntry[] ToArray()
    {
        var a = new HeapEntry[_count];
        for (int i = 0; i < _count; i++) a[i] = Unsafe.Add(ref _slots.First, i);
        return a;
    }

    /// <summary>The slot of a present id, for invariant checks of the position map; -1 when absent.</summary>
    internal int SlotOf(int id) => _position[id];

    private void SiftUp(ref HeapEntry slots, uint i, HeapEntry item)
    {
        int[] position = _position;
        while (i > 0)
        {
            uint parent = (i - 1) / (uint)TArity.D;
            HeapEntry p = Unsafe.Add(ref slots, parent);
            if (p.Priority <= item.Priority) break;
            Unsafe.Add(ref slots, i) = p;
            position[p.Id] = (int)i;
            i = parent;
        }
        Unsafe.Add(ref slots, i) = item;
        position[item.Id] = (int)i;
    }

    private void SiftDown(ref HeapEntry slots, int n, HeapEntry item)
    {
        int[] position = _position;
        uint i = 0;
        long key = item.Priority;
        while (true)
        {
            uint first = i * (uint)TArity.D + 1;
            if (first >= (uint)n) break;
            uint best = first;
            long bestKey = Unsafe.Add(ref slots, first).Priority;
            uint end = Math.Min(first + (uint)TArity.D, (uint)n);
            for (uint c = first + 1; c < end; c++)
            {
                long k = Unsafe.Add(ref slots, c).Priority;
                if (k < bestKey) { bestKey = k; best = c; }
            }
            if (key <= bestKey) break;
            HeapEntry moved = Unsafe.Add(ref slots, best);
            Unsafe.Add(ref slots, i) = moved;
            position[moved.Id] = (int)i;
            i = best;
        }
        Unsafe.Add(ref slots, i) = item;
        position[item.Id] = (int)i;
    }
}
