using Workbench.Experiments.Bloom;
using Workbench.Filters;
using Workbench.Hashing;

namespace Workbench.Benchmarks.Filters;

/// <summary>
/// The filters of the filter benchmarks, built once per process for a key count (one million by
/// default, as in the FastFilter C++ benchmark): random 64-bit keys (<see cref="KeyStream"/> of
/// <see cref="Seed"/>), and a query array of the same length holding members and absent keys in a
/// seeded shuffled order, <see cref="HitFraction"/> of them members (the C++ benchmark's
/// "find 50%" column). The cuckoo filter holds 94% of the slots the reference code allocates for
/// the key count (2^20 slots for 1M keys): the same table, a load it reaches without failing.
/// </summary>
public sealed class FilterFixture
{
    public const int Seed = 42;
    public const double HitFraction = 0.5;
    public const double CuckooLoad = 0.94;
    public const int CuckooFingerprintBits = 12;
    public const double BloomBitsPerKey = 12;
    public const double BlockedBitsPerKey = 12;

    private static readonly Dictionary<int, FilterFixture> Cache = [];
    private static readonly Lock Gate = new();

    public int Keys { get; }
    public ulong[] Members { get; }
    public ulong[] CuckooMembers { get; }
    public ulong[] Queries { get; }
    public BloomFilter Bloom { get; }
    public BlockedBloomFilter Blocked { get; }
    public CuckooFilter Cuckoo { get; }
    public XorFilter<byte> Xor8 { get; }
    public XorFilter<ushort> Xor16 { get; }
    public BinaryFuseFilter<byte> Fuse8 { get; }
    public BinaryFuseFilter<ushort> Fuse16 { get; }

    /// <summary>The fixture of <paramref name="keys"/> keys, built on first use and kept for the process.</summary>
    public static FilterFixture For(int keys)
    {
        lock (Gate)
        {
            if (!Cache.TryGetValue(keys, out var f)) Cache[keys] = f = new FilterFixture(keys);
            return f;
        }
    }

    private FilterFixture(int keys)
    {
        Keys = keys;
        var members = KeyStream.Members(Seed);
        var absent = KeyStream.NonMembers(Seed);
        Members = new ulong[keys];
        for (int i = 0; i < keys; i++) Members[i] = members[i];
        long slots = CuckooFilter.BucketCountFor(keys) * CuckooFilter.BucketSize;
        CuckooMembers = Members[..(int)Math.Min(keys, (long)(slots * CuckooLoad))];
        var random = new Random(Seed);
        Queries = new ulong[keys];
        int hits = (int)(keys * HitFraction);
        for (int i = 0; i < keys; i++) Queries[i] = i < hits ? Members[random.Next(keys)] : absent[i];
        random.Shuffle(Queries);

        Bloom = NewBloom();
        Blocked = NewBlocked();
        foreach (var k in Members) { Bloom.Add(k); Blocked.Add(k); }
        Cuckoo = NewCuckoo();
        foreach (var k in CuckooMembers) if (!Cuckoo.TryAdd(k) || Cuckoo.IsFull) throw new InvalidOperationException("cuckoo filter full in the benchmark fixture");
        Xor8 = new XorFilter<byte>(Members, Seed);
        Xor16 = new XorFilter<ushort>(Members, Seed);
        Fuse8 = new BinaryFuseFilter<byte>(Members, Seed);
        Fuse16 = new BinaryFuseFilter<ushort>(Members, Seed);
    }

    public BloomFilter NewBloom() => new(BloomSizing.FromBitsPerKey(Keys, BloomBitsPerKey), Seed);

    public BlockedBloomFilter NewBlocked() =>
        new(BloomSizing.FromBitsPerKey(Keys, BlockedBitsPerKey, BloomFilters.OptimalHashCount(BloomFilters.Blocked, BlockedBitsPerKey)), Seed);

    public CuckooFilter NewCuckoo() => new(Keys, CuckooFingerprintBits, Seed);
}
