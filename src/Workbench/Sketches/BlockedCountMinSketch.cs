using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using Workbench.Hashing;

namespace Workbench.Sketches;

/// <summary>
/// A blocked count-min sketch with 4-bit counters and depth 4, the design of Caffeine's
/// <c>FrequencySketch</c> and BitFaster.Caching's <c>CmSketch</c> (used by TinyLFU, Einziger,
/// Friedman &amp; Manes 2017), built here so that the classic sketch can be compared with them on
/// equal terms. The counters sit in 64-byte blocks (one cache line, 8 words of 16 nibbles); a key
/// picks one block, and in it one counter per row: row i owns words 2i and 2i+1, 32 counters, so a
/// block holds 4 rows x 32 counters and the sketch behaves like a count-min sketch of depth 4 and
/// width 32 x blocks whose four columns are confined to one cache line. Every operation touches
/// one cache line instead of d.
/// <para>
/// Costs of the design against <see cref="CountMinSketch"/>: counters saturate at 15 (no aging
/// here; TinyLFU halves all counters periodically), so estimates are <c>min(f, 15)</c>-bounded
/// from below only while true counts stay under 15; and keys that share a block share all four
/// rows' neighbourhoods, so collisions are more correlated than in d independent rows.
/// Hashing: the low 64-bit half h of XXH3-128 (as Caffeine's sketch, one 64-bit hash per key); the block is
/// <c>reduce(h, blocks)</c> (the high word of <c>h·blocks</c>, so the block comes from h's top bits), row i's
/// counter is chosen by bits 8i..8i+4 of h (bit 8i picks the word, the next four the nibble).
/// <see cref="ReferenceBlockedCountMinSketch"/> is the plainly written twin.
/// </para>
/// </summary>
public sealed unsafe class BlockedCountMinSketch
{
    /// <summary>Rows (hash functions) per key: 4.</summary>
    public const int Depth = 4;

    /// <summary>Counters per row in one block: 32.</summary>
    public const int CountersPerRowPerBlock = 32;

    /// <summary>Largest value a 4-bit counter holds.</summary>
    public const int MaxCount = 15;

    private const int WordsPerBlock = 8;

    private readonly ulong[] _storage;
    private readonly int _offset;
    private readonly ulong* _table;   // the first 64-byte aligned word of the pinned _storage
    private readonly ulong _blocks;
    private readonly ulong _bitflip;

    /// <param name="blocks">Number of 64-byte blocks, 1 to 2^26 (4 GiB).</param>
    /// <param name="seed">Seed of the hash function.</param>
    /// <param name="update">Classic (increment all four counters) or conservative (only the smallest).</param>
    public BlockedCountMinSketch(long blocks, long seed = 0, CountMinUpdate update = CountMinUpdate.Classic)
    {
        if (blocks < 1 || blocks > 1L << 26) throw new ArgumentOutOfRangeException(nameof(blocks), blocks, "blocks must be between 1 and 2^26");
        if (!Enum.IsDefined(update)) throw new ArgumentOutOfRangeException(nameof(update), update, "update must be Classic or Conservative");
        _blocks = (ulong)blocks;
        Seed = seed;
        Update = update;
        _bitflip = Xxh3Of8Bytes.Bitflip(seed);
        // Pinned so that the 64-byte alignment computed here holds for the sketch's lifetime.
        _storage = GC.AllocateArray<ulong>(checked((int)(blocks * WordsPerBlock) + WordsPerBlock), pinned: true);
        nint address = (nint)Unsafe.AsPointer(ref _storage[0]);
        _offset = (int)((64 - (address & 63)) & 63) / sizeof(ulong);
        _table = (ulong*)Unsafe.AsPointer(ref _storage[_offset]);
    }

    /// <summary>The sketch with at least <paramref name="width"/> counters per row (rounded up to whole blocks of 32).</summary>
    public static BlockedCountMinSketch ForWidth(long width, long seed = 0, CountMinUpdate update = CountMinUpdate.Classic)
    {
        if (width < 1) throw new ArgumentOutOfRangeException(nameof(width), width, "width must be at least 1");
        return new((width + CountersPerRowPerBlock - 1) / CountersPerRowPerBlock, seed, update);
    }

    public long Blocks => (long)_blocks;

    /// <summary>Counters per row: 32 per block.</summary>
    public long Width => (long)_blocks * CountersPerRowPerBlock;

    public long Seed { get; }

    public CountMinUpdate Update { get; }

    /// <summary>Memory of the counters: 64 bytes per block.</summary>
    public long SizeInBytes => (long)_blocks * 64;

    /// <summary>Adds one occurrence of <paramref name="key"/>; counters stop at 15.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Increment(ulong key)
    {
        // One 64-bit hash: its high bits pick the block (multiply-shift), its low 29 bits the four counters.
        ulong b = Xxh3Of8Bytes.Hash128(key, _bitflip).Low;
        ulong* block = _table + (MulHigh.Of(b, _blocks) << 3);   // the block index is below _blocks: no bounds to check
        // Row i: word 2i + bit 8i of b; nibble = bits 8i+1..8i+4, so its bit shift (4 · nibble) is
        // bits 8i+1..8i+4 moved to 2..5: one shift and one mask.
        int s0 = (int)((b << 1) & 60), s1 = (int)((b >> 7) & 60), s2 = (int)((b >> 15) & 60), s3 = (int)((b >> 23) & 60);
        ref ulong r0 = ref block[b & 1];
        ref ulong r1 = ref block[2 + ((b >> 8) & 1)];
        ref ulong r2 = ref block[4 + ((b >> 16) & 1)];
        ref ulong r3 = ref block[6 + ((b >> 24) & 1)];
        ulong c0 = (r0 >> s0) & 15, c1 = (r1 >> s1) & 15, c2 = (r2 >> s2) & 15, c3 = (r3 >> s3) & 15;
        if (Update == CountMinUpdate.Classic)
        {
            // All four saturated: nothing to write. Skipping the stores keeps a hot key's cache line clean, as
            // Caffeine's FrequencySketch.incrementAt (and BitFaster's scalar path) writes a counter only below 15.
            if ((c0 & c1 & c2 & c3) == 15) return;
            // Branch-free saturating increment: add 1 unless the counter is already 15.
            r0 += (ulong)(c0 != 15 ? 1 : 0) << s0;
            r1 += (ulong)(c1 != 15 ? 1 : 0) << s1;
            r2 += (ulong)(c2 != 15 ? 1 : 0) << s2;
            r3 += (ulong)(c3 != 15 ? 1 : 0) << s3;
        }
        else
        {
            ulong min = Min4(c0, c1, c2, c3);
            if (min == 15) return;
            // Conservative update with a unit count: only the counters equal to the estimate rise.
            r0 += (ulong)(c0 == min ? 1 : 0) << s0;
            r1 += (ulong)(c1 == min ? 1 : 0) << s1;
            r2 += (ulong)(c2 == min ? 1 : 0) << s2;
            r3 += (ulong)(c3 == min ? 1 : 0) << s3;
        }
    }

    /// <summary>The estimate of <paramref name="key"/>'s count, 0 to 15: the smallest of its four counters.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int Estimate(ulong key)
    {
        // One 64-bit hash: its high bits pick the block (multiply-shift), its low 29 bits the four counters.
        ulong b = Xxh3Of8Bytes.Hash128(key, _bitflip).Low;
        ulong* block = _table + (MulHigh.Of(b, _blocks) << 3);
        if (Avx2.IsSupported) return EstimateAvx2(block, b);
        ulong c0 = (block[b & 1] >> (int)((b << 1) & 60)) & 15;
        ulong c1 = (block[2 + ((b >> 8) & 1)] >> (int)((b >> 7) & 60)) & 15;
        ulong c2 = (block[4 + ((b >> 16) & 1)] >> (int)((b >> 15) & 60)) & 15;
        ulong c3 = (block[6 + ((b >> 24) & 1)] >> (int)((b >> 23) & 60)) & 15;
        return (int)Min4(c0, c1, c2, c3);
    }

    // Lane i of the index vectors serves row i: the shifts that bring bits 8i+1..8i+4 of the hash to
    // bits 2..5 (the counter's bit offset) and bit 8i to bit 1 (twice the word's index within the row).
    private static readonly Vector256<ulong> RowShifts = Vector256.Create(0UL, 8, 16, 24);
    // Dword pair of row i's first word in its half of the block: rows 0 and 2 start at dword 0, rows 1 and 3 at 4.
    private static readonly Vector256<ulong> RowBase = Vector256.Create(1UL << 32, 4 | (5UL << 32), 1UL << 32, 4 | (5UL << 32));
    private static readonly Vector256<int> LowDwords = Vector256.Create(0, 2, 4, 6, 0, 2, 4, 6);

    /// <summary><see cref="Estimate"/> with AVX2: the four counters' words picked out of the 64-byte block with two
    /// permutes and a blend, shifted and masked in one go, and the minimum taken across the lanes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int EstimateAvx2(ulong* block, ulong b)
    {
        var shifted = Avx2.ShiftRightLogicalVariable(Vector256.Create(b << 1), RowShifts);
        var offsets = shifted & Vector256.Create(60UL);               // bit offset of row i's counter in its word
        var twice = shifted & Vector256.Create(2UL);                  // 2 · (row i's word bit)
        var control = (twice | Avx2.ShiftLeftLogical(twice, 32)) + RowBase;
        var low = Avx2.PermuteVar8x32(Avx.LoadAlignedVector256(block).AsInt32(), control.AsInt32());      // rows 0, 1
        var high = Avx2.PermuteVar8x32(Avx.LoadAlignedVector256(block + 4).AsInt32(), control.AsInt32()); // rows 2, 3
        var words = Avx2.Blend(low, high, 0b1111_0000).AsUInt64();
        var counters = Avx2.ShiftRightLogicalVariable(words, offsets) & Vector256.Create(15UL);
        var four = Avx2.PermuteVar8x32(counters.AsInt32(), LowDwords).GetLower().AsUInt32();
        var two = Sse41.Min(four, Sse2.Shuffle(four, 0b01_00_11_10));
        var one = Sse41.Min(two, Sse2.Shuffle(two, 0b10_11_00_01));
        return (int)one.ToScalar();
    }

    /// <summary>The smallest of four counters, without branches: <see cref="Math.Min(ulong, ulong)"/> compiles to
    /// compare-and-jump, and on random keys those jumps are mispredicted about half the time.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Min4(ulong c0, ulong c1, ulong c2, ulong c3)
    {
        // For counters below 2^63: min(a, b) = b + ((a - b) & sign(a - b)).
        static long Min(long a, long b)
        {
            long d = a - b;
            return b + (d & (d >> 63));
        }
        return (ulong)Min(Min((long)c0, (long)c1), Min((long)c2, (long)c3));
    }

    /// <summary>The counter of <paramref name="row"/> (0 to 3) at <paramref name="slot"/> (0 to 31) of <paramref name="block"/>; slot = 16·(word bit) + nibble.</summary>
    public int Counter(long block, int row, int slot)
    {
        ulong word = _storage[_offset + (int)block * WordsPerBlock + 2 * row + (slot >> 4)];
        return (int)((word >> ((slot & 15) << 2)) & 15);
    }

    /// <summary>Adds <paramref name="other"/>'s counters into this one, saturating at 15. Same block count and seed required.</summary>
    public void Merge(BlockedCountMinSketch other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (other.Blocks != Blocks) throw new ArgumentException($"cannot merge a sketch of {other.Blocks} blocks into one of {Blocks}: block counts must match", nameof(other));
        if (other.Seed != Seed) throw new ArgumentException($"cannot merge sketches with different seeds ({other.Seed} and {Seed})", nameof(other));
        int n = (int)_blocks * WordsPerBlock;
        for (int i = 0; i < n; i++)
        {
            ulong x = _storage[_offset + i], y = other._storage[other._offset + i], r = 0;
            for (int s = 0; s < 64; s += 4) r |= Math.Min(((x >> s) & 15) + ((y >> s) & 15), 15UL) << s;
            _storage[_offset + i] = r;
        }
    }
}
