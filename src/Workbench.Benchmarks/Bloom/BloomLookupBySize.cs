using BenchmarkDotNet.Attributes;
using Workbench.Filters;

namespace Workbench.Benchmarks.Bloom;

/// <summary>
/// Question: how does the cost of a lookup grow as the filter outgrows each cache level, for the
/// classic filter (k cache lines per present key, about two per absent key) against the blocked
/// one (one cache line per key; Putze, Sanders &amp; Singler 2007)? Filters from 64 KiB to 256 MiB at
/// 10 bits per key, each filled to its design load; the queries are absent keys, one at a time in
/// a loop. The classic filter is the baseline. The sizes and bits per key come from
/// <see cref="BloomSweep"/>, which the <c>bloom/throughput</c> experiment sets before an in-process run.
/// </summary>
public class BloomLookupBySize
{
    private BloomFilter? _classic;
    private BlockedBloomFilter? _blocked;
    private ulong[] _queries = [];

    [ParamsSource(nameof(FilterBytesValues))]
    public long FilterBytes { get; set; }

    [ParamsSource(nameof(BitsPerKeyValues))]
    public double BitsPerKey { get; set; }

    public static IEnumerable<long> FilterBytesValues => BloomSweep.FilterBytes;

    public static IEnumerable<double> BitsPerKeyValues => [BloomSweep.BitsPerKey];

    [GlobalSetup(Target = nameof(Classic))]
    public void SetupClassic()
    {
        _queries = BloomFixture.AbsentKeys(BloomFixture.QueryCount);
        _classic = BloomFixture.Classic(FilterBytes, BitsPerKey);
    }

    [GlobalSetup(Target = nameof(Blocked))]
    public void SetupBlocked()
    {
        _queries = BloomFixture.AbsentKeys(BloomFixture.QueryCount);
        _blocked = BloomFixture.Blocked(FilterBytes, BitsPerKey);
    }

    /// <summary>Drops the filter, so that an in-process sweep holds one large filter at a time.</summary>
    [GlobalCleanup]
    public void Cleanup()
    {
        _classic = null;
        _blocked = null;
        _queries = [];
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = BloomFixture.QueryCount)]
    public int Classic()
    {
        var f = _classic!;
        int hits = 0;
        foreach (var k in _queries) if (f.MayContain(k)) hits++;
        return hits;
    }

    [Benchmark(OperationsPerInvoke = BloomFixture.QueryCount)]
    public int Blocked()
    {
        var f = _blocked!;
        int hits = 0;
        foreach (var k in _queries) if (f.MayContain(k)) hits++;
        return hits;
    }
}
