using BenchmarkDotNet.Attributes;
using Workbench.Filters;
using Workbench.Hashing;

namespace Workbench.Benchmarks.Bloom;

/// <summary>
/// What one lookup costs in the classic and the cache-line blocked Bloom filter at the same memory
/// (10 bits per key, each at its own optimal k). Putze, Sanders &amp; Singler (2007) claim the
/// blocked filter answers with one cache miss where the classic one takes up to k; the filters are
/// sized well past the last-level cache (8 million keys, 10 MB) so that misses dominate. Lookups
/// are of absent keys, so the classic filter usually stops at its first clear bit: the comparison
/// is conservative. Baseline: the classic filter.
/// </summary>
public class LookupCostBenchmarks
{
    /// <summary>Lookups per invocation; each reported time is per lookup.</summary>
    public const int Batch = 4096;

    private const long Keys = 8_000_000;
    private const int BitsPerKey = 10;
    private const int Seed = 42;

    private BloomFilter _classic = null!;
    private BlockedBloomFilter _blocked = null!;
    private ulong[] _absent = null!;
    private ulong[] _present = null!;

    [GlobalSetup]
    public void Setup()
    {
        _classic = new BloomFilter(Keys * BitsPerKey, BloomMath.OptimalHashCount(BitsPerKey), Seed);
        _blocked = new BlockedBloomFilter(Keys * BitsPerKey, BloomMath.OptimalBlockedHashCount(BitsPerKey), Seed);
        var members = KeyStream.Members(Seed);
        for (long i = 0; i < Keys; i++)
        {
            _classic.Add(members[i]);
            _blocked.Add(members[i]);
        }
        var absent = KeyStream.NonMembers(Seed);
        _absent = [.. Enumerable.Range(0, Batch).Select(i => absent[i])];
        _present = [.. Enumerable.Range(0, Batch).Select(i => members[i * 1931L % Keys])];
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Batch)]
    public int ClassicAbsent() => Count(_classic, _absent);

    [Benchmark(OperationsPerInvoke = Batch)]
    public int BlockedAbsent() => Count(_blocked, _absent);

    [Benchmark(OperationsPerInvoke = Batch)]
    public int ClassicPresent() => Count(_classic, _present);

    [Benchmark(OperationsPerInvoke = Batch)]
    public int BlockedPresent() => Count(_blocked, _present);

    private static int Count<TFilter>(TFilter filter, ulong[] keys) where TFilter : IMembershipFilter
    {
        int hits = 0;
        foreach (ulong key in keys)
        {
            if (filter.MayContain(key)) hits++;
        }
        return hits;
    }
}
