using System.Numerics;
using System.Runtime.CompilerServices;

namespace Workbench.Caching;

/// <summary>
/// An allocation-free map from 64-bit keys to non-negative slot numbers: open addressing with
/// linear probing over a power-of-two table kept at most half full, Fibonacci hashing
/// (multiplication by 2^64/φ, top bits), and backward-shift deletion (Knuth, TAOCP vol. 3,
/// Algorithm 6.4R) so that no tombstones accumulate however many keys come and go. The policies
/// use it as their key → slot directory; it never grows beyond the entry count given at
/// construction, and adding more is a bug that throws.
/// </summary>
internal struct KeyIndex
{
    private readonly long[] _keys;
    private readonly int[] _slots;   // slot + 1; 0 marks an empty cell
    private readonly int _shift;
    private readonly int _mask;
    private readonly int _maxCount;
    private int _count;

    /// <param name="maxCount">The most keys held at once.</param>
    public KeyIndex(int maxCount)
    {
        if (maxCount < 1) throw new ArgumentOutOfRangeException(nameof(maxCount), maxCount, "maxCount must be at least 1");
        int size = (int)BitOperations.RoundUpToPowerOf2((uint)Math.Max(8, 2L * maxCount));
        _keys = new long[size];
        _slots = new int[size];
        _mask = size - 1;
        _shift = 64 - BitOperations.Log2((uint)size);
        _maxCount = maxCount;
    }

    public readonly int Count => _count;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private readonly int Home(long key) => (int)(((ulong)key * 0x9E3779B97F4A7C15UL) >> _shift);

    /// <summary>The slot of <paramref name="key"/>, or -1 when absent.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public readonly int Find(long key)
    {
        long[] keys = _keys;
        int[] slots = _slots;
        int i = Home(key);
        while (true)
        {
            int s = slots[i];
            if (s == 0) return -1;
            if (keys[i] == key) return s - 1;
            i = (i + 1) & _mask;
        }
    }

    /// <summary>Adds <paramref name="key"/> (which must be absent) with <paramref name="slot"/>.</summary>
    public void Add(long key, int slot)
    {
        if (_count >= _maxCount) throw new InvalidOperationException($"KeyIndex is full ({_maxCount} keys)");
        long[] keys = _keys;
        int[] slots = _slots;
        int i = Home(key);
        while (slots[i] != 0)
        {
            if (keys[i] == key) throw new InvalidOperationException($"key {key} is already indexed");
            i = (i + 1) & _mask;
        }
        keys[i] = key;
        slots[i] = slot + 1;
        _count++;
    }

    /// <summary>Changes the slot of <paramref name="key"/>, which must be present.</summary>
    public readonly void Set(long key, int slot)
    {
        int i = Cell(key);
        if (i < 0) throw new InvalidOperationException($"key {key} is not indexed");
        _slots[i] = slot + 1;
    }

    /// <summary>Removes <paramref name="key"/>; returns its slot, or -1 if it was absent.</summary>
    public int Remove(long key)
    {
        int i = Cell(key);
        if (i < 0) return -1;
        long[] keys = _keys;
        int[] slots = _slots;
        int removed = slots[i] - 1;
        // Backward-shift deletion: move later members of the probe run into the hole when the hole
        // lies cyclically between their home cell and their current cell.
        int hole = i;
        int j = i;
        while (true)
        {
            j = (j + 1) & _mask;
            if (slots[j] == 0) break;
            int home = Home(keys[j]);
            bool movable = hole <= j ? (home <= hole || home > j) : (home <= hole && home > j);
            if (movable)
            {
                keys[hole] = keys[j];
                slots[hole] = slots[j];
                hole = j;
            }
        }
        slots[hole] = 0;
        _count--;
        return removed;
    }

    /// <summary>Removes every key.</summary>
    public void Clear()
    {
        Array.Clear(_slots);
        _count = 0;
    }

    private readonly int Cell(long key)
    {
        int i = Home(key);
        while (true)
        {
            int s = _slots[i];
            if (s == 0) return -1;
            if (_keys[i] == key) return i;
            i = (i + 1) & _mask;
        }
    }
}
