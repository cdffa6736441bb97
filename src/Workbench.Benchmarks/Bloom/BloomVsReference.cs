using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Workbench.Filters;

namespace Workbench.Benchmarks.Bloom;

/// <summary>
/// Question: how much faster are the fast filters than their reference twin
/// (<see cref="ReferenceBloomFilter"/>, which defines the bit positions and is written for clarity,
/// not speed)? A small filter, 64 KiB at 10 bits per key (52,428 keys), so that the comparison is
/// of computation rather than memory; 2^14 keys per invocation. The reference twin is the
/// baseline of each category.
/// </summary>
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class BloomVsReference
{
    private const long FilterBytes = 64 << 10;
    private const double BitsPerKey = 10;
    private const int Keys = 1 << 14;

    private ReferenceBloomFilter _referenceClassic = null!, _referenceBlocked = null!;
    private BloomFilter _classic = null!;
    private BlockedBloomFilter _blocked = null!;
    private ulong[] _absent = [], _members = [];

    [GlobalSetup]
    public void Setup()
    {
        _referenceClassic = BloomFixture.Reference(ReferenceBloomFilter.Layout.Classic, FilterBytes, BitsPerKey);
        _referenceBlocked = BloomFixture.Reference(ReferenceBloomFilter.Layout.Blocked, FilterBytes, BitsPerKey);
        _classic = BloomFixture.Classic(FilterBytes, BitsPerKey);
        _blocked = BloomFixture.Blocked(FilterBytes, BitsPerKey);
        _absent = BloomFixture.AbsentKeys(Keys);
        _members = BloomFixture.MemberKeys(Keys);
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Keys), BenchmarkCategory("classic-lookup")]
    public int ReferenceClassicLookup() => Count(_referenceClassic);

    [Benchmark(OperationsPerInvoke = Keys), BenchmarkCategory("classic-lookup")]
    public int ClassicLookup()
    {
        int hits = 0;
        foreach (var k in _absent) if (_classic.MayContain(k)) hits++;
        return hits;
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Keys), BenchmarkCategory("blocked-lookup")]
    public int ReferenceBlockedLookup() => Count(_referenceBlocked);

    [Benchmark(OperationsPerInvoke = Keys), BenchmarkCategory("blocked-lookup")]
    public int BlockedLookup()
    {
        int hits = 0;
        foreach (var k in _absent) if (_blocked.MayContain(k)) hits++;
        return hits;
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Keys), BenchmarkCategory("classic-insert")]
    public void ReferenceClassicInsert()
    {
        foreach (var k in _members) _referenceClassic.Add(k);
    }

    [Benchmark(OperationsPerInvoke = Keys), BenchmarkCategory("classic-insert")]
    public void ClassicInsert()
    {
        foreach (var k in _members) _classic.Add(k);
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Keys), BenchmarkCategory("blocked-insert")]
    public void ReferenceBlockedInsert()
    {
        foreach (var k in _members) _referenceBlocked.Add(k);
    }

    [Benchmark(OperationsPerInvoke = Keys), BenchmarkCategory("blocked-insert")]
    public void BlockedInsert()
    {
        foreach (var k in _members) _blocked.Add(k);
    }

    private int Count(ReferenceBloomFilter f)
    {
        int hits = 0;
        foreach (var k in _absent) if (f.MayContain(k)) hits++;
        return hits;
    }
}
