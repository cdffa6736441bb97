using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Workbench.Hashing;

namespace Workbench.Filters;

/// <summary>
/// The 3-wise binary fuse filter of Graf &amp; Lemire, "Binary Fuse Filters: Fast and Smaller Than
/// Xor Filters" (ACM JEA 27, 2022): like an xor filter, a key is present when its three slots xor
/// to its fingerprint, but the array is cut into segments of a power-of-two length L, and a key's
/// three slots lie in three consecutive segments starting at a segment chosen by its hash
/// (sections 3 and 4). The locality makes peeling succeed at a smaller overhead, about 1.125 f bits
/// per key at a million keys instead of 1.23 f, and lets construction sort keys by segment first.
/// <para>
/// Sizing and hashing as in the reference C code (FastFilter <c>binaryfusefilter.h</c>):
/// <c>L = 2^floor(ln n / ln 3.33 + 2.25)</c>, at most 2^18 (<c>binary_fuse_calculate_segment_length</c>);
/// size factor <c>max(1.125, 0.875 + 0.25 ln(10^6) / ln n)</c> (<c>binary_fuse_calculate_size_factor</c>);
/// capacity <c>round(n · factor)</c> rounded to whole segments, plus two (<c>binary_fuse8_allocate</c>);
/// slots <c>h0 = mulhi(hash, segmentCount · L)</c>, <c>h1 = (h0 + L) ^ ((hash &gt;&gt; 18) &amp; (L - 1))</c>,
/// <c>h2 = (h0 + 2L) ^ (hash &amp; (L - 1))</c> (<c>binary_fuse8_hash_batch</c>). Construction sorts the
/// hashes by their top bits into segment order before peeling, as <c>binary_fuse8_populate</c> does.
/// </para>
/// </summary>
/// <typeparam name="TFingerprint"><c>byte</c> (binary fuse 8) or <c>ushort</c> (binary fuse 16).</typeparam>
public sealed class BinaryFuseFilter<TFingerprint> : IStaticMembershipFilter
    where TFingerprint : unmanaged, IBinaryInteger<TFingerprint>, IUnsignedNumber<TFingerprint>
{
    private readonly TFingerprint[] _fingerprints;
    private readonly Sizing _sizing;
    private readonly Layout _layout;
    private readonly ulong _seed;

    /// <summary>Builds the filter of a key set.</summary>
    /// <param name="keys">The keys, at least one; duplicates are accepted and stored once.</param>
    /// <param name="seed">Seeds the sequence of hash seeds tried (SplitMix64); the same keys and seed give the same filter.</param>
    public BinaryFuseFilter(ReadOnlySpan<ulong> keys, long seed = 0)
    {
        FingerprintBits = StaticFilters.BitsOf<TFingerprint>();
        if (keys.Length == 0) throw new ArgumentException("a binary fuse filter needs at least one key", nameof(keys));
        KeyCountGiven = keys.Length;
        _sizing = Sizing.For(keys.Length);
        _fingerprints = new TFingerprint[_sizing.ArrayLength];
        _layout = new Layout(_sizing);
        Attempts = StaticFilterPeeling.Build(keys, _layout, (ulong)seed, _fingerprints, out _seed, out int stored);
        Count = stored;
    }

    private BinaryFuseFilter(int keyCountGiven, ulong filterSeed, TFingerprint[] fingerprints, long count, int attempts)
    {
        FingerprintBits = StaticFilters.BitsOf<TFingerprint>();
        KeyCountGiven = keyCountGiven;
        _sizing = Sizing.For(keyCountGiven);
        if (fingerprints.Length != _sizing.ArrayLength) throw new FormatException($"{fingerprints.Length} fingerprints for {keyCountGiven} keys, expected {_sizing.ArrayLength}");
        _fingerprints = fingerprints;
        _layout = new Layout(_sizing);
        _seed = filterSeed;
        Count = count;
        Attempts = attempts;
    }

    public int FingerprintBits { get; }
    public long Count { get; }
    public int Attempts { get; }

    /// <summary>Keys passed to the constructor, duplicates included (the sizing uses it).</summary>
    public int KeyCountGiven { get; }

    public long SizeInBits => (long)_fingerprints.Length * FingerprintBits;

    public int ArrayLength => _fingerprints.Length;

    /// <summary>L, slots per segment.</summary>
    public int SegmentLength => (int)_sizing.SegmentLength;

    /// <summary>Segments a key's first slot can start in (the array holds two more).</summary>
    public int SegmentCount => (int)_sizing.SegmentCount;

    public ulong FilterSeed => _seed;

    public double BitsPerKey => (double)SizeInBits / Count;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool MayContain(ulong key)
    {
        ulong hash = StaticFilterPeeling.Hash(key, _seed);
        TFingerprint f = StaticFilterPeeling.Fingerprint<TFingerprint>(hash);
        _layout.Positions(hash, out uint h0, out uint h1, out uint h2);
        ref TFingerprint fp = ref MemoryMarshal.GetArrayDataReference(_fingerprints);
        return (f ^ Unsafe.Add(ref fp, h0) ^ Unsafe.Add(ref fp, h1) ^ Unsafe.Add(ref fp, h2)) == TFingerprint.Zero;
    }

    public (uint H0, uint H1, uint H2) Slots(ulong key)
    {
        _layout.Positions(StaticFilterPeeling.Hash(key, _seed), out uint h0, out uint h1, out uint h2);
        return (h0, h1, h2);
    }

    public ushort FingerprintAt(int i) => ushort.CreateTruncating(_fingerprints[i]);

    public byte[] Serialize() => StaticFilters.Serialize(StaticFilters.KindBinaryFuse, FingerprintBits, KeyCountGiven, Count, Attempts, _seed, _fingerprints);

    public static BinaryFuseFilter<TFingerprint> Deserialize(ReadOnlySpan<byte> data)
    {
        var (given, count, attempts, seed, fps) = StaticFilters.Deserialize<TFingerprint>(data, StaticFilters.KindBinaryFuse);
        return new BinaryFuseFilter<TFingerprint>(given, seed, fps, count, attempts);
    }

    /// <summary>The array geometry of <c>binary_fuse8_allocate</c> for arity 3.</summary>
    internal readonly record struct Sizing(uint SegmentLength, uint SegmentCount, uint ArrayLength)
    {
        public uint SegmentLengthMask => SegmentLength - 1;
        public uint SegmentCountLength => SegmentCount * SegmentLength;

        public static Sizing For(long keys)
        {
            if (keys < 1 || keys > int.MaxValue / 2) throw new ArgumentOutOfRangeException(nameof(keys), keys, "key count must be between 1 and 2^30");
            const uint arity = 3;
            uint size = (uint)keys;
            uint segmentLength = 1u << (int)Math.Floor(Math.Log(size) / Math.Log(3.33) + 2.25);
            if (segmentLength > 262144) segmentLength = 262144;
            double sizeFactor = size <= 1 ? 0 : Math.Max(1.125, 0.875 + 0.25 * Math.Log(1000000.0) / Math.Log(size));
            uint capacity = size <= 1 ? 0 : (uint)Math.Round(size * sizeFactor);
            uint initSegmentCount = unchecked((capacity + segmentLength - 1) / segmentLength - (arity - 1));
            uint arrayLength = unchecked((initSegmentCount + arity - 1) * segmentLength);
            uint segmentCount = (arrayLength + segmentLength - 1) / segmentLength;
            segmentCount = segmentCount <= arity - 1 ? 1 : segmentCount - (arity - 1);
            arrayLength = (segmentCount + arity - 1) * segmentLength;
            return new Sizing(segmentLength, segmentCount, arrayLength);
        }
    }

    internal readonly struct Layout(Sizing sizing) : IPeelingLayout
    {
        private readonly ulong _segmentCountLength = sizing.SegmentCountLength;
        private readonly uint _segmentLength = sizing.SegmentLength;
        private readonly uint _mask = sizing.SegmentLengthMask;
        private readonly uint _arrayLength = sizing.ArrayLength;
        private readonly int _sortBits = BlockBits(sizing.SegmentCount);

        public uint ArrayLength => _arrayLength;

        /// <summary>The C code's <c>blockBits</c>: the smallest b with 2^b at least the segment count.</summary>
        public int SortBits => _sortBits;

        private static int BlockBits(uint segmentCount)
        {
            int b = 1;
            while ((1u << b) < segmentCount) b++;
            return b;
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Positions(ulong hash, out uint h0, out uint h1, out uint h2)
        {
            h0 = (uint)MulHigh.Of(hash, _segmentCountLength);
            h1 = h0 + _segmentLength;
            h2 = h1 + _segmentLength;
            h1 ^= (uint)(hash >> 18) & _mask;
            h2 ^= (uint)hash & _mask;
        }
    }
}
