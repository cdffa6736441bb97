using Workbench.Filters;
using Workbench.Hashing;

namespace Workbench.Caching;

/// <summary>
/// <see cref="FrequencySketch"/> written plainly, for differential tests: a count-min sketch with
/// one <c>int</c> per counter (capped at 15 like a 4-bit one), the same cell of the same key in
/// each of the four rows (computed with <see cref="KeyHash.Hash128(ulong, long)"/> and explicit
/// arithmetic instead of packed words), the same aging rule (halve all counters after W increments,
/// size becomes <c>(size - odd/4) / 2</c>) and the same optional doorkeeper and conservative update.
/// </summary>
public sealed class ReferenceFrequencySketch
{
    private readonly int[] _counters;   // word w's counter j is _counters[16 w + j]
    private readonly int _blocks;
    private readonly long _seed;
    private readonly BloomFilter? _doorkeeper;
    private readonly bool _conservative;

    public ReferenceFrequencySketch(int capacity, long seed = 0)
        : this(FrequencySketch.WordsFor(capacity), FrequencySketch.SampleFor(capacity), seed, 0, false) { }

    public ReferenceFrequencySketch(int words, int sampleSize, long seed, long doorkeeperBits, bool conservative)
    {
        _ = new FrequencySketch(words, sampleSize, seed, doorkeeperBits, conservative); // same argument checks
        _counters = new int[16 * words];
        _blocks = words / 8;
        _seed = seed;
        SampleSize = sampleSize;
        _doorkeeper = doorkeeperBits == 0 ? null : new BloomFilter(doorkeeperBits, 4, seed ^ 0x5DEECE66DL);
        _conservative = conservative;
    }

    public int SampleSize { get; }

    public int Size { get; private set; }

    /// <summary>The four counter indices of <paramref name="key"/>, row 0 to 3.</summary>
    public int[] Cells(long key)
    {
        ulong h = KeyHash.Hash128((ulong)key, _seed).Low;
        long block = (long)((h >> 32) % (ulong)_blocks);   // _blocks is a power of two: same as masking
        var cells = new int[4];
        for (int row = 0; row < 4; row++)
        {
            ulong b = (h >> (8 * row)) & 0xFF;
            long word = 8 * block + 2 * row + (long)(b % 2);
            long counter = (long)(b / 2 % 16);
            cells[row] = (int)(16 * word + counter);
        }
        return cells;
    }

    public int Estimate(long key)
    {
        int min = Cells(key).Min(c => _counters[c]);
        if (_doorkeeper is not null && _doorkeeper.MayContain((ulong)key)) min++;
        return min;
    }

    public void Increment(long key)
    {
        if (_doorkeeper is not null && !_doorkeeper.MayContain((ulong)key))
        {
            _doorkeeper.Add((ulong)key);
            Count();
            return;
        }
        int[] cells = Cells(key);
        int min = cells.Min(c => _counters[c]);
        bool added = false;
        foreach (int c in cells)
        {
            if (_counters[c] < 15 && (!_conservative || _counters[c] == min))
            {
                _counters[c]++;
                added = true;
            }
        }
        if (added) Count();
    }

    private void Count()
    {
        Size++;
        if (Size >= SampleSize) Reset();
    }

    public void Reset()
    {
        int odd = 0;
        for (int i = 0; i < _counters.Length; i++)
        {
            if (_counters[i] % 2 == 1) odd++;
            _counters[i] /= 2;
        }
        Size = Math.Max(0, (Size - odd / 4) / 2);
        _doorkeeper?.Clear();
    }
}
