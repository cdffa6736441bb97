using Workbench.Hashing;

namespace Workbench.Filters;

/// <summary>
/// The reference twin of <see cref="CuckooFilter"/>: the same hashing, sizing, eviction choices and
/// victim slot written as plainly as possible, one <c>List&lt;ushort&gt;</c> of four slots per
/// bucket (0 = empty), no bit packing, no word tricks. Differential tests replay random operation
/// sequences on both and require identical answers. Slow; not for measurements.
/// </summary>
public sealed class ReferenceCuckooFilter
{
    private readonly List<ushort>[] _buckets;
    private readonly int _bits;
    private readonly ulong _hashSeed;
    private ulong _rng;
    private ushort? _victimTag;
    private long _victimBucket;

    public ReferenceCuckooFilter(long capacity, int fingerprintBits, long seed = 0)
    {
        if (fingerprintBits is < 1 or > 16) throw new ArgumentOutOfRangeException(nameof(fingerprintBits), fingerprintBits, "fingerprint bits must be between 1 and 16");
        _bits = fingerprintBits;
        long count = CuckooFilter.BucketCountFor(capacity);
        _buckets = new List<ushort>[count];
        for (long i = 0; i < count; i++) _buckets[i] = [0, 0, 0, 0];
        _hashSeed = KeyHash.Mix((ulong)seed ^ 0xC0C0_F11E_0000_0001UL);
        _rng = (ulong)seed;
    }

    public long BucketCount => _buckets.LongLength;

    public long Count { get; private set; }

    public bool IsFull => _victimTag is not null;

    public bool TryAdd(ulong key)
    {
        if (IsFull) return false;
        var (bucket, tag) = BucketAndTag(key);
        Place(bucket, tag);
        return true;
    }

    private void Place(long bucket, ushort tag)
    {
        for (int kicks = 0; kicks < CuckooFilter.MaxKicks; kicks++)
        {
            var slots = _buckets[bucket];
            int empty = slots.IndexOf(0);
            if (empty >= 0)
            {
                slots[empty] = tag;
                Count++;
                return;
            }
            if (kicks > 0)
            {
                // Evict a random entry and carry it on to its other bucket.
                int r = NextSlot();
                (slots[r], tag) = (tag, slots[r]);
            }
            bucket = Alternate(bucket, tag);
        }
        _victimTag = tag;
        _victimBucket = bucket;
        Count++;
    }

    public bool MayContain(ulong key)
    {
        var (b1, tag) = BucketAndTag(key);
        long b2 = Alternate(b1, tag);
        if (_buckets[b1].Contains(tag) || _buckets[b2].Contains(tag)) return true;
        return _victimTag == tag && (_victimBucket == b1 || _victimBucket == b2);
    }

    public bool Delete(ulong key)
    {
        var (b1, tag) = BucketAndTag(key);
        long b2 = Alternate(b1, tag);
        foreach (long b in new[] { b1, b2 })
        {
            int at = _buckets[b].IndexOf(tag);
            if (at < 0) continue;
            _buckets[b][at] = 0;
            Count--;
            if (_victimTag is ushort v)
            {
                // Room was made: the victim goes back into the table.
                _victimTag = null;
                Count--;
                Place(_victimBucket, v);
            }
            return true;
        }
        if (_victimTag == tag && (_victimBucket == b1 || _victimBucket == b2))
        {
            _victimTag = null;
            Count--;
            return true;
        }
        return false;
    }

    /// <summary>The key's first bucket (the high 32 bits of its hash, mod the bucket count) and its tag (the low f bits, 0 replaced by 1).</summary>
    private (long Bucket, ushort Tag) BucketAndTag(ulong key)
    {
        ulong h = KeyHash.Mix(unchecked(key + _hashSeed));
        long bucket = (long)((h >> 32) % (ulong)_buckets.LongLength);
        ulong tag = h % (1UL << _bits);
        if (tag == 0) tag = 1;
        return (bucket, (ushort)tag);
    }

    private long Alternate(long bucket, ushort tag) =>
        (long)(((ulong)bucket ^ unchecked((uint)(tag * CuckooFilter.AltMultiplier))) % (ulong)_buckets.LongLength);

    private int NextSlot()
    {
        _rng = unchecked(_rng + 0x9E3779B97F4A7C15UL);
        return (int)(KeyHash.Mix(_rng) % 4);
    }
}
