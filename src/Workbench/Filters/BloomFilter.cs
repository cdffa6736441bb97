using System.Runtime.CompilerServices;
using Workbench.Hashing;

namespace Workbench.Filters;

/// <summary>
/// The classic Bloom filter (Bloom 1970): m bits, k probes per key, anywhere in the array.
/// The k probe positions come from one XXH3-128 hash split into two 64-bit halves a and b by
/// double hashing, <c>g_i = a + i·b</c> (Kirsch &amp; Mitzenmacher 2006, "Less hashing, same
/// performance"), each mapped onto [0, m) by a multiply-shift range reduction instead of a
/// division. <see cref="ReferenceBloomFilter"/> computes the same positions the plain way.
/// Not thread-safe for concurrent <see cref="Add"/>.
/// </summary>
public sealed class BloomFilter : IMembershipFilter
{
    private readonly ulong[] _words;
    private readonly ulong _bits;
    private readonly int _k;
    private readonly long _seed;

    /// <param name="bits">m, the number of bits (at least 64).</param>
    /// <param name="hashCount">k, the number of probes (1 to 64).</param>
    /// <param name="seed">Seed of the hash function.</param>
    public BloomFilter(long bits, int hashCount, long seed = 0)
    {
        if (bits < 64) throw new ArgumentOutOfRangeException(nameof(bits), bits, "a Bloom filter needs at least 64 bits");
        if (hashCount is < 1 or > 64) throw new ArgumentOutOfRangeException(nameof(hashCount), hashCount, "hash count must be between 1 and 64");
        _bits = (ulong)bits;
        _k = hashCount;
        _seed = seed;
        _words = new ulong[(bits + 63) / 64];
    }

    public BloomFilter(BloomSizing sizing, long seed = 0) : this(sizing.Bits, sizing.HashCount, seed) { }

    public long SizeInBits => (long)_bits;

    public int HashCount => _k;

    public long Seed => _seed;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Add(ulong key)
    {
        var (a, b) = KeyHash.Hash128(key, _seed);
        ulong[] words = _words;
        for (int i = 0; i < _k; i++)
        {
            ulong pos = KeyHash.Reduce(a, _bits);
            words[pos >> 6] |= 1UL << (int)pos;
            a += b;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool MayContain(ulong key)
    {
        var (a, b) = KeyHash.Hash128(key, _seed);
        ulong[] words = _words;
        for (int i = 0; i < _k; i++)
        {
            ulong pos = KeyHash.Reduce(a, _bits);
            if ((words[pos >> 6] & (1UL << (int)pos)) == 0) return false;
            a += b;
        }
        return true;
    }

    /// <summary>Fraction of bits set; the classic estimate of the false-positive rate is this to the power k.</summary>
    public double FillRatio()
    {
        long ones = 0;
        foreach (var w in _words) ones += (long)ulong.PopCount(w);
        return (double)ones / _bits;
    }

    /// <summary>Bit i of the array (for printing toy filters and for tests).</summary>
    public bool GetBit(long i) => (_words[i >> 6] & (1UL << (int)i)) != 0;
}
