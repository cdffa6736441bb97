using Workbench.Caching;
using Workbench.Experiments;

namespace Workbench.Tests.Caching;

public class CacheSimulatorTests
{
    [Fact]
    public void Replay_counts_hits_misses_and_ratio()
    {
        var result = CacheSimulator.Replay(CachePolicies.Create("lru", 2), new long[] { 1, 2, 1, 3, 2, 1 });
        Assert.Equal(new CacheReplayResult("lru", 2, 6, 1), result);
        Assert.Equal(5, result.Misses);
        Assert.Equal(1.0 / 6, result.HitRatio);
    }

    [Fact]
    public void Replay_of_an_empty_trace_has_ratio_zero()
    {
        var result = CacheSimulator.Replay(CachePolicies.Create("lru", 4), ReadOnlySpan<long>.Empty);
        Assert.Equal(0, result.Requests);
        Assert.Equal(0, result.HitRatio);
    }

    [Fact]
    public void Replay_reports_progress_to_the_end_and_honours_cancellation()
    {
        long[] trace = Enumerable.Range(0, 200_000).Select(i => (long)(i % 1000)).ToArray();
        var reports = new List<ExperimentProgress>();
        CacheSimulator.Replay(CachePolicies.Create("lru", 10), trace, new SyncProgress(reports.Add));
        Assert.Equal(trace.Length, reports[^1].Done);
        Assert.Equal(trace.Length, reports[^1].Total);
        using var cts = new CancellationTokenSource();
        cts.Cancel();
        Assert.Throws<OperationCanceledException>(() => CacheSimulator.Replay(CachePolicies.Create("lru", 10), trace, cancellation: cts.Token));
    }

    [Fact]
    public void Registry_rejects_unknown_names_and_bad_capacities_naming_the_parameter()
    {
        var unknown = Assert.Throws<ArgumentException>(() => CachePolicies.Create("nope", 10));
        Assert.Equal("name", unknown.ParamName);
        Assert.Contains("nope", unknown.Message);
        Assert.Contains("lru", unknown.Message);
        var zero = Assert.ThrowsAny<ArgumentException>(() => CachePolicies.Create("lru", 0));
        Assert.Equal("capacity", zero.ParamName);
    }

    [Fact]
    public void Every_registered_policy_is_created_under_its_own_name_and_capacity()
    {
        foreach (string name in CachePolicies.Names)
        {
            var policy = CachePolicies.Create(name, 16, seed: 1);
            Assert.Equal(name, policy.Name);
            Assert.Equal(16, policy.Capacity);
        }
    }

    private sealed class SyncProgress(Action<ExperimentProgress> report) : IProgress<ExperimentProgress>
    {
        public void Report(ExperimentProgress value) => report(value);
    }
}
