using BenchmarkDotNet.Attributes;
using Workbench.Caching;

namespace Workbench.Benchmarks.TinyLfu;

/// <summary>
/// Question: how fast does the trace simulator replay a real trace? The ARC paper's OLTP trace
/// (914,145 requests, pre-loaded as a <c>long[]</c>) through a fresh policy per invocation at 1,000
/// and 15,000 entries, one thread, one interface call per request (<see cref="CacheSimulator.Replay"/>).
/// The targets are 20 million requests per second for LRU and 10 million for W-TinyLFU (fixed window
/// or hill climber); LRU is the baseline.
/// </summary>
public class SimulatorReplay
{
    private static long[]? s_oltp;

    [Params("lru", "wtinylfu", "wtinylfu-adaptive")]
    public string Policy { get; set; } = "lru";

    [Params(1_000, 15_000)]
    public int Capacity { get; set; }

    /// <summary>Requests replayed per invocation (the OLTP trace's length).</summary>
    public const int OltpRequests = 914_145;

    [GlobalSetup]
    public void Setup()
    {
        s_oltp ??= TinyLfuFixture.LoadOltp();
        if (s_oltp.Length != OltpRequests) throw new InvalidOperationException($"OLTP trace has {s_oltp.Length} requests, expected {OltpRequests}");
    }

    [Benchmark(OperationsPerInvoke = OltpRequests)]
    public long Replay() => CacheSimulator.Replay(CachePolicies.Create(Policy, Capacity), s_oltp).Hits;
}
