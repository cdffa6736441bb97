using BenchmarkDotNet.Attributes;
using Workbench.Experiments.Bloom;
using Workbench.Filters;

namespace Workbench.Benchmarks.Bloom;

/// <summary>
/// Question: how does the cost of an insert grow with the filter size, classic (k scattered
/// read-modify-writes) against blocked (k within one cache line)? Each invocation inserts the same
/// 2^20 member keys into a filter of the given size; an insert has no branch on the filter's
/// contents, so its cost does not depend on how full the filter is and the filter need not be
/// pre-filled. The classic filter is the baseline. Sizes and bits per key from <see cref="BloomSweep"/>.
/// </summary>
public class BloomInsertBySize
{
    private BloomFilter? _classic;
    private BlockedBloomFilter? _blocked;
    private ulong[] _keys = [];

    [ParamsSource(nameof(FilterBytesValues))]
    public long FilterBytes { get; set; }

    [ParamsSource(nameof(BitsPerKeyValues))]
    public double BitsPerKey { get; set; }

    public static IEnumerable<long> FilterBytesValues => BloomSweep.FilterBytes;

    public static IEnumerable<double> BitsPerKeyValues => [BloomSweep.BitsPerKey];

    [GlobalSetup(Target = nameof(Classic))]
    public void SetupClassic()
    {
        _keys = BloomFixture.MemberKeys(BloomFixture.QueryCount);
        _classic = new BloomFilter(FilterBytes * 8, BloomFixture.HashCountFor(BloomFilters.Classic, BitsPerKey), BloomFixture.Seed);
    }

    [GlobalSetup(Target = nameof(Blocked))]
    public void SetupBlocked()
    {
        _keys = BloomFixture.MemberKeys(BloomFixture.QueryCount);
        _blocked = new BlockedBloomFilter(FilterBytes * 8, BloomFixture.HashCountFor(BloomFilters.Blocked, BitsPerKey), BloomFixture.Seed);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _classic = null;
        _blocked = null;
        _keys = [];
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = BloomFixture.QueryCount)]
    public void Classic()
    {
        var f = _classic!;
        foreach (var k in _keys) f.Add(k);
    }

    [Benchmark(OperationsPerInvoke = BloomFixture.QueryCount)]
    public void Blocked()
    {
        var f = _blocked!;
        foreach (var k in _keys) f.Add(k);
    }
}
