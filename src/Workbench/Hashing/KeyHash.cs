using System.IO.Hashing;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Workbench.Hashing;

/// <summary>
/// The one way keys become hashes in Workbench: XXH3 (System.IO.Hashing) over the key's
/// little-endian bytes, with an explicit seed. Every filter and sketch uses 64-bit hashes; the
/// Bloom filters take the two 64-bit halves of XXH3-128 for double hashing (Kirsch &amp;
/// Mitzenmacher 2006).
/// </summary>
public static class KeyHash
{
    /// <summary>XXH3-64 of the 8 little-endian bytes of <paramref name="key"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Hash64(ulong key, long seed = 0) =>
        XxHash3.HashToUInt64(MemoryMarshal.AsBytes(new ReadOnlySpan<ulong>(ref key)), seed);

    /// <summary>XXH3-64 of arbitrary bytes.</summary>
    public static ulong Hash64(ReadOnlySpan<byte> key, long seed = 0) => XxHash3.HashToUInt64(key, seed);

    /// <summary>XXH3-128 of the key's bytes, as its low and high 64-bit halves.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static (ulong Low, ulong High) Hash128(ulong key, long seed = 0)
    {
        UInt128 h = XxHash128.HashToUInt128(MemoryMarshal.AsBytes(new ReadOnlySpan<ulong>(ref key)), seed);
        return ((ulong)h, (ulong)(h >> 64));
    }

    /// <summary>XXH3-128 of arbitrary bytes, as its low and high 64-bit halves.</summary>
    public static (ulong Low, ulong High) Hash128(ReadOnlySpan<byte> key, long seed = 0)
    {
        UInt128 h = XxHash128.HashToUInt128(key, seed);
        return ((ulong)h, (ulong)(h >> 64));
    }

    /// <summary>
    /// Maps a 64-bit hash uniformly onto [0, <paramref name="range"/>) with one multiplication
    /// (Lemire's "fast range"): the high word of <c>hash * range</c>. Uses the hash's high bits.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Reduce(ulong hash, ulong range) => Math.BigMul(hash, range, out _);

    /// <summary>SplitMix64 finalizer (Steele, Lea &amp; Flood 2014): a bijective 64-bit mixer, used to derive key streams from a seed.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Mix(ulong x)
    {
        x ^= x >> 30; x *= 0xBF58476D1CE4E5B9UL;
        x ^= x >> 27; x *= 0x94D049BB133111EBUL;
        return x ^ (x >> 31);
    }
}
