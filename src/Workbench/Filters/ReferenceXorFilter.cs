using Workbench.Hashing;

namespace Workbench.Filters;

/// <summary>
/// The reference twin of <see cref="XorFilter{TFingerprint}"/> and <see cref="BinaryFuseFilter{TFingerprint}"/>:
/// the same sizing, hash seeds, slot formulas and fingerprints, written plainly. Construction
/// deduplicates the keys with a <see cref="HashSet{T}"/>, records which keys sit in each slot in a
/// <see cref="Dictionary{TKey, TValue}"/> of lists, peels slots holding one key from a
/// <see cref="Queue{T}"/>, and assigns fingerprints in reverse peeling order; lookups spell out the
/// 128-bit products. Because a hypergraph either peels completely or not whatever the order, it
/// tries the same seeds and settles on the same one as the fast filter for distinct keys; its
/// fingerprints differ (another peeling order gives another valid solution), so differential
/// tests compare the seed, the geometry and the answers of <see cref="FromParts"/> on the fast
/// filter's own array. Slow; not for measurements.
/// </summary>
public sealed class ReferenceXorFilter
{
    public enum Kind
    {
        /// <summary>Three equal blocks (Graf &amp; Lemire 2020).</summary>
        Xor,

        /// <summary>Three consecutive segments (Graf &amp; Lemire 2022).</summary>
        BinaryFuse,
    }

    private readonly Kind _kind;
    private readonly int _bits;
    private readonly ushort[] _fingerprints;
    private readonly long _blockLength;      // xor
    private readonly long _segmentLength;    // binary fuse
    private readonly long _segmentCount;     // binary fuse

    public ReferenceXorFilter(Kind kind, int fingerprintBits, IReadOnlyList<ulong> keys, long seed = 0)
        : this(kind, fingerprintBits, keys.Count)
    {
        var distinct = new HashSet<ulong>(keys).ToList();
        distinct.Sort();
        ulong rng = (ulong)seed;
        for (int attempt = 1; attempt <= 100; attempt++)
        {
            rng = unchecked(rng + 0x9E3779B97F4A7C15UL);
            ulong filterSeed = KeyHash.Mix(rng);
            var order = Peel(distinct, filterSeed);
            if (order is null) continue;
            foreach (var (key, slot) in Enumerable.Reverse(order))
            {
                ulong hash = Hash(key, filterSeed);
                long[] slots = Slots(hash);
                ushort value = Fingerprint(hash);
                foreach (long other in slots) if (other != slot) value ^= _fingerprints[other];
                _fingerprints[slot] = value;
            }
            FilterSeed = filterSeed;
            Attempts = attempt;
            Count = distinct.Count;
            return;
        }
        throw new InvalidOperationException("construction failed after 100 attempts");
    }

    private ReferenceXorFilter(Kind kind, int fingerprintBits, int keyCount)
    {
        if (fingerprintBits is not (8 or 16)) throw new ArgumentOutOfRangeException(nameof(fingerprintBits), fingerprintBits, "8 or 16 bits");
        if (keyCount < 1) throw new ArgumentException("at least one key", "keys");
        _kind = kind;
        _bits = fingerprintBits;
        long length;
        if (kind == Kind.Xor)
        {
            long capacity = (long)Math.Floor(32 + 1.23 * keyCount);
            _blockLength = capacity / 3;
            length = 3 * _blockLength;
        }
        else
        {
            _segmentLength = Math.Min(1L << (int)Math.Floor(Math.Log(keyCount) / Math.Log(3.33) + 2.25), 262144);
            double factor = keyCount <= 1 ? 0 : Math.Max(1.125, 0.875 + 0.25 * Math.Log(1e6) / Math.Log(keyCount));
            long capacity = keyCount <= 1 ? 0 : (long)Math.Round(keyCount * factor);
            // Whole segments covering the capacity; a key starts in any but the last two.
            long segments = (capacity + _segmentLength - 1) / _segmentLength;
            _segmentCount = Math.Max(1, segments - 2);
            length = (_segmentCount + 2) * _segmentLength;
        }
        _fingerprints = new ushort[length];
    }

    /// <summary>A reference filter over given parts (e.g. a fast filter's seed and array), for comparing lookups.</summary>
    public static ReferenceXorFilter FromParts(Kind kind, int fingerprintBits, int keyCountGiven, ulong filterSeed, IReadOnlyList<ushort> fingerprints)
    {
        var f = new ReferenceXorFilter(kind, fingerprintBits, keyCountGiven);
        if (fingerprints.Count != f._fingerprints.Length) throw new ArgumentException($"expected {f._fingerprints.Length} fingerprints, got {fingerprints.Count}", nameof(fingerprints));
        for (int i = 0; i < fingerprints.Count; i++) f._fingerprints[i] = fingerprints[i];
        f.FilterSeed = filterSeed;
        return f;
    }

    public ulong FilterSeed { get; private set; }
    public int Attempts { get; private set; }
    public long Count { get; private set; }
    public int ArrayLength => _fingerprints.Length;
    public long SegmentLength => _segmentLength;
    public long SegmentCount => _segmentCount;
    public IReadOnlyList<ushort> Fingerprints => _fingerprints;

    public bool MayContain(ulong key)
    {
        ulong hash = Hash(key, FilterSeed);
        ushort x = 0;
        foreach (long slot in Slots(hash)) x ^= _fingerprints[slot];
        return x == Fingerprint(hash);
    }

    /// <summary>The peeling order (key, the slot it was peeled from), or null when the 2-core is not empty.</summary>
    private List<(ulong Key, long Slot)>? Peel(List<ulong> keys, ulong filterSeed)
    {
        var inSlot = new Dictionary<long, List<ulong>>();
        foreach (ulong key in keys)
        {
            foreach (long slot in Slots(Hash(key, filterSeed)))
            {
                if (!inSlot.TryGetValue(slot, out var list)) inSlot[slot] = list = [];
                list.Add(key);
            }
        }
        var queue = new Queue<long>(inSlot.Where(e => e.Value.Count == 1).Select(e => e.Key));
        var order = new List<(ulong, long)>();
        while (queue.Count > 0)
        {
            long slot = queue.Dequeue();
            if (inSlot[slot].Count != 1) continue;
            ulong key = inSlot[slot][0];
            order.Add((key, slot));
            foreach (long s in Slots(Hash(key, filterSeed)))
            {
                inSlot[s].Remove(key);
                if (inSlot[s].Count == 1) queue.Enqueue(s);
            }
        }
        return order.Count == keys.Count ? order : null;
    }

    private static ulong Hash(ulong key, ulong filterSeed) => KeyHash.Mix(unchecked(key + filterSeed));

    private ushort Fingerprint(ulong hash) => (ushort)((hash ^ (hash >> 32)) % (1UL << _bits));

    /// <summary>The three slots of a hash.</summary>
    private long[] Slots(ulong hash)
    {
        if (_kind == Kind.Xor)
        {
            long[] slots = new long[3];
            for (int b = 0; b < 3; b++)
            {
                ulong rotated = b == 0 ? hash : (hash << (21 * b)) | (hash >> (64 - 21 * b));
                ulong low32 = rotated % (1UL << 32);
                slots[b] = b * _blockLength + (long)(low32 * (ulong)_blockLength / (1UL << 32));
            }
            return slots;
        }
        long first = (long)(((UInt128)hash * (UInt128)(ulong)(_segmentCount * _segmentLength)) >> 64);
        long offset1 = (long)((hash >> 18) % (ulong)_segmentLength);
        long offset2 = (long)(hash % (ulong)_segmentLength);
        // Slot i is slot `first` moved i segments on, its position in the segment flipped by the hash bits.
        return [first, (first + _segmentLength) ^ offset1, (first + 2 * _segmentLength) ^ offset2];
    }
}
