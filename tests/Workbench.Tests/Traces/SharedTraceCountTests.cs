namespace Workbench.Tests.Traces;

/// <summary>Every shared trace file reads to the request and unique-key counts listed in ../shared/traces/README.md.</summary>
public sealed class SharedTraceCountTests
{
    [SharedTracesTheory]
    [InlineData("arc/OLTP.lis.zst", 914_145, 186_880)]
    [InlineData("cache2k/web07.trace.xz", 76_118, 20_484)]
    [InlineData("cache2k/web12.trace.xz", 95_607, 13_756)]
    [InlineData("corda/trace_vaultservice.gz", 135_702, 90_468)]
    [InlineData("lirs/2_pools.trace.gz", 100_000, 9_939)]
    [InlineData("lirs/cpp.trace.gz", 9_047, 1_223)]
    [InlineData("lirs/cs.trace.gz", 6_781, 1_409)]
    [InlineData("lirs/gli.trace.gz", 6_015, 2_529)]
    [InlineData("lirs/loop.trace.gz", 505_500, 1_011)]
    [InlineData("lirs/multi1.trace.gz", 15_858, 2_606)]
    [InlineData("lirs/multi2.trace.gz", 26_311, 5_684)]
    [InlineData("lirs/multi3.trace.gz", 30_241, 7_454)]
    [InlineData("lirs/ps.trace.gz", 10_448, 3_083)]
    [InlineData("lirs/sprite.trace.gz", 133_996, 7_075)]
    [InlineData("lirs/backf.trace.gz", 9_000, 751)]
    [InlineData("lirs/scan.trace.gz", 50_025, 2_001)]
    [InlineData("lirs/zigzag.trace.gz", 52_001, 2_001)]
    public void Request_and_unique_key_counts_match_the_readme(string file, int requests, int unique)
    {
        var keys = SharedTraces.Load(file);
        Assert.Equal(requests, keys.Length);
        Assert.Equal(unique, new HashSet<long>(keys).Count);
    }
}
