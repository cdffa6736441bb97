using System.Collections.Concurrent;
using BitFaster.Caching.Lfu;
using BitFaster.Caching.Scheduler;
using Workbench.Caching;
using Workbench.Hashing;
using Workbench.Traces;
using Workbench.Workloads;

namespace Workbench.Benchmarks.TinyLfu;

/// <summary>
/// The caches and the workload of the TinyLFU throughput benchmarks. The workload is Zipf(0.9) over
/// 10 × capacity keys (so the hot set does not fit and both hits and misses are exercised), drawn
/// with a fixed seed, ranks scrambled into 64-bit keys, 2^20 requests replayed cyclically.
/// </summary>
public static class TinyLfuFixture
{
    public const double ZipfExponent = 0.9;
    public const int KeysPerEntry = 10;
    public const int Requests = 1 << 20;
    public const int Seed = 20170401;

    /// <summary>The caches measured, in the order shown.</summary>
    public static readonly string[] Caches = ["wtinylfu", "wtinylfu-adaptive", "bitfaster-lfu", "bitfaster-lfu-background", "concurrent-dictionary"];

    public static readonly int[] DefaultCapacities = [1_000, 10_000, 100_000];

    /// <summary>The request keys for a cache of <paramref name="capacity"/> entries.</summary>
    public static long[] Workload(int capacity)
    {
        var zipf = new ZipfGenerator(KeysPerEntry * capacity, ZipfExponent, Seed);
        var keys = new long[Requests];
        for (int i = 0; i < keys.Length; i++) keys[i] = (long)KeyHash.Mix((ulong)zipf.Next());
        return keys;
    }

    /// <summary>ConcurrentLfu as the policy replay uses it: maintenance on the calling thread.</summary>
    public static ConcurrentLfu<long, long> BitFasterForeground(int capacity) =>
        new(1, capacity, new ForegroundScheduler(), EqualityComparer<long>.Default);

    /// <summary>ConcurrentLfu as constructed by default: maintenance on the thread pool.</summary>
    public static ConcurrentLfu<long, long> BitFasterBackground(int capacity) => new(capacity);

    public static ConcurrentDictionary<long, long> Dictionary(int capacity) => new(1, capacity * KeysPerEntry);

    /// <summary>Hit ratio of <paramref name="cache"/> on the workload: one pass after one warm-up pass (1 for the dictionary, which never evicts).</summary>
    public static double HitRatio(string cache, int capacity, long[] keys)
    {
        switch (cache)
        {
            case "wtinylfu":
            case "wtinylfu-adaptive":
                var policy = new WindowTinyLfuPolicy(capacity, adaptive: cache == "wtinylfu-adaptive");
                foreach (long k in keys) policy.Access(k);
                return CacheSimulator.Replay(policy, keys).HitRatio;
            case "bitfaster-lfu":
            case "bitfaster-lfu-background":
                var lfu = BitFasterForeground(capacity);
                foreach (long k in keys) lfu.GetOrAdd(k, static k => k);
                long hits = 0;
                foreach (long k in keys) if (lfu.TryGet(k, out _)) hits++; else lfu.AddOrUpdate(k, k);
                return (double)hits / keys.Length;
            default:
                return 1.0;   // no eviction: after the warm-up pass every key is present
        }
    }

    /// <summary>
    /// The OLTP trace of the ARC paper, loaded from the shared trace collection (<c>../shared/traces</c>
    /// beside the repository, found by walking up from the working directory and from the program's
    /// folder). Throws a <see cref="FileNotFoundException"/> naming where it looked.
    /// </summary>
    public static long[] LoadOltp()
    {
        const string relative = "shared/traces/arc/OLTP.lis.zst";
        var tried = new List<string>();
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                string candidate = Path.Combine(dir.FullName, relative);
                tried.Add(candidate);
                if (File.Exists(candidate)) return TraceSource.Load(candidate);
            }
        }
        throw new FileNotFoundException($"the OLTP trace ({relative}) was not found above {Directory.GetCurrentDirectory()} or {AppContext.BaseDirectory}", relative);
    }
}

/// <summary>The capacities the <see cref="TinyLfuGetOrAdd"/> benchmark reads; the <c>tinylfu/throughput</c> experiment sets them for a run, under <see cref="Gate"/>.</summary>
public static class TinyLfuSweep
{
    public static readonly Lock Gate = new();

    public static IReadOnlyList<int> Capacities { get; set; } = TinyLfuFixture.DefaultCapacities;
}
