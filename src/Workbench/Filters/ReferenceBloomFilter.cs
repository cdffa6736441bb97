using Workbench.Hashing;

namespace Workbench.Filters;

/// <summary>
/// The reference twin of <see cref="BloomFilter"/> and <see cref="BlockedBloomFilter"/>: the same
/// hash scheme written as plainly as possible (one bool per bit, 128-bit arithmetic spelled out,
/// no unsafe code, no early exits), so that differential tests can check that the fast filters
/// answer exactly as it does. Slow and memory-hungry on purpose; do not use it for measurements.
/// </summary>
public sealed class ReferenceBloomFilter : IMembershipFilter
{
    public enum Layout
    {
        /// <summary>Probes anywhere in the array, as <see cref="BloomFilter"/>.</summary>
        Classic,

        /// <summary>Probes within one 512-bit block, as <see cref="BlockedBloomFilter"/>.</summary>
        Blocked,
    }

    private readonly bool[] _bits;
    private readonly Layout _layout;
    private readonly long _seed;

    public ReferenceBloomFilter(Layout layout, long bits, int hashCount, long seed = 0)
    {
        if (hashCount is < 1 or > 64) throw new ArgumentOutOfRangeException(nameof(hashCount), hashCount, "hash count must be between 1 and 64");
        _layout = layout;
        _seed = seed;
        HashCount = hashCount;
        long size = layout == Layout.Classic
            ? bits
            : (bits + BloomMath.BlockBits - 1) / BloomMath.BlockBits * BloomMath.BlockBits;
        if (size < (layout == Layout.Classic ? 64 : 1)) throw new ArgumentOutOfRangeException(nameof(bits), bits, "too few bits");
        _bits = new bool[size];
    }

    public long SizeInBits => _bits.LongLength;

    public int HashCount { get; }

    public void Add(ulong key)
    {
        foreach (long p in Positions(key)) _bits[p] = true;
    }

    public bool MayContain(ulong key)
    {
        bool all = true;
        foreach (long p in Positions(key)) all = all && _bits[p];
        return all;
    }

    /// <summary>The k bit positions of a key, in probe order.</summary>
    public IEnumerable<long> Positions(ulong key)
    {
        var (a, b) = KeyHash.Hash128(key, _seed);
        var positions = new List<long>();
        if (_layout == Layout.Classic)
        {
            ulong m = (ulong)_bits.LongLength;
            for (int i = 0; i < HashCount; i++)
            {
                ulong g = unchecked(a + (ulong)i * b);              // g_i = a + i·b mod 2^64
                positions.Add((long)(((UInt128)g * m) >> 64));     // floor(g · m / 2^64)
            }
        }
        else
        {
            ulong blocks = (ulong)(_bits.LongLength / BloomMath.BlockBits);
            ulong block = (ulong)(((UInt128)a * blocks) >> 64);
            for (int i = 0; i < HashCount; i++)
            {
                ulong salt = KeyHash.Mix((ulong)i + 1) | 1;        // odd multiplier of probe i
                ulong g = unchecked(b * salt);                     // multiply-shift hash
                long bitInBlock = (long)(g >> 55);                 // top 9 bits: 0..511
                positions.Add((long)block * BloomMath.BlockBits + bitInBlock);
            }
        }
        return positions;
    }
}
