namespace Workbench.Heaps;

/// <summary>What one heap operation cost: comparisons of priorities, levels the hole moved, and distinct 64-byte lines of the slot array it read or wrote.</summary>
public readonly record struct HeapOpCost(int Comparisons, int Levels, int Lines, int UnalignedLines);

/// <summary>
/// A d-ary heap for counting, not for speed: the algorithm of <see cref="DaryHeap{TArity}"/>
/// (same sifts, same comparisons) with d a plain argument, which records for each operation the
/// comparisons, the levels moved and the distinct cache lines of the slot array touched. This is
/// how the experiments explain cache misses without hardware counters, following LaMarca &amp;
/// Ladner (1996), who count misses in a cache simulator: lines are counted for the
/// aligned layout of <see cref="HeapStorage"/> (slot 1 starts a line, so each node's children
/// start a line) and for the same array starting at a line boundary (slot 0 starts a line, so for
/// d = 4 every group of children straddles two lines). Slots are <see cref="EntryBytes"/> bytes.
/// </summary>
public sealed class CountingDaryHeap
{
    /// <summary>Bytes per slot, as <see cref="HeapEntry"/>: an 8-byte priority and a 4-byte id, padded to 16.</summary>
    public const int EntryBytes = 16;

    private const int EntriesPerLine = HeapStorage.LineBytes / EntryBytes;

    private HeapEntry[] _slots = new HeapEntry[16];
    private readonly List<long> _lines = [], _unalignedLines = [];
    private int _comparisons, _levels;

    public CountingDaryHeap(int arity)
    {
        if (arity is < 2 or > 64) throw new ArgumentOutOfRangeException(nameof(arity), arity, "arity must be between 2 and 64");
        Arity = arity;
    }

    public int Arity { get; }

    public int Count { get; private set; }

    /// <summary>Pushes and returns what it cost.</summary>
    public HeapOpCost Push(int id, long priority)
    {
        Begin();
        if (Count == _slots.Length) Array.Resize(ref _slots, _slots.Length * 2);
        int i = Count++;
        while (i > 0)
        {
            int parent = (i - 1) / Arity;
            Touch(parent);
            _comparisons++;
            if (_slots[parent].Priority <= priority) break;
            _slots[i] = _slots[parent];
            Touch(i);
            _levels++;
            i = parent;
        }
        _slots[i] = new HeapEntry(priority, id);
        Touch(i);
        return End();
    }

    /// <summary>Pops the minimum into <paramref name="top"/> and returns what it cost.</summary>
    public HeapOpCost Pop(out HeapEntry top)
    {
        if (Count == 0) throw HeapErrors.Empty(nameof(CountingDaryHeap));
        Begin();
        Touch(0);
        top = _slots[0];
        int n = --Count;
        if (n == 0) return End();
        Touch(n);
        var item = _slots[n];
        int i = 0;
        while (true)
        {
            int first = i * Arity + 1;
            if (first >= n) break;
            int end = Math.Min(first + Arity, n);
            int best = first;
            Touch(first);
            for (int c = first + 1; c < end; c++)
            {
                Touch(c);
                _comparisons++;
                if (_slots[c].Priority < _slots[best].Priority) best = c;
            }
            _comparisons++;
            if (item.Priority <= _slots[best].Priority) break;
            _slots[i] = _slots[best];
            _levels++;
            i = best;
        }
        _slots[i] = item;
        Touch(i);
        return End();
    }

    /// <summary>The slots in order, for printing.</summary>
    public HeapEntry[] ToArray() => _slots[..Count];

    private void Begin()
    {
        _comparisons = _levels = 0;
        _lines.Clear();
        _unalignedLines.Clear();
    }

    private HeapOpCost End() => new(_comparisons, _levels, _lines.Count, _unalignedLines.Count);

    private void Touch(int slot)
    {
        long aligned = (slot + EntriesPerLine - 1) / EntriesPerLine, unaligned = slot / EntriesPerLine;
        if (!_lines.Contains(aligned)) _lines.Add(aligned);
        if (!_unalignedLines.Contains(unaligned)) _unalignedLines.Add(unaligned);
    }
}
