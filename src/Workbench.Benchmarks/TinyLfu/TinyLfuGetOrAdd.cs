using System.Collections.Concurrent;
using BenchmarkDotNet.Attributes;
using BitFaster.Caching.Lfu;
using Workbench.Caching;

namespace Workbench.Benchmarks.TinyLfu;

/// <summary>
/// Question: how many single-threaded get-or-add operations per second does our fast W-TinyLFU
/// (<see cref="WindowTinyLfuPolicy"/>: flat arrays, open addressing, no allocation per request; with
/// the fixed 1% window and with the hill climber, the design ConcurrentLfu has) sustain against BitFaster.Caching's ConcurrentLfu (a production port of Caffeine), and how far
/// are both from ConcurrentDictionary without eviction, the ceiling? Zipf(0.9) over 10 × capacity
/// keys (<see cref="TinyLfuFixture"/>), 2^16 requests per invocation taken cyclically from 2^20,
/// caches warmed by one pass. ConcurrentLfu is measured with its maintenance on the calling thread
/// (<c>ForegroundScheduler</c>, all of its work counted) and with its default thread-pool
/// scheduler (maintenance partly on another core). Ours holds keys only: W-TinyLFU's slot is where a
/// value would go, and a miss "adds" the key; ConcurrentLfu and ConcurrentDictionary store a value
/// and call a static factory on a miss. BitFaster with the foreground scheduler is the baseline.
/// </summary>
public class TinyLfuGetOrAdd
{
    private const int PerInvoke = 1 << 16;

    private long[] _keys = [];
    private int _cursor;
    private WindowTinyLfuPolicy _ours = null!, _oursAdaptive = null!;
    private ConcurrentLfu<long, long> _bitfaster = null!, _bitfasterBackground = null!;
    private ConcurrentDictionary<long, long> _dictionary = null!;

    [ParamsSource(nameof(CapacityValues))]
    public int Capacity { get; set; }

    public static IEnumerable<int> CapacityValues => TinyLfuSweep.Capacities;

    [GlobalSetup(Target = nameof(WTinyLfu))]
    public void SetupOurs()
    {
        _keys = TinyLfuFixture.Workload(Capacity);
        _ours = new WindowTinyLfuPolicy(Capacity);
        foreach (long k in _keys) _ours.Access(k);
    }

    [GlobalSetup(Target = nameof(WTinyLfuAdaptive))]
    public void SetupOursAdaptive()
    {
        _keys = TinyLfuFixture.Workload(Capacity);
        _oursAdaptive = new WindowTinyLfuPolicy(Capacity, adaptive: true);
        foreach (long k in _keys) _oursAdaptive.Access(k);
    }

    [GlobalSetup(Target = nameof(BitFasterLfu))]
    public void SetupBitFaster()
    {
        _keys = TinyLfuFixture.Workload(Capacity);
        _bitfaster = TinyLfuFixture.BitFasterForeground(Capacity);
        foreach (long k in _keys) _bitfaster.GetOrAdd(k, static k => k);
    }

    [GlobalSetup(Target = nameof(BitFasterLfuBackground))]
    public void SetupBitFasterBackground()
    {
        _keys = TinyLfuFixture.Workload(Capacity);
        _bitfasterBackground = TinyLfuFixture.BitFasterBackground(Capacity);
        foreach (long k in _keys) _bitfasterBackground.GetOrAdd(k, static k => k);
    }

    [GlobalSetup(Target = nameof(ConcurrentDictionary))]
    public void SetupDictionary()
    {
        _keys = TinyLfuFixture.Workload(Capacity);
        _dictionary = TinyLfuFixture.Dictionary(Capacity);
        foreach (long k in _keys) _dictionary.GetOrAdd(k, static k => k);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _keys = [];
        _ours = _oursAdaptive = null!;
        _bitfaster = _bitfasterBackground = null!;
        _dictionary = null!;
    }

    [Benchmark(OperationsPerInvoke = PerInvoke)]
    public int WTinyLfu() => Run(_ours);

    [Benchmark(OperationsPerInvoke = PerInvoke)]
    public int WTinyLfuAdaptive() => Run(_oursAdaptive);

    private int Run(WindowTinyLfuPolicy cache)
    {
        ReadOnlySpan<long> keys = _keys.AsSpan(Next(), PerInvoke);
        int hits = 0;
        foreach (long k in keys) if (cache.Access(k)) hits++;
        return hits;
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = PerInvoke)]
    public long BitFasterLfu() => Run(_bitfaster);

    [Benchmark(OperationsPerInvoke = PerInvoke)]
    public long BitFasterLfuBackground() => Run(_bitfasterBackground);

    [Benchmark(OperationsPerInvoke = PerInvoke)]
    public long ConcurrentDictionary()
    {
        var cache = _dictionary;
        ReadOnlySpan<long> keys = _keys.AsSpan(Next(), PerInvoke);
        long sum = 0;
        foreach (long k in keys) sum += cache.GetOrAdd(k, static k => k);
        return sum;
    }

    private long Run(ConcurrentLfu<long, long> cache)
    {
        ReadOnlySpan<long> keys = _keys.AsSpan(Next(), PerInvoke);
        long sum = 0;
        foreach (long k in keys) sum += cache.GetOrAdd(k, static k => k);
        return sum;
    }

    private int Next()
    {
        int start = _cursor;
        _cursor = (_cursor + PerInvoke) & (TinyLfuFixture.Requests - 1);
        return start;
    }

    /// <summary>The benchmark method measuring <paramref name="cache"/> (a name in <see cref="TinyLfuFixture.Caches"/>).</summary>
    public static string MethodFor(string cache) => cache switch
    {
        "wtinylfu" => nameof(WTinyLfu),
        "wtinylfu-adaptive" => nameof(WTinyLfuAdaptive),
        "bitfaster-lfu" => nameof(BitFasterLfu),
        "bitfaster-lfu-background" => nameof(BitFasterLfuBackground),
        "concurrent-dictionary" => nameof(ConcurrentDictionary),
        _ => throw new ArgumentException($"unknown cache '{cache}'", nameof(cache)),
    };
}
