using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Workbench.Filters;
using Workbench.Hashing;

namespace Workbench.Caching;

/// <summary>
/// TinyLFU's approximate frequency histogram (Einziger, Friedman &amp; Manes, ACM TOS 13(4) 2017,
/// §3.3 and §3.4), laid out as in Caffeine's <c>FrequencySketch</c>: a count-min sketch of depth 4
/// whose 4-bit counters are packed sixteen to a 64-bit word, with all four counters of a key inside
/// one 64-byte block of eight words (one cache line per access). A key's 64-bit XXH3 hash picks the
/// block with its high half; byte i of its low half picks, for row i, one of the two words 2i and
/// 2i+1 of the block (bit 0) and one of that word's sixteen counters (bits 1..4).
/// <para>
/// Aging (the paper's "reset", §3.3): after <see cref="SampleSize"/> successful increments every
/// counter is halved (shifted right by one). Halving loses the low bit of odd counters; as in the
/// paper's §3.3.1 treatment of odd counts (and Caffeine), the running sample size becomes
/// <c>(size - odd/4) / 2</c>, where <c>odd</c> counts odd counters (a key has four), so the next
/// reset comes when the truncation has been made up for. Counters saturate at 15; an increment that
/// changes no counter does not count toward the sample.
/// </para>
/// <para>
/// Options used by the sketch-error experiment: a doorkeeper (§3.4.2), a Bloom filter in front of
/// the counters that absorbs each key's first occurrence since the last reset (estimates add one for
/// keys it holds) and is cleared at each reset; and conservative update (Estan &amp; Varghese 2002),
/// which increments only the counters equal to the key's current minimum.
/// <see cref="ReferenceFrequencySketch"/> is the same sketch written plainly with int counters.
/// </para>
/// </summary>
public sealed class FrequencySketch
{
    private const ulong OneMask = 0x1111_1111_1111_1111UL;
    private const ulong ResetMask = 0x7777_7777_7777_7777UL;

    private readonly ulong[] _table;
    private readonly int _blockMask;
    private readonly ulong _bitflip;
    private readonly BloomFilter? _doorkeeper;
    private readonly bool _conservative;
    private int _size;

    /// <summary>
    /// Sized as Caffeine sizes it for a cache of <paramref name="capacity"/> entries: the next power
    /// of two of 64-bit words at or above the capacity (at least 8, one block), i.e. 16 counters per
    /// entry, four of them per key; sample W = 10 × capacity.
    /// </summary>
    public FrequencySketch(int capacity, long seed = 0)
        : this(WordsFor(capacity), SampleFor(capacity), seed, doorkeeperBits: 0, conservative: false) { }

    /// <param name="words">Number of 64-bit words, a power of two of at least 8.</param>
    /// <param name="sampleSize">W, increments between resets (at least 1).</param>
    /// <param name="seed">Seed of the hash.</param>
    /// <param name="doorkeeperBits">Bits of the doorkeeper Bloom filter (0 for none; else at least 64), probed 4 times per key.</param>
    /// <param name="conservative">Increment only the counters at the current minimum.</param>
    public FrequencySketch(int words, int sampleSize, long seed, long doorkeeperBits, bool conservative)
    {
        if (words < 8 || !BitOperations.IsPow2(words)) throw new ArgumentOutOfRangeException(nameof(words), words, "words must be a power of two of at least 8");
        if (sampleSize < 1) throw new ArgumentOutOfRangeException(nameof(sampleSize), sampleSize, "sampleSize must be at least 1");
        if (doorkeeperBits != 0 && doorkeeperBits < 64) throw new ArgumentOutOfRangeException(nameof(doorkeeperBits), doorkeeperBits, "doorkeeperBits must be 0 (no doorkeeper) or at least 64");
        _table = new ulong[words];
        _blockMask = (words >> 3) - 1;
        _bitflip = Xxh3Of8Bytes.Bitflip(seed);
        SampleSize = sampleSize;
        _doorkeeper = doorkeeperBits == 0 ? null : new BloomFilter(doorkeeperBits, 4, seed ^ 0x5DEECE66DL);
        _conservative = conservative;
        Seed = seed;
    }

    /// <summary>Caffeine's table size for a capacity: max(8, next power of two ≥ capacity) words.</summary>
    public static int WordsFor(int capacity)
    {
        CachePolicies.CheckCapacity(capacity);
        return (int)Math.Max(8, BitOperations.RoundUpToPowerOf2((uint)Math.Min(capacity, 1 << 30)));
    }

    /// <summary>The paper's sample size W = 10 × capacity (§3.3; Caffeine's choice).</summary>
    public static int SampleFor(int capacity) => (int)Math.Min(int.MaxValue, 10L * capacity);

    /// <summary>W: successful increments between two resets.</summary>
    public int SampleSize { get; }

    /// <summary>The hash seed.</summary>
    public long Seed { get; }

    /// <summary>Number of 64-bit words of counters.</summary>
    public int Words => _table.Length;

    /// <summary>Bytes of counters plus doorkeeper bits.</summary>
    public long Bytes => 8L * _table.Length + (_doorkeeper is null ? 0 : (_doorkeeper.SizeInBits + 7) / 8);

    /// <summary>Increments counted since the last reset (after the odd-count correction).</summary>
    public int Size => _size;

    /// <summary>Number of resets performed so far.</summary>
    public long Resets { get; private set; }

    /// <summary>The estimated frequency of <paramref name="key"/> since aging began, 0 to 15 (16 with a doorkeeper).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int Estimate(long key)
    {
        ulong h = Xxh3Of8Bytes.Hash128((ulong)key, _bitflip).Low;
        ref ulong block = ref Block(h);
        uint c = (uint)h;
        int min = Counter(ref block, c, 0);
        min = Math.Min(min, Counter(ref block, c >> 8, 1));
        min = Math.Min(min, Counter(ref block, c >> 16, 2));
        min = Math.Min(min, Counter(ref block, c >> 24, 3));
        if (_doorkeeper is not null && _doorkeeper.MayContain((ulong)key)) min++;
        return min;
    }

    /// <summary>Records one occurrence of <paramref name="key"/>; may trigger a reset.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Increment(long key)
    {
        if (_doorkeeper is not null && !_doorkeeper.MayContain((ulong)key))
        {
            _doorkeeper.Add((ulong)key);
            if (++_size >= SampleSize) Reset();
            return;
        }
        ulong h = Xxh3Of8Bytes.Hash128((ulong)key, _bitflip).Low;
        ref ulong block = ref Block(h);
        uint c = (uint)h;
        bool added;
        if (_conservative)
        {
            int min = Math.Min(Math.Min(Counter(ref block, c, 0), Counter(ref block, c >> 8, 1)),
                               Math.Min(Counter(ref block, c >> 16, 2), Counter(ref block, c >> 24, 3)));
            added = false;
            if (min < 15)
            {
                for (int i = 0; i < 4; i++)
                {
                    if (Counter(ref block, c >> (8 * i), i) == min) { IncrementAt(ref block, c >> (8 * i), i); added = true; }
                }
            }
        }
        else
        {
            added = IncrementAt(ref block, c, 0) | IncrementAt(ref block, c >> 8, 1)
                  | IncrementAt(ref block, c >> 16, 2) | IncrementAt(ref block, c >> 24, 3);
        }
        if (added && ++_size >= SampleSize) Reset();
    }

    /// <summary>
    /// Halves every counter, corrects the sample size for the odd counters' lost halves, and clears
    /// the doorkeeper. Called automatically every <see cref="SampleSize"/> increments.
    /// </summary>
    public void Reset()
    {
        long odd = 0;
        ulong[] t = _table;
        for (int i = 0; i < t.Length; i++)
        {
            odd += BitOperations.PopCount(t[i] & OneMask);
            t[i] = (t[i] >> 1) & ResetMask;
        }
        _size = (int)Math.Max(0, (_size - (odd >> 2)) >> 1);
        _doorkeeper?.Clear();
        Resets++;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private ref ulong Block(ulong h) =>
        ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_table), (nint)(((int)(h >> 32) & _blockMask) << 3));

    /// <summary>Row <paramref name="row"/>'s counter for the key whose hash byte is the low byte of <paramref name="b"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Counter(ref ulong block, uint b, int row)
    {
        ulong word = Unsafe.Add(ref block, (int)(b & 1) + 2 * row);
        return (int)(word >> (int)(((b >> 1) & 15) << 2)) & 15;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool IncrementAt(ref ulong block, uint b, int row)
    {
        ref ulong word = ref Unsafe.Add(ref block, (int)(b & 1) + 2 * row);
        int shift = (int)(((b >> 1) & 15) << 2);
        ulong mask = 15UL << shift;
        if ((word & mask) == mask) return false;
        word += 1UL << shift;
        return true;
    }
}
