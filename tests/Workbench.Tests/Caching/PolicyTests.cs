using CsCheck;
using Workbench.Caching;

namespace Workbench.Tests.Caching;

/// <summary>Hand-worked sequences, one per policy, and properties every policy must have.</summary>
public class PolicyTests
{
    private static bool[] Run(ICachePolicy policy, params long[] trace)
    {
        if (policy is IOfflinePolicy offline) offline.Prepare(trace);
        return trace.Select(policy.Access).ToArray();
    }

    private static bool[] Hits(string pattern) => pattern.Select(c => c == 'H').ToArray();

    [Fact]
    public void Fifo_ignores_hits_when_choosing_its_victim()
    {
        // 1 2 3 | 1 hit | 4 evicts 1 (oldest, although just hit) | 1 evicts 2 | 2 evicts 3
        Assert.Equal(Hits("MMMHMMM"), Run(new FifoPolicy(3), 1, 2, 3, 1, 4, 1, 2));
    }

    [Fact]
    public void Clock_gives_referenced_keys_a_second_chance()
    {
        // ring [1*,2,3] hand 0; 4: clears 1, evicts 2; 1 hit sets its bit; 2: evicts 3; 3: clears 1, evicts 4; 1 hits.
        Assert.Equal(Hits("MMMHMHMMH"), Run(new ClockPolicy(3), 1, 2, 3, 1, 4, 1, 2, 3, 1));
    }

    [Fact]
    public void Sieve_hand_moves_from_the_tail_towards_the_head_and_keeps_visited_keys_in_place()
    {
        // queue 3 2 1* (head..tail); 4: hand clears 1, evicts 2, rests at 3; 2: evicts 3, hand at 4;
        // 1 hit; 3: evicts 4, hand at 2; 4: evicts 2; 1 is still cached though it never moved.
        Assert.Equal(Hits("MMMHMMHMMH"), Run(new SievePolicy(3), 1, 2, 3, 1, 4, 2, 1, 3, 4, 1));
    }

    [Fact]
    public void Slru_protects_keys_seen_twice_from_a_stream_of_new_keys()
    {
        var slru = new SegmentedLruPolicy(5);   // 4 protected, probation gets the rest
        Run(slru, 1, 1, 2, 2, 3, 3, 4, 4);       // 1..4 promoted to protected
        foreach (long k in Enumerable.Range(100, 50)) slru.Access(k);
        Assert.Equal(Hits("HHHH"), new long[] { 1, 2, 3, 4 }.Select(slru.Access).ToArray());
    }

    [Fact]
    public void Lfu_evicts_the_least_frequent_key_and_breaks_ties_by_recency()
    {
        // 1 x3, 2 x2, 3 once; 4 evicts 3; 5 evicts 4 (count 1, older than nothing else with count 1); 2 and 1 hit.
        Assert.Equal(Hits("MHHMHMMMHH"), Run(new LfuPolicy(3), 1, 1, 1, 2, 2, 3, 4, 5, 2, 1));
    }

    [Fact]
    public void Arc_ghost_hits_move_p_by_the_ratio_of_the_ghost_lists()
    {
        var arc = new ArcPolicy(2);
        long[] trace = [1, 1, 2, 3];
        Assert.Equal(Hits("MHMM"), Run(arc, trace));
        Assert.Equal((1, 1, 1, 0), arc.Sizes);        // T1 = {3}, T2 = {1}, B1 = {2}
        Assert.Equal(0, arc.P);
        Assert.False(arc.Access(2));                  // B1 hit: p += max(|B2|/|B1|, 1) = 1, T2's LRU (1) goes to B2
        Assert.Equal(1, arc.P);
        Assert.Equal((1, 1, 0, 1), arc.Sizes);
        Assert.False(arc.Access(1));                  // B2 hit: p -= max(|B1|/|B2|, 1), T1's LRU (3) goes to B1
        Assert.Equal(0, arc.P);
        Assert.Equal((0, 2, 1, 0), arc.Sizes);
        Assert.True(arc.Access(2));
        Assert.True(arc.Access(1));
    }

    [Fact]
    public void Arc_keeps_its_list_bounds_and_a_real_valued_p()
    {
        // Figure 4's invariants: |T1|+|T2| <= c, |T1|+|B1| <= c, all four lists <= 2c, 0 <= p <= c;
        // p moves by ratios of ghost-list lengths, so it takes fractional values on real workloads.
        var zipf = new Workbench.Workloads.ZipfGenerator(3000, 0.7, seed: 2);
        var arc = new ArcPolicy(100);
        bool fractional = false;
        for (int i = 0; i < 50_000; i++)
        {
            arc.Access(i % 7000 < 5000 ? zipf.Next() : 10_000 + i % 7000);
            var (t1, t2, b1, b2) = arc.Sizes;
            Assert.True(t1 + t2 <= 100 && t1 + b1 <= 100 && t1 + t2 + b1 + b2 <= 200, $"bounds broken at request {i}: {arc.Sizes}");
            Assert.InRange(arc.P, 0, 100);
            fractional |= arc.P != Math.Floor(arc.P);
        }
        Assert.True(fractional);
    }

    [Fact]
    public void Lirs_keeps_its_LIR_set_on_a_loop_larger_than_the_cache()
    {
        // Capacity 10: 9 LIR keys and 1 HIR slot. On a loop over 11 keys LRU never hits; LIRS keeps keys 0..8
        // as LIR for good and hits them on every round (Jiang & Zhang 2002, §4, loop pattern).
        var lirs = new LirsPolicy(10);
        var lru = new LruPolicy(10);
        for (int round = 0; round < 10; round++)
        {
            int lirsHits = 0, lruHits = 0;
            for (long k = 0; k < 11; k++) { lirsHits += lirs.Access(k) ? 1 : 0; lruHits += lru.Access(k) ? 1 : 0; }
            Assert.Equal(0, lruHits);
            Assert.Equal(round == 0 ? 0 : 9, lirsHits);
            Assert.Equal(9, lirs.LirCount);
            for (long k = 0; k < 9; k++) Assert.True(lirs.IsLir(k));
        }
    }

    [Fact]
    public void S3fifo_sends_one_hit_wonders_to_the_ghost_and_ghost_hits_to_main()
    {
        var s3 = new S3FifoPolicy(10);          // small target 1 entry, main 9
        Run(s3, 1, 1, 1);                      // 1 in S with freq 2
        foreach (long k in Enumerable.Range(100, 9)) s3.Access(k);   // fills S: ten keys, no eviction yet
        Assert.True(s3.Access(1));
        Assert.False(s3.Access(200));          // full: S's tail 1 (freq 3) moves to M, 100 (freq 0) goes to G
        Assert.False(s3.Access(100));          // a ghost hit: a miss that inserts 100 into M
        Assert.True(s3.Access(100));
        Assert.True(s3.Access(1));
    }

    [Fact]
    public void Tinylfu_rejects_a_new_key_less_frequent_than_the_victim()
    {
        var tiny = new TinyLfuPolicy(2);
        Run(tiny, 1, 1, 1, 2, 2, 2);
        Assert.False(tiny.Access(3));          // freq(3) = 1 <= freq(1) = 3: not admitted
        Assert.True(tiny.Access(1));
        Assert.True(tiny.Access(2));
        Assert.False(tiny.Access(3));
    }

    [Fact]
    public void Opt_equals_a_brute_force_optimum_on_tiny_traces()
    {
        Gen.Select(Gen.Int[1, 3], Gen.Long[0, 5].Array[0, 12]).Sample(t =>
        {
            var (capacity, trace) = t;
            int opt = Run(new BeladyPolicy(capacity), trace).Count(h => h);
            Assert.Equal(BruteForceOptimum(capacity, trace), opt);
        }, iter: 400);
    }

    [Fact]
    public void Opt_bypasses_a_key_needed_later_than_every_resident()
    {
        // capacity 2: 1 2 | 3 is next needed after 1 and 2 are: OPT does not cache it | 1 2 hit.
        Assert.Equal(Hits("MMMHHM"), Run(new BeladyPolicy(2), 1, 2, 3, 1, 2, 3));
    }

    [Fact]
    public void Opt_rejects_a_trace_other_than_the_prepared_one()
    {
        var opt = new BeladyPolicy(2);
        opt.Prepare(new long[] { 1, 2 });
        Assert.Throws<InvalidOperationException>(() => opt.Access(5));
    }

    [Fact]
    public void No_policy_beats_opt_on_random_traces()
    {
        Gen.Select(Gen.Int[3, 20], Gen.Int[2, 60], Gen.Long)
           .SelectMany(t => Gen.Long[0, t.Item2].Array[0, 800].Select(trace => (Capacity: t.Item1, Trace: trace, Seed: t.Item3)))
           .Sample(t =>
           {
               long opt = CacheSimulator.Replay(CachePolicies.Create("opt", t.Capacity), t.Trace).Hits;
               foreach (string name in CachePolicies.Names)
               {
                   long hits = CacheSimulator.Replay(CachePolicies.Create(name, t.Capacity, t.Seed), t.Trace).Hits;
                   Assert.True(hits <= opt, $"{name} at capacity {t.Capacity}: {hits} hits > opt's {opt}");
               }
           }, iter: 60);
    }

    [Fact]
    public void Every_policy_misses_only_compulsorily_when_every_key_fits()
    {
        Gen.Select(Gen.Int[3, 40], Gen.Long[0, 30].Array[0, 500]).Sample(t =>
        {
            var (extra, trace) = t;
            int distinct = trace.Distinct().Count();
            foreach (string name in CachePolicies.Names)
            {
                var r = CacheSimulator.Replay(CachePolicies.Create(name, Math.Max(3, distinct) + extra), trace);
                Assert.True(distinct == r.Misses, $"{name}: {r.Misses} misses for {distinct} distinct keys");
            }
        }, iter: 40);
    }

    [Fact]
    public void Every_policy_is_deterministic_for_its_seed()
    {
        var zipf = new Workbench.Workloads.ZipfGenerator(2000, 0.8, seed: 5);
        long[] trace = Enumerable.Range(0, 30_000).Select(_ => (long)zipf.Next()).ToArray();
        foreach (string name in CachePolicies.Names)
        {
            var a = CacheSimulator.Replay(CachePolicies.Create(name, 100, 9), trace);
            var b = CacheSimulator.Replay(CachePolicies.Create(name, 100, 9), trace);
            Assert.Equal(a, b);
        }
    }

    /// <summary>The most hits any replacement schedule (with bypass) gets: DP over (position, resident set).</summary>
    private static int BruteForceOptimum(int capacity, long[] trace)
    {
        var memo = new Dictionary<(int, int), int>();
        return Best(0, 0);

        int Best(int t, int residents)
        {
            if (t == trace.Length) return 0;
            if (memo.TryGetValue((t, residents), out int known)) return known;
            int bit = 1 << (int)trace[t];
            int best;
            if ((residents & bit) != 0) best = 1 + Best(t + 1, residents);
            else
            {
                best = Best(t + 1, residents);                                                    // bypass
                if (int.PopCount(residents) < capacity) best = Math.Max(best, Best(t + 1, residents | bit));
                else
                {
                    for (int k = 0; k < 6; k++)
                    {
                        if ((residents & (1 << k)) != 0) best = Math.Max(best, Best(t + 1, (residents & ~(1 << k)) | bit));
                    }
                }
            }
            memo[(t, residents)] = best;
            return best;
        }
    }
}
