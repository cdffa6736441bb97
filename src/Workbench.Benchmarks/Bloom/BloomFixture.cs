using Workbench.Experiments.Bloom;
using Workbench.Filters;
using Workbench.Hashing;

namespace Workbench.Benchmarks.Bloom;

/// <summary>
/// Builds the filters the Bloom benchmarks measure, filled to their design load: a filter of
/// <c>bytes</c> bytes at <c>bits_per_key</c> holds <c>bytes · 8 / bits_per_key</c> keys, each
/// filter with its own optimal k (<see cref="BloomFilters.OptimalHashCount"/>). Member keys come
/// from <see cref="KeyStream"/> and are not stored, so a 256 MiB filter (215 million keys) costs
/// only its own memory; query keys are absent keys (stream 1), kept in one array of
/// <see cref="QueryCount"/> keys whatever the filter size.
/// </summary>
public static class BloomFixture
{
    /// <summary>Seed of every benchmark's keys and hash function.</summary>
    public const int Seed = 42;

    /// <summary>Lookups (and inserts) per invocation: 2^20, enough to leave any cache-resident state of one invocation behind.</summary>
    public const int QueryCount = 1 << 20;

    /// <summary>The swept sizes, 64 KiB (inside L2) to 256 MiB (far beyond any L3), by factors of 4.</summary>
    public static readonly long[] DefaultFilterBytes = [64L << 10, 256L << 10, 1L << 20, 4L << 20, 16L << 20, 64L << 20, 256L << 20];

    /// <summary>The memory of the sweeps, bits per key.</summary>
    public const double DefaultBitsPerKey = 10;

    public static long KeysFor(long filterBytes, double bitsPerKey) => Math.Max(1, (long)(filterBytes * 8 / bitsPerKey));

    public static int HashCountFor(string filter, double bitsPerKey) => BloomFilters.OptimalHashCount(filter, bitsPerKey);

    public static BloomFilter Classic(long filterBytes, double bitsPerKey)
    {
        var f = new BloomFilter(filterBytes * 8, HashCountFor(BloomFilters.Classic, bitsPerKey), Seed);
        var members = KeyStream.Members(Seed);
        for (long i = 0, n = KeysFor(filterBytes, bitsPerKey); i < n; i++) f.Add(members[i]);
        return f;
    }

    public static BlockedBloomFilter Blocked(long filterBytes, double bitsPerKey)
    {
        var f = new BlockedBloomFilter(filterBytes * 8, HashCountFor(BloomFilters.Blocked, bitsPerKey), Seed);
        var members = KeyStream.Members(Seed);
        for (long i = 0, n = KeysFor(filterBytes, bitsPerKey); i < n; i++) f.Add(members[i]);
        return f;
    }

    public static ReferenceBloomFilter Reference(ReferenceBloomFilter.Layout layout, long filterBytes, double bitsPerKey)
    {
        string name = layout == ReferenceBloomFilter.Layout.Classic ? BloomFilters.Classic : BloomFilters.Blocked;
        var f = new ReferenceBloomFilter(layout, filterBytes * 8, HashCountFor(name, bitsPerKey), Seed);
        var members = KeyStream.Members(Seed);
        for (long i = 0, n = KeysFor(filterBytes, bitsPerKey); i < n; i++) f.Add(members[i]);
        return f;
    }

    /// <summary>Keys never inserted (stream 1 of the seed).</summary>
    public static ulong[] AbsentKeys(int count) => Keys(KeyStream.NonMembers(Seed), count);

    /// <summary>The first member keys (stream 0 of the seed), for insert benchmarks.</summary>
    public static ulong[] MemberKeys(int count) => Keys(KeyStream.Members(Seed), count);

    private static ulong[] Keys(KeyStream stream, int count)
    {
        var keys = new ulong[count];
        for (int i = 0; i < count; i++) keys[i] = stream[i];
        return keys;
    }
}
