using Workbench.Experiments.Raft;

namespace Workbench.Tests.Consensus;

/// <summary>
/// <c>raft/election-time</c> (Figure 16 of Ongaro &amp; Ousterhout 2014, §9.3): deterministic for a seed,
/// the paper's qualitative claims about randomized election timeouts, physical lower bounds on every
/// measured time, capped trials kept, bad parameters named.
/// </summary>
public sealed class ElectionTimeExperimentTests
{
    private static readonly ElectionTimeExperiment Experiment = new();

    private static ElectionTimeSummary Of(IReadOnlyList<ElectionTimeSummary> s, string range) => s.Single(x => x.Range == range);

    [Fact]
    public void Same_seed_gives_byte_identical_csv_and_another_seed_differs()
    {
        var p = Experiment.Quick with { Ranges = ["150-300", "12-24"], Trials = 20 };
        string first = Experiment.Run(p, 7).Table.ToCsv();
        Assert.Equal(first, Experiment.Run(p, 7).Table.ToCsv());
        Assert.NotEqual(first, Experiment.Run(p, 8).Table.ToCsv());
    }

    /// <summary>§9.3: "a small amount of randomization in the election timeout is enough to avoid split
    /// votes"; without it elections take much longer, and a lower timeout (12-24 ms) elects faster.</summary>
    [Fact]
    public void Randomization_shortens_elections_and_a_lower_timeout_elects_faster()
    {
        var p = Experiment.Quick with { Ranges = ["150-150", "150-300", "12-24"], Trials = 200 };
        var s = ElectionTimeExperiment.Summarize(Experiment.Run(p, 1).Table);
        var none = Of(s, "150-150");
        var wide = Of(s, "150-300");
        var low = Of(s, "12-24");
        Assert.All(s, x => Assert.Equal(0, x.Capped));
        Assert.True(none.MedianMs > 2 * wide.MedianMs, $"median 150-150 {none.MedianMs} ms vs 150-300 {wide.MedianMs} ms");
        Assert.True(none.P99Ms > 2 * wide.P99Ms, $"p99 150-150 {none.P99Ms} ms vs 150-300 {wide.P99Ms} ms");
        Assert.True(low.MeanMs < 0.6 * wide.MeanMs, $"mean 12-24 {low.MeanMs} ms vs 150-300 {wide.MeanMs} ms");
        Assert.True(low.MaxMs < wide.MaxMs, $"max 12-24 {low.MaxMs} ms vs 150-300 {wide.MaxMs} ms");
    }

    /// <summary>No follower can time out sooner than MIN minus one heartbeat interval (MIN/2) minus one tick after
    /// the crash, and a leader needs its election's votes back, so every time lies above that; a
    /// single-term election cannot take longer than MAX plus the round trips of a vote (2 × 9 ms here)
    /// plus the heartbeat still in flight at the crash (9 ms).</summary>
    [Fact]
    public void Every_election_time_is_physically_possible()
    {
        var p = Experiment.Quick with { Ranges = ["150-200", "12-24"], Trials = 100 };
        var t = Experiment.Run(p, 3).Table;
        for (int i = 0; i < t.RowCount; i++)
        {
            long min = (long)t.Cell(i, "min_timeout_ms"), max = (long)t.Cell(i, "max_timeout_ms"), terms = (long)t.Cell(i, "terms");
            double ms = (double)t.Cell(i, "election_ms");
            Assert.True(ms >= min - min / 2 - 1 + 8, $"row {i}: {ms} ms for range {min}-{max}");
            Assert.True(terms >= 1, $"row {i}: {terms} terms");
            if (terms == 1) Assert.True(ms <= max + 1 + 2 * 9 + 9, $"row {i}: one term took {ms} ms for range {min}-{max}");
        }
        Assert.Equal(200, t.RowCount);
        // The CDF column climbs from 1/trials to 1 within each range.
        foreach (var range in p.Ranges)
        {
            var f = t.Where("range", range).Doubles("cumulative_fraction").ToArray();
            Assert.Equal(0.01, f[0], 12);
            Assert.Equal(1.0, f[^1], 12);
            Assert.True(f.Zip(f.Skip(1)).All(x => x.Second > x.First));
        }
    }

    [Fact]
    public void Trials_that_hit_the_cap_are_kept_and_counted()
    {
        // With a 2 s minimum timeout no leader can exist within a 1 s cap.
        var p = Experiment.Quick with { Ranges = ["2000-2000", "150-300"], Trials = 3, CapMs = 1_000 };
        var t = Experiment.Run(p, 5).Table;
        Assert.Equal(6, t.RowCount);
        var s = ElectionTimeExperiment.Summarize(t);
        Assert.Equal(3, Of(s, "2000-2000").Capped);
        Assert.Equal(double.PositiveInfinity, Of(s, "2000-2000").MedianMs);
        Assert.Equal(0, Of(s, "150-300").Capped);
        Assert.All(t.Where("range", "2000-2000").Strings("capped"), c => Assert.Equal("true", c));
    }

    [Fact]
    public void Summary_uses_nearest_rank_percentiles()
    {
        var t = new ResultTable("range", "election_ms", "capped");
        foreach (var ms in new[] { 300.0, 100.0, 200.0, 400.0 }) t.AddRow("a", ms, false);
        t.AddRow("b", 50.0, false);
        t.AddRow("b", double.NaN, true);
        var s = ElectionTimeExperiment.Summarize(t);
        Assert.Equal(new ElectionTimeSummary("a", 4, 0, 200, 250, 400, 400, 0), Of(s, "a"));
        Assert.Equal(new ElectionTimeSummary("b", 2, 1, 50, 50, double.PositiveInfinity, double.PositiveInfinity, 0), Of(s, "b"));
    }

    [Fact]
    public void Bad_parameters_are_refused_naming_the_parameter()
    {
        var q = Experiment.Quick;
        Assert.Contains("ranges", Assert.Throws<ParameterException>(() => ParameterBinder.Bind(q, [new("ranges", "300-150")])).Message);
        Assert.Contains("ranges", Assert.Throws<ParameterException>(() => ParameterBinder.Bind(q, [new("ranges", "150")])).Message);
        Assert.Contains("trials", Assert.Throws<ParameterException>(() => ParameterBinder.Bind(q, [new("trials", "0")])).Message);
        Assert.Contains("servers", Assert.Throws<ParameterException>(() => ParameterBinder.Bind(q, [new("servers", "2")])).Message);
        Assert.Contains("delay", Assert.Throws<ParameterException>(() => ParameterBinder.Bind(q, [new("delay", "fast")])).Message);
        Assert.Contains("cap_ms", Assert.Throws<ParameterException>(() => ParameterBinder.Bind(q, [new("cap_ms", "10")])).Message);
    }

    [Fact]
    public void Registered_under_the_raft_paper()
    {
        Assert.Contains(ExperimentRegistry.Library.ForPaper("raft"), e => e.Id == "raft/election-time");
        Assert.True(ExperimentRegistry.Library.Find("raft/election-time")!.Deterministic);
    }
}
