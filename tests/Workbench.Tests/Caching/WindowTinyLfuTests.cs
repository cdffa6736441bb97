using CsCheck;
using Workbench.Caching;

namespace Workbench.Tests.Caching;

public class WindowTinyLfuTests
{
    private static readonly Gen<(int Capacity, long[] Trace, long Seed)> Traces =
        Gen.Select(Gen.Int[1, 60], Gen.Int[2, 300], Gen.Long)
           .SelectMany(t => Gen.Long[0, t.Item2].Array[0, 4000].Select(trace => (t.Item1, trace, t.Item3)));

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Fast_wtinylfu_and_its_reference_twin_agree_request_by_request(bool adaptive)
    {
        Traces.Sample(t =>
        {
            var fast = new WindowTinyLfuPolicy(t.Capacity, adaptive, t.Seed);
            var reference = new ReferenceWindowTinyLfu(t.Capacity, adaptive, t.Seed);
            for (int i = 0; i < t.Trace.Length; i++)
            {
                Assert.True(reference.Access(t.Trace[i]) == fast.Access(t.Trace[i]), $"request {i} (key {t.Trace[i]}) differs");
            }
        }, iter: 200);
    }

    [Fact]
    public void Fast_and_reference_agree_on_a_long_skewed_trace_where_the_window_adapts()
    {
        var zipf = new Workbench.Workloads.ZipfGenerator(5000, 0.9, seed: 11);
        long[] trace = new long[200_000];
        for (int i = 0; i < trace.Length; i++) trace[i] = i % 50_000 < 25_000 ? zipf.Next() : 10_000 + i % 700;   // frequency phase, then a loop
        var fast = new WindowTinyLfuPolicy(500, adaptive: true);
        var reference = new ReferenceWindowTinyLfu(500, adaptive: true);
        for (int i = 0; i < trace.Length; i++) Assert.True(reference.Access(trace[i]) == fast.Access(trace[i]), $"request {i}");
        Assert.NotEqual(WindowTinyLfuSizing.Partition(500, 0.99).Window, fast.MaxWindow);
    }

    /// <summary>The climber runs after a miss, as in a production cache's maintenance: a sample that reaches
    /// W = 10 × capacity requests on a hit stays open until the next miss.</summary>
    [Fact]
    public void A_climber_sample_closes_at_the_first_miss_once_it_holds_W_requests()
    {
        foreach (ICachePolicy policy in new ICachePolicy[] { new WindowTinyLfuPolicy(100, adaptive: true, seed: 3), new ReferenceWindowTinyLfu(100, adaptive: true, seed: 3) })
        {
            var fast = policy as WindowTinyLfuPolicy;
            int hits = 0;
            void Request(long key) => hits += policy.Access(key) ? 1 : 0;
            // Sample 1: 100 misses fill the cache, then 900 hits; request 1,000 is a hit, so the sample
            // closes at request 1,001, the first miss (hit rate 900/1,001; the window stays at 1 entry).
            for (long k = 0; k < 100; k++) Request(k);
            for (int i = 0; i < 900; i++) Request(i % 100);
            Assert.Equal(900, hits);
            // Sample 2, from request 1,002: 499 more fresh keys, then 600 hits, across request 2,001 where the
            // sample reaches W. The hits go to keys 50 to 98, which the last cycle left in protected (keys 20
            // to 98; key 99 sat in the window), where no fresh key can evict them.
            for (long k = 1000; k < 1500; k++) Request(k);
            for (int i = 0; i < 600; i++) Request(50 + i % 49);
            Assert.Equal(1500, hits);
            if (fast is not null) Assert.Equal(1, fast.MaxWindow);
            // The next miss closes it: its hit rate (600/1,100) fell, so the climber turns and grows the window by 6.25%.
            Request(5000);
            if (fast is not null) Assert.Equal(WindowTinyLfuSizing.Partition(100, 0.999 - 0.0625).Window, fast.MaxWindow);
        }
    }

    [Fact]
    public void Window_is_one_percent_and_protected_eighty_percent_of_main()
    {
        var policy = new WindowTinyLfuPolicy(1000);
        Assert.Equal(10, policy.MaxWindow);
        Assert.Equal(792, policy.MaxProtected);
        Assert.Equal(16 * 1024, policy.Sketch.Words * 16);
    }

    [Fact]
    public void A_frequent_key_survives_a_scan_that_evicts_it_from_LRU()
    {
        // TinyLFU's point: one-hit wonders of a scan lose the admission contest against a popular victim.
        var tiny = new WindowTinyLfuPolicy(100);
        var lru = new LruPolicy(100);
        for (int r = 0; r < 10; r++)
        {
            for (long k = 0; k < 50; k++) { tiny.Access(k); lru.Access(k); }
        }
        for (long k = 1000; k < 2000; k++) { tiny.Access(k); lru.Access(k); }
        int tinyHits = 0, lruHits = 0;
        for (long k = 0; k < 50; k++) { tinyHits += tiny.Access(k) ? 1 : 0; lruHits += lru.Access(k) ? 1 : 0; }
        Assert.Equal(0, lruHits);
        Assert.True(tinyHits >= 45, $"W-TinyLFU kept {tinyHits} of 50 popular keys");
    }

    [Fact]
    public void Never_holds_more_than_capacity_keys()
    {
        Traces.Sample(t =>
        {
            var policy = new WindowTinyLfuPolicy(t.Capacity, adaptive: true, t.Seed);
            foreach (long key in t.Trace)
            {
                policy.Access(key);
                Assert.True(policy.Count <= t.Capacity);
            }
        }, iter: 50);
    }

    [Fact]
    public void A_hash_seed_changes_bitfasters_hash_and_nothing_else()
    {
        var a = new SeededKeyComparer(1);
        var b = new SeededKeyComparer(2);
        Assert.Equal(a.GetHashCode(12345L), new SeededKeyComparer(1).GetHashCode(12345L));
        Assert.True(Enumerable.Range(0, 1000).Count(k => a.GetHashCode(k) != b.GetHashCode(k)) > 990);
        Assert.True(a.Equals(5L, 5L) && !a.Equals(5L, 6L));
        // One policy under two seeds: the same keys resident at most, and (in a small cache on a skewed
        // trace) different admissions, so different hit counts.
        var trace = Workbench.Traces.TraceSource.Load("synthetic:zipf?keys=2000&s=0.8&requests=20000&seed=3");
        var hits = new[] { (long?)null, 1L, 2L }.Select(seed => CacheSimulator.Replay(new BitFasterLfuPolicy(40, seed), trace).Hits).ToArray();
        Assert.Equal(hits[0], CacheSimulator.Replay(CachePolicies.Create("bitfaster-lfu", 40), trace).Hits);
        Assert.True(hits.Distinct().Count() > 1, $"hits {string.Join(", ", hits)}");
    }
}
