using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Workbench.Filters;
using Workbench.Hashing;

namespace Workbench.Benchmarks.Bloom;

/// <summary>
/// Question: at one million keys, how many nanoseconds does one lookup (and one insert) cost, set
/// against the C++ FastFilter library's published figures (Graf &amp; Lemire, "Xor filters: faster
/// and smaller than Bloom and cuckoo filters", JEA 2020, and its benchmark): 15 ns per lookup for
/// the classic Bloom filter at 12 bits per key and 3.8 ns for the SIMD blocked Bloom filter.
/// As in FastFilter's benchmark, a 1M-key filter is queried with random keys in a plain loop, one
/// key at a time; here every query key is absent (stream 1 of <see cref="KeyStream"/>), so the
/// answers are the false positives. Each invocation runs <see cref="Keys"/> operations and
/// <c>OperationsPerInvoke</c> reports the time per key. The classic filter is the baseline of
/// each category.
/// </summary>
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class Bloom1M
{
    /// <summary>n, keys in each filter and lookups per invocation.</summary>
    public const int Keys = 1_000_000;

    /// <summary>The classic filter's memory, as in FastFilter's "Bloom12" row.</summary>
    public const double ClassicBitsPerKey = 12;

    /// <summary>The blocked filter's default memory in the sweeps of this project.</summary>
    public const double BlockedBitsPerKey = 10;

    private const int Seed = 42;

    private BloomFilter _classic = null!;
    private BlockedBloomFilter _blocked = null!;
    private ulong[] _members = null!;
    private ulong[] _queries = null!;

    [GlobalSetup]
    public void Setup()
    {
        var members = KeyStream.Members(Seed);
        var absent = KeyStream.NonMembers(Seed);
        _members = new ulong[Keys];
        _queries = new ulong[Keys];
        for (int i = 0; i < Keys; i++) { _members[i] = members[i]; _queries[i] = absent[i]; }
        _classic = new BloomFilter(BloomSizing.FromBitsPerKey(Keys, ClassicBitsPerKey), Seed);
        _blocked = new BlockedBloomFilter(BloomSizing.FromBitsPerKey(Keys, BlockedBitsPerKey, BloomMath.OptimalBlockedHashCount(BlockedBitsPerKey)), Seed);
        foreach (var k in _members) { _classic.Add(k); _blocked.Add(k); }
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Keys), BenchmarkCategory("lookup")]
    public int ClassicLookup()
    {
        var f = _classic;
        int hits = 0;
        foreach (var k in _queries) if (f.MayContain(k)) hits++;
        return hits;
    }

    [Benchmark(OperationsPerInvoke = Keys), BenchmarkCategory("lookup")]
    public int BlockedLookup()
    {
        var f = _blocked;
        int hits = 0;
        foreach (var k in _queries) if (f.MayContain(k)) hits++;
        return hits;
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Keys), BenchmarkCategory("insert")]
    public void ClassicInsert()
    {
        var f = _classic;
        foreach (var k in _members) f.Add(k);
    }

    [Benchmark(OperationsPerInvoke = Keys), BenchmarkCategory("insert")]
    public void BlockedInsert()
    {
        var f = _blocked;
        foreach (var k in _members) f.Add(k);
    }
}
