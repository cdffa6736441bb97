using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using Workbench.Hashing;

namespace Workbench.Filters;

/// <summary>
/// A cache-line blocked Bloom filter (Putze, Sanders &amp; Singler 2007): the array is split into
/// 512-bit blocks, one 64-byte cache line each, and all k probes of a key fall in one block, so a
/// lookup touches one cache line instead of k. The price is a higher false-positive rate at the
/// same memory, because keys spread over blocks unevenly (<see cref="BloomMath.BlockedFpr"/>).
/// From one XXH3-128 hash (a, b): the block is <c>reduce(a, blocks)</c>, and probe i is bit
/// <c>(b · salt_i) &gt;&gt; 55</c> of the block, the top 9 bits of a multiply-shift hash with a fixed
/// odd multiplier per probe (<see cref="BlockSalts"/>), the scheme of Impala's split-block
/// filter. Double hashing inside a block (<c>b + i·s</c>) was tried first and rejected: in a
/// 512-bit space its probes collide and correlate, and the measured rate at 20 bits per key was
/// 2.8 times the Poisson-mixture prediction. The blocks are 64-byte aligned in pinned memory.
/// <para>
/// Speed: the hash is XXH3-128 computed inline (<see cref="Xxh3Of8Bytes"/>, bit-identical to
/// <see cref="KeyHash.Hash128(ulong, long)"/>). With AVX-512 (F and DQ) a lookup tests up to 8
/// probes at once, as the SIMD blocked filters of Impala and of the FastFilter library do with
/// AVX2 (Graf &amp; Lemire 2020): the block is one 512-bit register; <c>vpmullq</c> multiplies b by
/// eight salts, a shift by 55 gives eight bit positions, <c>vpermq</c> picks each probe's 64-bit
/// word (position / 64), <c>vpsllvq</c> builds each probe's bit mask (position mod 64), lanes at
/// or beyond k are masked off, and one compare tests them all. Larger k takes one register per 8
/// probes. An insert builds the key's bits in one register and writes the block once. Without
/// AVX-512 the scalar loops compute the same positions.
/// </para>
/// </summary>
public sealed class BlockedBloomFilter : IMembershipFilter
{
    private const int WordsPerBlock = BloomMath.BlockBits / 64;

    private readonly ulong[] _storage;
    private readonly int _offset;
    // Address of the first aligned block; valid for the filter's lifetime because _storage is pinned.
    private readonly unsafe ulong* _first;
    private readonly ulong _blocks;
    private readonly int _k;
    private readonly long _seed;
    private readonly ulong _bitflip;
    // Lane i of chunk c is all ones when probe 8c + i exists (8c + i < k), zero otherwise;
    // chunk 0 also in a field of its own, so that the common k <= 8 lookup reads no array.
    private readonly Vector512<ulong>[] _activeLanes;
    private readonly Vector512<ulong> _activeLanes0;

    /// <param name="bits">m, rounded up to whole 512-bit blocks.</param>
    /// <param name="hashCount">k, probes per key within its block (1 to 64).</param>
    /// <param name="seed">Seed of the hash function.</param>
    public BlockedBloomFilter(long bits, int hashCount, long seed = 0)
    {
        if (bits < 1) throw new ArgumentOutOfRangeException(nameof(bits), bits, "a blocked Bloom filter needs at least one bit");
        if (hashCount is < 1 or > 64) throw new ArgumentOutOfRangeException(nameof(hashCount), hashCount, "hash count must be between 1 and 64");
        _blocks = (ulong)((bits + BloomMath.BlockBits - 1) / BloomMath.BlockBits);
        _k = hashCount;
        _seed = seed;
        _bitflip = Xxh3Of8Bytes.Bitflip(seed);
        _activeLanes = new Vector512<ulong>[(hashCount + 7) / 8];
        for (int c = 0; c < _activeLanes.Length; c++)
            _activeLanes[c] = Vector512.Create(Enumerable.Range(8 * c, 8).Select(i => i < hashCount ? ulong.MaxValue : 0UL).ToArray());
        _activeLanes0 = _activeLanes[0];
        // Pinned so that the 64-byte alignment computed here stays true for the filter's lifetime.
        _storage = GC.AllocateArray<ulong>(checked((int)(_blocks * WordsPerBlock) + WordsPerBlock), pinned: true);
        unsafe
        {
            nint address = (nint)Unsafe.AsPointer(ref _storage[0]);
            _offset = (int)((64 - (address & 63)) & 63) / sizeof(ulong);
            _first = (ulong*)Unsafe.AsPointer(ref _storage[_offset]);
        }
    }

    public BlockedBloomFilter(BloomSizing sizing, long seed = 0) : this(sizing.Bits, sizing.HashCount, seed) { }

    public long SizeInBits => (long)_blocks * BloomMath.BlockBits;

    public long BlockCount => (long)_blocks;

    public int HashCount => _k;

    public long Seed => _seed;

    /// <summary>True when lookups take the AVX-512 path on this machine (AVX-512 F and DQ, for <c>vpmullq</c>).</summary>
    public static bool IsVectorized => Avx512F.IsSupported && Avx512DQ.IsSupported;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Add(ulong key)
    {
        var (a, b) = Xxh3Of8Bytes.Hash128(key, _bitflip);
        if (IsVectorized) AddToBlockVector(ref BlockStart(a), b, _k);
        else AddToBlockScalar(ref BlockStart(a), b, _k);
    }

    /// <summary>The portable insert, whatever the hardware (for differential tests).</summary>
    internal void AddScalar(ulong key)
    {
        var (a, b) = Xxh3Of8Bytes.Hash128(key, _bitflip);
        AddToBlockScalar(ref BlockStart(a), b, _k);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void AddToBlockScalar(ref ulong block, ulong b, int k)
    {
        ref ulong salt = ref MemoryMarshal.GetArrayDataReference(BlockSalts.Values);
        for (int i = 0; i < k; i++)
        {
            int pos = (int)((b * Unsafe.Add(ref salt, i)) >> 55);
            Unsafe.Add(ref block, pos >> 6) |= 1UL << pos;
        }
    }

    /// <summary>
    /// Builds the key's k bits in a register, then writes the block once. Lane j (word j) of the
    /// mask gets <c>1 &lt;&lt; (pos - 64j)</c> from every probe: <c>vpsllvq</c> yields 0 for a count of
    /// 64 or more, and a probe in another word has such a count (below, through unsigned wrap-around),
    /// so only the probe's own word receives its bit. This replaces k read-modify-writes of the same
    /// cache line, which wait on each other through store forwarding whenever two probes share a word.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void AddToBlockVector(ref ulong block, ulong b, int k)
    {
        ref ulong salt = ref MemoryMarshal.GetArrayDataReference(BlockSalts.Values);
        Vector512<ulong> bits = Vector512<ulong>.Zero;
        for (int i = 0; i < k; i++)
        {
            ulong pos = (b * Unsafe.Add(ref salt, i)) >> 55;
            bits |= Avx512F.ShiftLeftLogicalVariable(Vector512<ulong>.One, Vector512.Create(pos) - BlockSalts.WordOffsets);
        }
        Vector512.StoreUnsafe(Vector512.LoadUnsafe(ref block) | bits, ref block);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool MayContain(ulong key)
    {
        var (a, b) = Xxh3Of8Bytes.Hash128(key, _bitflip);
        ref ulong block = ref BlockStart(a);
        if (IsVectorized)
        {
            if (_k <= 8) return BlockContainsVector8(ref block, b, BlockSalts.Vector0, _activeLanes0);
            return BlockContainsVector(ref block, b, _activeLanes);
        }
        return BlockContainsScalar(ref block, b, _k);
    }

    /// <summary>The portable lookup, whatever the hardware (for differential tests).</summary>
    internal bool MayContainScalar(ulong key)
    {
        var (a, b) = Xxh3Of8Bytes.Hash128(key, _bitflip);
        return BlockContainsScalar(ref BlockStart(a), b, _k);
    }

    /// <summary>The AVX-512 lookup (for differential tests); requires <see cref="IsVectorized"/>.</summary>
    internal bool MayContainVector(ulong key)
    {
        if (!IsVectorized) throw new PlatformNotSupportedException("the vector lookup needs AVX-512 F and DQ");
        var (a, b) = Xxh3Of8Bytes.Hash128(key, _bitflip);
        return BlockContainsVector(ref BlockStart(a), b, _activeLanes);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool BlockContainsScalar(ref ulong block, ulong b, int k)
    {
        ref ulong salt = ref MemoryMarshal.GetArrayDataReference(BlockSalts.Values);
        ulong all = 1;
        for (int i = 0; i < k; i++)
        {
            int pos = (int)((b * Unsafe.Add(ref salt, i)) >> 55);
            all &= Unsafe.Add(ref block, pos >> 6) >> pos;
        }
        return (all & 1) != 0;
    }

    /// <summary>Probes 8c .. 8c + 7 of one key against its block, in one register.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool BlockContainsVector8(ref ulong block, ulong b, Vector512<ulong> salts, Vector512<ulong> active)
    {
        Vector512<ulong> words = Vector512.LoadUnsafe(ref block);
        Vector512<ulong> pos = Vector512.ShiftRightLogical(Vector512.Create(b) * salts, 55);          // 0..511
        Vector512<ulong> word = Avx512F.PermuteVar8x64(words, Vector512.ShiftRightLogical(pos, 6)); // word pos / 64
        Vector512<ulong> mask = Avx512F.ShiftLeftLogicalVariable(Vector512<ulong>.One, pos & Vector512.Create(63UL)) & active;
        return Vector512.EqualsAll(word & mask, mask);
    }

    private static bool BlockContainsVector(ref ulong block, ulong b, Vector512<ulong>[] active)
    {
        for (int c = 0; c < active.Length; c++)
        {
            if (!BlockContainsVector8(ref block, b, BlockSalts.Vectors[c], active[c])) return false;
        }
        return true;
    }

    /// <summary>Bit <paramref name="bit"/> (0..511) of block <paramref name="blockIndex"/>.</summary>
    public bool GetBit(long blockIndex, int bit) =>
        (_storage[_offset + blockIndex * WordsPerBlock + (bit >> 6)] & (1UL << bit)) != 0;

    /// <summary>Fraction of bits set.</summary>
    public double FillRatio()
    {
        long ones = 0;
        foreach (var w in _storage.AsSpan(_offset, (int)_blocks * WordsPerBlock)) ones += (long)ulong.PopCount(w);
        return (double)ones / SizeInBits;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private unsafe ref ulong BlockStart(ulong a)
    {
        ulong block = MulHigh.Of(a, _blocks);   // KeyHash.Reduce(a, blocks)
        return ref *(_first + block * WordsPerBlock);
    }
}

/// <summary>
/// The per-probe odd multipliers of <see cref="BlockedBloomFilter"/>: salt i is the SplitMix64
/// mix of i + 1, forced odd. Fixed forever: changing them changes every blocked filter's bits.
/// </summary>
public static class BlockSalts
{
    public static readonly ulong[] Values = [.. Enumerable.Range(0, 64).Select(i => Hashing.KeyHash.Mix((ulong)i + 1) | 1)];

    /// <summary><see cref="Values"/> in eight 512-bit vectors of eight salts each (chunk c holds salts 8c .. 8c + 7).</summary>
    internal static readonly Vector512<ulong>[] Vectors = [.. Enumerable.Range(0, 8).Select(c => Vector512.Create(Values.AsSpan(8 * c, 8)))];

    /// <summary>The first bit of each of a block's eight words: 0, 64, ..., 448.</summary>
    internal static readonly Vector512<ulong> WordOffsets = Vector512.Create(0UL, 64, 128, 192, 256, 320, 384, 448);

    /// <summary>Salts 0 to 7, a constant to the optimising compiler.</summary>
    internal static readonly Vector512<ulong> Vector0 = Vector512.Create(Values.AsSpan(0, 8));
}
