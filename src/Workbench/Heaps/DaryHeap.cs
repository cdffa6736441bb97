using System.Runtime.CompilerServices;

namespace Workbench.Heaps;

/// <summary>
/// An implicit d-ary min-heap (Johnson 1975, "Priority queues with update and finding minimum
/// spanning trees", IPL 4(3)): node i has children <c>d·i+1 .. d·i+d</c>. Push sifts up over
/// log_d n levels with one comparison each; pop sifts the last entry down from the root, doing
/// d comparisons per level (d - 1 among the children, one against the moving entry), about
/// d·log_d n in all. A larger d means fewer levels and more comparisons per level; LaMarca &amp;
/// Ladner (1996) show that d = 4 wins in practice because the four children of a node share one
/// cache line (see <see cref="HeapStorage"/>), so a pop touches about one line per level over half
/// as many levels as a binary heap. Both sifts move a hole rather than swapping entries.
/// Elements are ids with 64-bit priorities; the same id may be pushed more than once (this heap
/// has no decrease-key; see <see cref="IndexedDaryHeap{TArity}"/>). Not thread-safe.
/// </summary>
/// <typeparam name="TArity"><see cref="Arity2"/>, <see cref="Arity4"/> or <see cref="Arity8"/>: d as a constant the JIT specialises on.</typeparam>
public sealed class DaryHeap<TArity> : IPriorityQueue where TArity : struct, IArity
{
    private HeapStorage _slots;
    private int _count;

    /// <param name="capacity">Initial number of slots; the heap grows by doubling.</param>
    public DaryHeap(int capacity = 16)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(capacity);
        _slots = new HeapStorage(capacity);
    }

    /// <summary>d, children per node.</summary>
    public static int Arity => TArity.D;

    public int Count => _count;

    /// <summary>Removes every element.</summary>
    public void Clear() => _count = 0;

    public void Push(int id, long priority)
    {
        if (_count == _slots.Length) _slots.Grow(_count);
        ref HeapEntry slots = ref _slots.First;
        uint i = (uint)_count++;
        while (i > 0)
        {
            uint parent = (i - 1) / (uint)TArity.D;
            ref HeapEntry p = ref Unsafe.Add(ref slots, parent);
            if (p.Priority <= priority) break;
            Unsafe.Add(ref slots, i) = p;
            i = parent;
        }
        Unsafe.Add(ref slots, i) = new HeapEntry(priority, id);
    }

    public int Pop(out long priority)
    {
        if (_count == 0) throw HeapErrors.Empty(nameof(DaryHeap<TArity>));
        ref HeapEntry slots = ref _slots.First;
        HeapEntry top = slots;
        int n = --_count;
        if (n > 0) SiftDown(ref slots, n, Unsafe.Add(ref slots, n));
        priority = top.Priority;
        return top.Id;
    }

    public int Peek(out long priority)
    {
        if (_count == 0) throw HeapErrors.Empty(nameof(DaryHeap<TArity>));
        ref HeapEntry top = ref _slots.First;
        priority = top.Priority;
        return top.Id;
    }

    /// <summary>The entries in slot order (slot 0 is the root), for printing and invariant checks.</summary>
    public HeapEntry[] ToArray()
    {
        var a = new HeapEntry[_count];
        for (int i = 0; i < _count; i++) a[i] = Unsafe.Add(ref _slots.First, i);
        return a;
    }

    /// <summary>Places <paramref name="item"/> into the hole at the root and sifts it down among the first <paramref name="n"/> slots.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void SiftDown(ref HeapEntry slots, int n, HeapEntry item)
    {
        uint i = 0;
        long key = item.Priority;
        while (true)
        {
            uint first = i * (uint)TArity.D + 1;
            if (first >= (uint)n) break;
            uint best = first;
            long bestKey = Unsafe.Add(ref slots, first).Priority;
            if (first + (uint)TArity.D <= (uint)n)
            {
                // All d children present: a fixed-length loop the JIT can unroll for each d.
                for (uint c = 1; c < (uint)TArity.D; c++)
                {
                    long k = Unsafe.Add(ref slots, first + c).Priority;
                    if (k < bestKey) { bestKey = k; best = first + c; }
                }
            }
            else
            {
                for (uint c = first + 1; c < (uint)n; c++)
                {
                    long k = Unsafe.Add(ref slots, c).Priority;
                    if (k < bestKey) { bestKey = k; best = c; }
                }
            }
            if (key <= bestKey) break;
            Unsafe.Add(ref slots, i) = Unsafe.Add(ref slots, best);
            i = best;
        }
        Unsafe.Add(ref slots, i) = item;
    }
}
