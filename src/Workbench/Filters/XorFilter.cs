using System.Buffers.Binary;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Workbench.Filters;

/// <summary>
/// The xor filter of Graf &amp; Lemire, "Xor Filters: Faster and Smaller Than Bloom and Cuckoo
/// Filters" (ACM JEA 25, 2020): an array of f-bit fingerprints in three equal blocks; a key's
/// hash picks one slot per block, and the key is reported present when the three slots xor to its
/// fingerprint. Built once from a key set by peeling (section 3, Algorithms 2 and 3; see
/// <see cref="StaticFilterPeeling"/>), retrying with a new seed when peeling stalls. Sizing as in
/// the reference C code (FastFilter <c>xorfilter.h</c>, <c>xor8_allocate</c>):
/// <c>capacity = floor((32 + 1.23 n) / 3) · 3</c> slots, so about 1.23 f bits per key, i.e.
/// 1.23 log2(1/ε) at ε = 2^-f. Slot j of block b: <c>((uint32)(rotl(hash, 21·b)) · blockLength) &gt;&gt; 32</c>
/// (<c>xor8_get_h0_h1_h2</c>). The fingerprint type fixes f: <c>byte</c> (xor8) or <c>ushort</c> (xor16).
/// </summary>
/// <typeparam name="TFingerprint"><c>byte</c> or <c>ushort</c>.</typeparam>
public sealed class XorFilter<TFingerprint> : IStaticMembershipFilter
    where TFingerprint : unmanaged, IBinaryInteger<TFingerprint>, IUnsignedNumber<TFingerprint>
{
    private readonly TFingerprint[] _fingerprints;
    private readonly uint _blockLength;
    private readonly Layout _layout;
    private readonly ulong _seed;

    /// <summary>Builds the filter of a key set.</summary>
    /// <param name="keys">The keys, at least one; duplicates are accepted and stored once.</param>
    /// <param name="seed">Seeds the sequence of hash seeds tried (SplitMix64); the same keys and seed give the same filter.</param>
    public XorFilter(ReadOnlySpan<ulong> keys, long seed = 0)
    {
        FingerprintBits = StaticFilters.BitsOf<TFingerprint>();
        if (keys.Length == 0) throw new ArgumentException("an xor filter needs at least one key", nameof(keys));
        KeyCountGiven = keys.Length;
        _blockLength = BlockLengthFor(keys.Length);
        _fingerprints = new TFingerprint[3 * _blockLength];
        _layout = new Layout(_blockLength);
        Attempts = StaticFilterPeeling.Build(keys, _layout, (ulong)seed, _fingerprints, out _seed, out int stored);
        Count = stored;
    }

    private XorFilter(int keyCountGiven, ulong filterSeed, TFingerprint[] fingerprints, long count, int attempts)
    {
        FingerprintBits = StaticFilters.BitsOf<TFingerprint>();
        KeyCountGiven = keyCountGiven;
        _blockLength = BlockLengthFor(keyCountGiven);
        if (fingerprints.Length != 3 * _blockLength) throw new FormatException($"{fingerprints.Length} fingerprints for {keyCountGiven} keys, expected {3 * _blockLength}");
        _fingerprints = fingerprints;
        _layout = new Layout(_blockLength);
        _seed = filterSeed;
        Count = count;
        Attempts = attempts;
    }

    /// <summary>The reference code's block length for n keys: <c>floor((32 + 1.23 n) / 3)</c>.</summary>
    public static uint BlockLengthFor(long keys)
    {
        if (keys < 1 || keys > int.MaxValue / 2) throw new ArgumentOutOfRangeException(nameof(keys), keys, "key count must be between 1 and 2^30");
        ulong capacity = (ulong)(32 + 1.23 * keys);
        return (uint)(capacity / 3);
    }

    public int FingerprintBits { get; }
    public long Count { get; }
    public int Attempts { get; }

    /// <summary>Keys passed to the constructor, duplicates included (the sizing uses it).</summary>
    public int KeyCountGiven { get; }

    public long SizeInBits => (long)_fingerprints.Length * FingerprintBits;

    /// <summary>Slots of the array, three blocks.</summary>
    public int ArrayLength => _fingerprints.Length;

    /// <summary>The hash seed construction settled on.</summary>
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

    /// <summary>The three slots of a key (for tests and the toy walkthrough).</summary>
    public (uint H0, uint H1, uint H2) Slots(ulong key)
    {
        _layout.Positions(StaticFilterPeeling.Hash(key, _seed), out uint h0, out uint h1, out uint h2);
        return (h0, h1, h2);
    }

    /// <summary>Fingerprint slot i, widened.</summary>
    public ushort FingerprintAt(int i) => ushort.CreateTruncating(_fingerprints[i]);

    /// <summary>Header (magic, kind, f, keys given, keys stored, attempts, seed) and the fingerprints, little-endian.</summary>
    public byte[] Serialize() => StaticFilters.Serialize(StaticFilters.KindXor, FingerprintBits, KeyCountGiven, Count, Attempts, _seed, _fingerprints);

    /// <summary>Reads what <see cref="Serialize"/> wrote; throws <see cref="FormatException"/> naming the bad field.</summary>
    public static XorFilter<TFingerprint> Deserialize(ReadOnlySpan<byte> data)
    {
        var (given, count, attempts, seed, fps) = StaticFilters.Deserialize<TFingerprint>(data, StaticFilters.KindXor);
        return new XorFilter<TFingerprint>(given, seed, fps, count, attempts);
    }

    internal readonly struct Layout(uint blockLength) : IPeelingLayout
    {
        public uint ArrayLength => 3 * blockLength;
        public int SortBits => 0;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Positions(ulong hash, out uint h0, out uint h1, out uint h2)
        {
            h0 = (uint)(((ulong)(uint)hash * blockLength) >> 32);
            h1 = (uint)(((ulong)(uint)BitOperations.RotateLeft(hash, 21) * blockLength) >> 32) + blockLength;
            h2 = (uint)(((ulong)(uint)BitOperations.RotateLeft(hash, 42) * blockLength) >> 32) + 2 * blockLength;
        }
    }
}

/// <summary>Factories by fingerprint width, and the shared serialization of xor and binary fuse filters.</summary>
public static class StaticFilters
{
    internal const byte KindXor = 1, KindBinaryFuse = 2;
    private const uint Magic = 0x5846_4653; // "SFFX"
    private const int HeaderBytes = 40;

    /// <summary>An xor filter with f = <paramref name="fingerprintBits"/> (8 or 16).</summary>
    public static IStaticMembershipFilter Xor(ReadOnlySpan<ulong> keys, int fingerprintBits, long seed = 0) => fingerprintBits switch
    {
        8 => new XorFilter<byte>(keys, seed),
        16 => new XorFilter<ushort>(keys, seed),
        _ => throw new ArgumentOutOfRangeException(nameof(fingerprintBits), fingerprintBits, "xor filters take 8- or 16-bit fingerprints"),
    };

    /// <summary>A binary fuse filter with f = <paramref name="fingerprintBits"/> (8 or 16).</summary>
    public static IStaticMembershipFilter BinaryFuse(ReadOnlySpan<ulong> keys, int fingerprintBits, long seed = 0) => fingerprintBits switch
    {
        8 => new BinaryFuseFilter<byte>(keys, seed),
        16 => new BinaryFuseFilter<ushort>(keys, seed),
        _ => throw new ArgumentOutOfRangeException(nameof(fingerprintBits), fingerprintBits, "binary fuse filters take 8- or 16-bit fingerprints"),
    };

    internal static int BitsOf<T>() where T : unmanaged =>
        typeof(T) == typeof(byte) ? 8 : typeof(T) == typeof(ushort) ? 16
            : throw new ArgumentOutOfRangeException("TFingerprint", typeof(T).Name, "fingerprints are byte (8 bits) or ushort (16 bits)");

    internal static byte[] Serialize<T>(byte kind, int bits, int given, long count, int attempts, ulong seed, T[] fingerprints) where T : unmanaged
    {
        var bytes = MemoryMarshal.AsBytes(fingerprints.AsSpan());
        var data = new byte[HeaderBytes + bytes.Length];
        var s = data.AsSpan();
        BinaryPrimitives.WriteUInt32LittleEndian(s, Magic);
        s[4] = kind;
        s[5] = (byte)bits;
        BinaryPrimitives.WriteInt32LittleEndian(s[8..], given);
        BinaryPrimitives.WriteInt64LittleEndian(s[12..], count);
        BinaryPrimitives.WriteInt32LittleEndian(s[20..], attempts);
        BinaryPrimitives.WriteUInt64LittleEndian(s[24..], seed);
        BinaryPrimitives.WriteInt64LittleEndian(s[32..], fingerprints.Length);
        if (BitConverter.IsLittleEndian) bytes.CopyTo(s[HeaderBytes..]);
        else for (int i = 0; i < fingerprints.Length; i++) WriteLe(s[(HeaderBytes + i * bits / 8)..], fingerprints[i]);
        return data;
    }

    internal static (int Given, long Count, int Attempts, ulong Seed, T[] Fingerprints) Deserialize<T>(ReadOnlySpan<byte> data, byte kind) where T : unmanaged
    {
        int bits = BitsOf<T>();
        if (data.Length < HeaderBytes) throw new FormatException($"filter data too short: {data.Length} bytes, the header alone is {HeaderBytes}");
        if (BinaryPrimitives.ReadUInt32LittleEndian(data) != Magic) throw new FormatException("not a serialized xor or binary fuse filter (bad magic at offset 0)");
        if (data[4] != kind) throw new FormatException($"filter kind {data[4]} at offset 4, expected {kind} ({(kind == KindXor ? "xor" : "binary fuse")})");
        if (data[5] != bits) throw new FormatException($"fingerprint bits {data[5]} at offset 5, expected {bits}");
        int given = BinaryPrimitives.ReadInt32LittleEndian(data[8..]);
        if (given < 1) throw new FormatException($"key count {given} at offset 8 must be positive");
        long count = BinaryPrimitives.ReadInt64LittleEndian(data[12..]);
        if (count < 1 || count > given) throw new FormatException($"stored key count {count} at offset 12 out of range 1..{given}");
        int attempts = BinaryPrimitives.ReadInt32LittleEndian(data[20..]);
        ulong seed = BinaryPrimitives.ReadUInt64LittleEndian(data[24..]);
        long length = BinaryPrimitives.ReadInt64LittleEndian(data[32..]);
        if (length < 0 || data.Length != HeaderBytes + length * bits / 8) throw new FormatException($"fingerprint count {length} at offset 32 does not match the {data.Length - HeaderBytes} bytes that follow the header");
        var fps = new T[length];
        var src = data[HeaderBytes..];
        if (BitConverter.IsLittleEndian) src.CopyTo(MemoryMarshal.AsBytes(fps.AsSpan()));
        else for (int i = 0; i < fps.Length; i++) fps[i] = ReadLe<T>(src[(i * bits / 8)..]);
        return (given, count, attempts, seed, fps);
    }

    private static void WriteLe<T>(Span<byte> s, T v) where T : unmanaged
    {
        if (v is ushort u) BinaryPrimitives.WriteUInt16LittleEndian(s, u);
        else s[0] = Unsafe.As<T, byte>(ref v);
    }

    private static T ReadLe<T>(ReadOnlySpan<byte> s) where T : unmanaged
    {
        if (typeof(T) == typeof(ushort)) { ushort u = BinaryPrimitives.ReadUInt16LittleEndian(s); return Unsafe.As<ushort, T>(ref u); }
        byte b = s[0];
        return Unsafe.As<byte, T>(ref b);
    }
}
