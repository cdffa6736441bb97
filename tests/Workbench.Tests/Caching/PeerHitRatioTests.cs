using Workbench.Caching;
using Workbench.Tests.Traces;

namespace Workbench.Tests.Caching;

/// <summary>Our W-TinyLFU beside BitFaster.Caching's ConcurrentLfu on the shared real traces.</summary>
public class PeerHitRatioTests
{
    public static TheoryData<string> Files => new(
        "arc/OLTP.lis.zst", "corda/trace_vaultservice.gz", "cache2k/web07.trace.xz", "cache2k/web12.trace.xz",
        "lirs/2_pools.trace.gz", "lirs/multi2.trace.gz", "lirs/multi3.trace.gz", "lirs/sprite.trace.gz");

    /// <summary>1% and 10% of the distinct keys, and the ARC paper's sizes on OLTP.</summary>
    private static int[] Sizes(string file, long[] trace)
    {
        if (file.StartsWith("arc/OLTP", StringComparison.Ordinal)) return [1000, 2000, 15000];
        int distinct = trace.Distinct().Count();
        return [Math.Max(3, distinct / 100), Math.Max(3, distinct / 10)];
    }

    [SharedTracesTheory]
    [MemberData(nameof(Files))]
    public void Adaptive_wtinylfu_is_within_0_3_points_of_bitfaster_ConcurrentLfu_at_500_entries_and_more(string file)
    {
        // ConcurrentLfu resizes its window with Caffeine's hill climber, so its like-for-like policy is
        // wtinylfu-adaptive. Below about 500 entries the sketch has a few dozen words and its hash
        // collisions move hit ratios by points from one hash seed to the next, so sizes start there.
        long[] trace = SharedTraces.Load(file);
        foreach (int size in Sizes(file, trace).Where(s => s >= 500))
        {
            double ours = CacheSimulator.Replay(CachePolicies.Create("wtinylfu-adaptive", size), trace).HitRatio;
            double peer = CacheSimulator.Replay(CachePolicies.Create("bitfaster-lfu", size), trace).HitRatio;
            Assert.True(ours >= peer - 0.003, $"{file} at {size}: wtinylfu-adaptive {100 * ours:F2}% against bitfaster-lfu {100 * peer:F2}%");
        }
    }
}
