using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Workbench.Hashing;

namespace Workbench.Filters;

/// <summary>
/// The cuckoo filter of Fan, Andersen, Kaminsky &amp; Mitzenmacher, "Cuckoo Filter: Practically
/// Better Than Bloom" (CoNEXT 2014): a table of 2^j buckets of <see cref="BucketSize"/> = 4 slots,
/// each slot an f-bit fingerprint (1 &lt;= f &lt;= 16, bit-packed, 4f bits per bucket). A key lives in
/// one of two buckets, <c>i1 = hash &gt;&gt; 32 mod 2^j</c> and <c>i2 = i1 ^ (tag · 0x5bd1e995) mod 2^j</c>
/// (partial-key cuckoo hashing, section 3.1: the alternate bucket is computed from the fingerprint
/// alone, so an entry can move without its key). Supports deletion of added keys (section 3.3).
/// <para>
/// The layout, the sizing and the insertion follow the authors' reference code
/// (github.com/efficient/cuckoofilter, <c>cuckoofilter.h</c> and <c>singletable.h</c>): the tag is the
/// low f bits of the 64-bit hash with 0 mapped to 1 (0 marks an empty slot), the bucket count is
/// the power of two above capacity / 4, doubled when the load would exceed 96%, and an insert that
/// finds both buckets full evicts a random entry of the current bucket up to
/// <see cref="MaxKicks"/> = 500 times. When the kicks run out, the last homeless entry is kept in
/// a one-entry <em>victim</em> cache, exactly as the reference code does: that insert succeeds (no
/// key is lost), lookups and deletions consult the victim, and every later <see cref="TryAdd"/>
/// returns false without changing the filter until a deletion frees room. The hash is
/// <see cref="KeyHash.Mix"/> of <c>key + seed</c>; the eviction choices come from a SplitMix64
/// stream of the seed, so a filter's contents are a function of its parameters, seed and operations.
/// </para>
/// <para>
/// False positives: an absent key is compared with the 2b = 8 slots of its two buckets, each
/// holding a tag equal to its own with probability 1/(2^f - 1) when occupied, so the rate is
/// <c>1 - (1 - 1/(2^f - 1))^(8α)</c> at load α, below the paper's bound 2b/2^f (section 4).
/// </para>
/// <para>
/// Speed: a lookup reads the two buckets as two unaligned 64-bit loads and tests the four lanes of
/// each with the "has a zero lane" word trick (as the reference code's <c>hasvalue12</c>); no
/// bounds checks, no virtual calls. Not thread-safe.
/// </para>
/// </summary>
public sealed class CuckooFilter : IMembershipFilter
{
    /// <summary>Slots per bucket (b of the paper); 4 is the paper's recommendation (section 5.1).</summary>
    public const int BucketSize = 4;

    /// <summary>Evictions tried before an insert gives up (<c>kMaxCuckooCount</c> of the reference code).</summary>
    public const int MaxKicks = 500;

    /// <summary>The multiplier of the alternate-bucket hash (MurmurHash2's constant, as in the reference code).</summary>
    public const uint AltMultiplier = 0x5bd1e995;

    private readonly byte[] _table;        // buckets of 4f bits, packed, plus 8 bytes of slack for the 64-bit loads
    private readonly uint _bucketMask;
    private readonly int _bits;
    private readonly int _bucketBits;
    private readonly ulong _tagMask;
    private readonly ulong _bucketWordMask;
    private readonly ulong _lowLanes;      // bit 0 of each lane
    private readonly ulong _highLanes;     // top bit of each lane
    private readonly ulong _hashSeed;
    private readonly long _seed;
    private ulong _rng;
    private long _count;
    private bool _victimUsed;
    private uint _victimIndex;
    private uint _victimTag;

    /// <param name="capacity">The number of keys the filter is sized for (the bucket count is the power of two above capacity / 4, doubled above 96% load).</param>
    /// <param name="fingerprintBits">f, bits per fingerprint, 1 to 16.</param>
    /// <param name="seed">Seed of the hash and of the eviction choices.</param>
    public CuckooFilter(long capacity, int fingerprintBits, long seed = 0)
        : this(BucketCountFor(capacity), fingerprintBits, seed, bucketsGiven: true) { }

    private CuckooFilter(long buckets, int fingerprintBits, long seed, bool bucketsGiven)
    {
        _ = bucketsGiven;
        if (fingerprintBits is < 1 or > 16) throw new ArgumentOutOfRangeException(nameof(fingerprintBits), fingerprintBits, "fingerprint bits must be between 1 and 16");
        _bits = fingerprintBits;
        _bucketBits = BucketSize * fingerprintBits;
        _tagMask = (1UL << fingerprintBits) - 1;
        _bucketWordMask = _bucketBits == 64 ? ulong.MaxValue : (1UL << _bucketBits) - 1;
        for (int j = 0; j < BucketSize; j++) { _lowLanes |= 1UL << (j * _bits); _highLanes |= 1UL << (j * _bits + _bits - 1); }
        _bucketMask = (uint)(buckets - 1);
        _seed = seed;
        _hashSeed = KeyHash.Mix((ulong)seed ^ 0xC0C0_F11E_0000_0001UL);
        _rng = (ulong)seed;
        _table = new byte[checked(buckets * _bucketBits / 8 + 1 + 8)];
    }

    /// <summary>The reference code's bucket count for a capacity: the power of two at or above capacity / 4, doubled if the load would exceed 96%.</summary>
    public static long BucketCountFor(long capacity)
    {
        if (capacity < 1) throw new ArgumentOutOfRangeException(nameof(capacity), capacity, "capacity must be at least 1");
        if (capacity > 1L << 32) throw new ArgumentOutOfRangeException(nameof(capacity), capacity, "capacity must be at most 2^32 keys");
        long buckets = (long)System.Numerics.BitOperations.RoundUpToPowerOf2((ulong)Math.Max(1, capacity / BucketSize));
        if ((double)capacity / buckets / BucketSize > 0.96) buckets <<= 1;
        return buckets;
    }

    public long BucketCount => (long)_bucketMask + 1;

    /// <summary>Slots in the table, 4 per bucket.</summary>
    public long SlotCount => BucketCount * BucketSize;

    /// <summary>f, bits per fingerprint.</summary>
    public int FingerprintBits => _bits;

    /// <summary>Table memory: 4f bits per bucket (the victim slot is not counted).</summary>
    public long SizeInBits => BucketCount * _bucketBits;

    /// <summary>Keys a lookup compares with: two buckets (the "k" of the membership-filter interface).</summary>
    public int HashCount => 2;

    public long Seed => _seed;

    /// <summary>Keys held, the victim included.</summary>
    public long Count => _count + (_victimUsed ? 1 : 0);

    /// <summary>Fraction of slots occupied (the victim not counted): the α of the paper.</summary>
    public double LoadFactor => (double)_count / SlotCount;

    /// <summary>True once an insert ran out of kicks and parked an entry in the victim slot; further inserts fail until a deletion.</summary>
    public bool IsFull => _victimUsed;

    /// <summary>
    /// Adds a key. Returns false, changing nothing, when the filter is full (the victim slot is
    /// taken). Returns true otherwise, also when this insert ran out of kicks: then the homeless
    /// entry is kept in the victim slot, so the key is still found, and the filter is full.
    /// Adding the same key twice stores its fingerprint twice (a multiset, as in the paper).
    /// </summary>
    public bool TryAdd(ulong key)
    {
        if (_victimUsed) return false;
        ulong h = KeyHash.Mix(key + _hashSeed);
        uint tag = TagOf(h);
        uint index = (uint)(h >> 32) & _bucketMask;
        AddEntry(index, tag);
        return true;
    }

    /// <summary><see cref="TryAdd"/>, throwing when the filter is full (the membership-filter interface has no failure result).</summary>
    public void Add(ulong key)
    {
        if (!TryAdd(key)) throw new InvalidOperationException($"the cuckoo filter is full ({Count:N0} keys in {SlotCount:N0} slots, load {LoadFactor:P1}); the key was not added");
    }

    private void AddEntry(uint index, uint tag)
    {
        uint cur = index, curTag = tag;
        for (int count = 0; count < MaxKicks; count++)
        {
            bool kick = count > 0;
            if (InsertToBucket(cur, curTag, kick, out uint old)) { _count++; return; }
            if (kick) curTag = old;
            cur = AltIndex(cur, curTag);
        }
        _victimIndex = cur;
        _victimTag = curTag;
        _victimUsed = true;
    }

    /// <summary>Puts the tag in the first empty slot; if none and <paramref name="kick"/>, swaps it with a random slot's tag (returned in <paramref name="old"/>).</summary>
    private bool InsertToBucket(uint bucket, uint tag, bool kick, out uint old)
    {
        ulong word = ReadBucket(bucket);
        for (int j = 0; j < BucketSize; j++)
        {
            if (((word >> (j * _bits)) & _tagMask) == 0)
            {
                WriteBucket(bucket, word | ((ulong)tag << (j * _bits)));
                old = 0;
                return true;
            }
        }
        if (kick)
        {
            int r = NextSlot();
            old = (uint)((word >> (r * _bits)) & _tagMask);
            word &= ~(_tagMask << (r * _bits));
            WriteBucket(bucket, word | ((ulong)tag << (r * _bits)));
        }
        else old = 0;
        return false;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool MayContain(ulong key)
    {
        ulong h = KeyHash.Mix(key + _hashSeed);
        uint tag = TagOf(h);
        uint i1 = (uint)(h >> 32) & _bucketMask;
        uint i2 = AltIndex(i1, tag);
        ulong pattern = _lowLanes * tag;
        ulong a = ReadBucket(i1) ^ pattern, b = ReadBucket(i2) ^ pattern;
        bool found = ((((a - _lowLanes) & ~a) | ((b - _lowLanes) & ~b)) & _highLanes) != 0;
        // Non-short-circuit operators: no branch whose outcome depends on the key.
        return found | (_victimUsed & (tag == _victimTag) & ((i1 == _victimIndex) | (i2 == _victimIndex)));
    }

    /// <summary>
    /// Removes one copy of a key's fingerprint from its buckets (or the victim slot). Only delete
    /// keys that were added: deleting an absent key whose fingerprint collides with another key's
    /// removes that key (section 3.3). A deletion from the table moves the victim, if any, back in.
    /// </summary>
    public bool Delete(ulong key)
    {
        ulong h = KeyHash.Mix(key + _hashSeed);
        uint tag = TagOf(h);
        uint i1 = (uint)(h >> 32) & _bucketMask;
        uint i2 = AltIndex(i1, tag);
        if (DeleteFromBucket(i1, tag) || DeleteFromBucket(i2, tag))
        {
            _count--;
            if (_victimUsed)
            {
                _victimUsed = false;
                AddEntry(_victimIndex, _victimTag);
            }
            return true;
        }
        if (_victimUsed && tag == _victimTag && (i1 == _victimIndex || i2 == _victimIndex))
        {
            _victimUsed = false;
            return true;
        }
        return false;
    }

    private bool DeleteFromBucket(uint bucket, uint tag)
    {
        ulong word = ReadBucket(bucket);
        for (int j = 0; j < BucketSize; j++)
        {
            if (((word >> (j * _bits)) & _tagMask) == tag)
            {
                WriteBucket(bucket, word & ~(_tagMask << (j * _bits)));
                return true;
            }
        }
        return false;
    }

    /// <summary>The tag in slot <paramref name="slot"/> of bucket <paramref name="bucket"/> (0 = empty).</summary>
    public uint ReadTag(long bucket, int slot)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan((ulong)bucket, (ulong)_bucketMask, nameof(bucket));
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)slot, (uint)BucketSize, nameof(slot));
        return (uint)((ReadBucket((uint)bucket) >> (slot * _bits)) & _tagMask);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private uint TagOf(ulong h)
    {
        uint tag = (uint)(h & _tagMask);
        return tag + (tag == 0 ? 1u : 0u);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private uint AltIndex(uint index, uint tag) => (index ^ (tag * AltMultiplier)) & _bucketMask;

    /// <summary>The 4f bits of a bucket, lane j (slot j) in bits j·f .. j·f + f - 1. Bucket offsets are multiples of 4 bits, so a bucket spans at most 64 bits from its first byte.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private ulong ReadBucket(uint bucket)
    {
        ulong bit = (ulong)bucket * (ulong)_bucketBits;
        ulong raw = Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_table), (nint)(bit >> 3)));
        return (BitConverter.IsLittleEndian ? raw : BinaryPrimitives.ReverseEndianness(raw)) >> (int)(bit & 7) & _bucketWordMask;
    }

    private void WriteBucket(uint bucket, ulong word)
    {
        ulong bit = (ulong)bucket * (ulong)_bucketBits;
        int shift = (int)(bit & 7);
        ref byte at = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_table), (nint)(bit >> 3));
        ulong raw = BinaryPrimitives.ReadUInt64LittleEndian(MemoryMarshal.CreateReadOnlySpan(ref at, 8));
        raw = (raw & ~(_bucketWordMask << shift)) | (word << shift);
        BinaryPrimitives.WriteUInt64LittleEndian(MemoryMarshal.CreateSpan(ref at, 8), raw);
    }

    /// <summary>The slot an eviction takes: the next SplitMix64 output of the seed, mod 4.</summary>
    private int NextSlot()
    {
        _rng += 0x9E3779B97F4A7C15UL;
        return (int)(KeyHash.Mix(_rng) & (BucketSize - 1));
    }

    private const uint Magic = 0x46434B43; // "CKCF"

    /// <summary>The filter as bytes: a header (magic, f, bucket count, seed, eviction state, counts, victim) and the packed table. <see cref="Deserialize"/> restores an identical filter.</summary>
    public byte[] Serialize()
    {
        var header = new byte[4 + 4 + 8 + 8 + 8 + 8 + 4 + 4 + 4];
        var s = header.AsSpan();
        BinaryPrimitives.WriteUInt32LittleEndian(s, Magic);
        BinaryPrimitives.WriteInt32LittleEndian(s[4..], _bits);
        BinaryPrimitives.WriteInt64LittleEndian(s[8..], BucketCount);
        BinaryPrimitives.WriteInt64LittleEndian(s[16..], _seed);
        BinaryPrimitives.WriteUInt64LittleEndian(s[24..], _rng);
        BinaryPrimitives.WriteInt64LittleEndian(s[32..], _count);
        BinaryPrimitives.WriteUInt32LittleEndian(s[40..], _victimUsed ? 1u : 0u);
        BinaryPrimitives.WriteUInt32LittleEndian(s[44..], _victimIndex);
        BinaryPrimitives.WriteUInt32LittleEndian(s[48..], _victimTag);
        return [.. header, .. _table];
    }

    /// <summary>Reads what <see cref="Serialize"/> wrote; throws <see cref="FormatException"/> naming the offset of a bad field.</summary>
    public static CuckooFilter Deserialize(ReadOnlySpan<byte> data)
    {
        if (data.Length < 52) throw new FormatException($"cuckoo filter data too short: {data.Length} bytes, the header alone is 52");
        if (BinaryPrimitives.ReadUInt32LittleEndian(data) != Magic) throw new FormatException("not a serialized cuckoo filter (bad magic at offset 0)");
        int bits = BinaryPrimitives.ReadInt32LittleEndian(data[4..]);
        if (bits is < 1 or > 16) throw new FormatException($"fingerprint bits {bits} at offset 4 out of range 1..16");
        long buckets = BinaryPrimitives.ReadInt64LittleEndian(data[8..]);
        if (buckets < 1 || buckets > 1L << 32 || (buckets & (buckets - 1)) != 0) throw new FormatException($"bucket count {buckets} at offset 8 is not a power of two in range");
        var f = new CuckooFilter(buckets, bits, BinaryPrimitives.ReadInt64LittleEndian(data[16..]), bucketsGiven: true);
        if (data.Length != 52 + f._table.Length) throw new FormatException($"cuckoo filter data is {data.Length} bytes, expected {52 + f._table.Length}");
        f._rng = BinaryPrimitives.ReadUInt64LittleEndian(data[24..]);
        f._count = BinaryPrimitives.ReadInt64LittleEndian(data[32..]);
        f._victimUsed = BinaryPrimitives.ReadUInt32LittleEndian(data[40..]) != 0;
        f._victimIndex = BinaryPrimitives.ReadUInt32LittleEndian(data[44..]);
        f._victimTag = BinaryPrimitives.ReadUInt32LittleEndian(data[48..]);
        data[52..].CopyTo(f._table);
        return f;
    }

    /// <summary>Theory: the false-positive rate at load α, <c>1 - (1 - 1/(2^f - 1))^(2bα)</c> (tags are never 0).</summary>
    public static double TheoryFpr(int fingerprintBits, double loadFactor) =>
        1 - Math.Pow(1 - 1.0 / ((1L << fingerprintBits) - 1), 2 * BucketSize * loadFactor);

    /// <summary>The paper's upper bound on the false-positive rate, <c>2b / 2^f</c> (section 4, eq. 4 with b = 4).</summary>
    public static double FprBound(int fingerprintBits) => 2.0 * BucketSize / (1L << fingerprintBits);
}
