using System.Buffers.Binary;
using System.Runtime.CompilerServices;

namespace Workbench.Hashing;

/// <summary>
/// XXH3-128 of exactly 8 input bytes, written out inline: the <c>XXH3_len_4to8_128b</c> path of
/// the XXH3 specification (Yann Collet, xxHash 0.8, <c>xxhash.h</c>), which is the path
/// <see cref="System.IO.Hashing.XxHash128"/> takes for an 8-byte input with any seed. It returns
/// bit for bit what <see cref="KeyHash.Hash128(ulong, long)"/> returns (a test compares them over
/// millions of random keys and seeds), but costs a handful of instructions instead of a call through
/// the span-based API, which dominated a Bloom filter lookup. Filters fold the seed into
/// <see cref="Bitflip"/> once, at construction.
/// </summary>
public static class Xxh3Of8Bytes
{
    // Bytes 16..23 and 24..31 of XXH3's default 192-byte secret (kSecret), read little-endian.
    private const ulong Secret16 = 0xDB979083E96DD4DEUL;
    private const ulong Secret24 = 0x1F67B3B7A4A44072UL;
    private const ulong Prime64_1 = 0x9E3779B185EBCA87UL;   // XXH_PRIME64_1
    private const ulong PrimeMx2 = 0x9FB21C651E98DF25UL;    // PRIME_MX2
    private const ulong Avalanche = 0x165667919E3779F9UL;   // multiplier of XXH3_avalanche
    private const ulong Length = 8;

    /// <summary>
    /// The seed-dependent constant of the 4-to-8-byte path:
    /// <c>(secret[16..24) ^ secret[24..32)) + (seed ^ (bswap32(seed) &lt;&lt; 32))</c>.
    /// </summary>
    public static ulong Bitflip(long seed)
    {
        ulong s = (ulong)seed;
        s ^= (ulong)BinaryPrimitives.ReverseEndianness((uint)s) << 32;
        return unchecked((Secret16 ^ Secret24) + s);
    }

    /// <summary>XXH3-128 of the 8 little-endian bytes of <paramref name="key"/>, given <c>Bitflip(seed)</c>; the low and high 64-bit halves.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static (ulong Low, ulong High) Hash128(ulong key, ulong bitflip)
    {
        unchecked
        {
            // input_64 = readLE32(input) + (readLE32(input + len - 4) << 32) is the key itself for len = 8.
            ulong keyed = key ^ bitflip;
            const ulong multiplier = Prime64_1 + (Length << 2);
            ulong low = keyed * multiplier;                    // the 128-bit product, as two
            ulong high = MulHigh.Of(keyed, multiplier);        // register-only multiplications
            high += low << 1;
            low ^= high >> 3;
            low ^= low >> 35;       // XXH_xorshift64(low, 35)
            low *= PrimeMx2;
            low ^= low >> 28;       // XXH_xorshift64(low, 28)
            high ^= high >> 37;     // XXH3_avalanche(high)
            high *= Avalanche;
            high ^= high >> 32;
            return (low, high);
        }
    }
}
