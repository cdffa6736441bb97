using Workbench.Experiments.Raft;

namespace Workbench.Tests.Consensus;

/// <summary>
/// <c>raft/faults</c>: one faulty run's timeline is deterministic for a seed, Figure 3's properties hold
/// on it (no safety violations, a linearizable history, terms and commit indexes that never go back),
/// the fault intervals match the nemesis log and the samples, and bad parameters are named.
/// </summary>
public sealed class RaftFaultsExperimentTests
{
    private static readonly FaultsExperiment Experiment = new();

    [Fact]
    public void Same_seed_gives_byte_identical_csv_and_another_seed_differs()
    {
        var p = Experiment.Quick;
        string first = Experiment.Run(p, 7).Table.ToCsv();
        Assert.Equal(first, Experiment.Run(p, 7).Table.ToCsv());
        Assert.NotEqual(first, Experiment.Run(p, 8).Table.ToCsv());
    }

    [Theory]
    [InlineData("mixed", 1)]
    [InlineData("mixed", 42)]
    [InlineData("crash", 2)]
    [InlineData("partition", 3)]
    [InlineData("loss", 4)]
    [InlineData("none", 5)]
    public void Safe_linearizable_and_terms_and_commit_indexes_never_go_back_while_up(string faults, int seed)
    {
        var t = Experiment.Run(Experiment.Quick with { Faults = faults }, seed).Table;
        Assert.All(t.Strings("safety_violations"), v => Assert.Equal("0", v));
        Assert.All(t.Strings("linearizability"), v => Assert.Equal("Linearizable", v));
        var samples = t.Where("record", "sample");
        int nodes = Experiment.Quick.Nodes;
        Assert.Equal(nodes, samples.Distinct("server").Count);
        foreach (var server in samples.Distinct("server"))
        {
            var rows = samples.Where("server", server);
            var time = rows.Doubles("time_s").ToArray();
            var up = rows.Strings("up").Select(u => u == "true").ToArray();
            var term = rows.Doubles("term").ToArray();
            var commit = rows.Doubles("commit_index").ToArray();
            double lastTerm = 0, lastCommit = 0;
            bool wasUp = false;
            for (int i = 0; i < rows.RowCount; i++)
            {
                if (i > 0) Assert.True(time[i] > time[i - 1], $"{server}: samples out of order at {time[i]} s");
                if (!up[i])
                {
                    Assert.True(double.IsNaN(term[i]) && double.IsNaN(commit[i]), $"{server} down at {time[i]} s but has a term or commit index");
                    wasUp = false;
                    continue;
                }
                // The term is persistent state: it never decreases, not even across a restart.
                Assert.True(term[i] >= lastTerm, $"{server}: term {term[i]} after {lastTerm} at {time[i]} s");
                // The commit index is volatile: it never decreases while the server stays up.
                if (wasUp) Assert.True(commit[i] >= lastCommit, $"{server}: commit index {commit[i]} after {lastCommit} at {time[i]} s");
                lastTerm = term[i];
                lastCommit = commit[i];
                wasUp = true;
            }
        }
        // At most one leader per term (Election Safety, as sampled).
        var leaders = samples.Where("role", "leader");
        foreach (var term in leaders.Distinct("term"))
            Assert.Single(leaders.Where("term", term).Distinct("server"));
        // The run made progress: the final commit index of some server is positive.
        Assert.True(samples.Doubles("commit_index").Where(double.IsFinite).Max() > 0);
    }

    [Fact]
    public void Crash_intervals_match_the_samples_and_the_figures_mark_every_start_and_end()
    {
        var p = Experiment.Defaults with { Faults = "crash" };
        var result = Experiment.Run(p, 11);
        var t = result.Table;
        var faults = t.Where("record", "fault");
        Assert.True(faults.RowCount >= 3, $"{faults.RowCount} faults");
        var samples = t.Where("record", "sample");
        for (int i = 0; i < faults.RowCount; i++)
        {
            string server = (string)faults.Cell(i, "server");
            double start = (double)faults.Cell(i, "time_s"), end = (double)faults.Cell(i, "fault_end_s");
            Assert.Equal($"crash {server}", faults.Cell(i, "fault"));
            Assert.Equal($"restart {server}", faults.Cell(i, "fault_end"));
            Assert.Equal(0.4, end - start, 9);
            var during = samples.Where("server", server).Rows.Where(r => (double)r[1] > start + 0.005 && (double)r[1] < end - 0.005).ToList();
            Assert.NotEmpty(during);
            Assert.All(during, r => Assert.Equal(false, r[samples.ColumnIndex("up")]));
            var after = samples.Where("server", server).Rows.Where(r => (double)r[1] > end + 0.005).ToList();
            if (after.Count > 0) Assert.Equal(true, after[0][samples.ColumnIndex("up")]);
        }
        Assert.Equal(["faults-roles", "faults-term", "faults-commit"], result.Figures.Select(f => f.Name));
        foreach (var figure in result.Figures)
        {
            Assert.Equal(2 * faults.RowCount, figure.Markers!.Count);
            Assert.Contains("history linearizable, 0 safety violations", figure.Title);
            Assert.Contains(figure.Markers, m => m.Label == (string)faults.Cell(0, "fault") && m.X == (double)faults.Cell(0, "time_s"));
            Assert.Contains(figure.Markers, m => m.Label == "up" && m.X == (double)faults.Cell(0, "fault_end_s"));
        }
    }

    /// <summary>Aimed at the leader (the default), each crash hits the server that was leading just before it, and
    /// the run shows elections: a new leader after every crash of one.</summary>
    [Fact]
    public void Crashes_aimed_at_the_leader_hit_the_leader_and_force_elections()
    {
        var t = Experiment.Run(Experiment.Defaults with { Faults = "crash" }, 42).Table;
        Assert.Equal("leader", Experiment.Defaults.Target);
        var samples = t.Where("record", "sample");
        var faults = t.Where("record", "fault");
        Assert.True(faults.RowCount >= 3, $"{faults.RowCount} faults");
        int leaderCrashes = 0;
        for (int i = 0; i < faults.RowCount; i++)
        {
            double start = (double)faults.Cell(i, "time_s");
            string server = (string)faults.Cell(i, "server");
            var before = samples.Rows.Where(r => (double)r[1] < start && (double)r[1] > start - 0.0105 && (string)r[samples.ColumnIndex("role")] == "leader").ToList();
            if (before.Count == 0) continue; // no leader at that moment: the victim was drawn at random
            Assert.Equal(server, before[^1][samples.ColumnIndex("server")]);
            leaderCrashes++;
        }
        Assert.True(leaderCrashes >= 3, $"{leaderCrashes} leader crashes");
        var leaders = samples.Where("role", "leader");
        Assert.True(leaders.Distinct("term").Count >= leaderCrashes + 1, $"{leaders.Distinct("term").Count} leader terms");
        // The lanes: one column per role, holding the server's number where it has that role.
        var lanes = samples.Doubles("lane_leader").Zip(samples.Strings("role"), samples.Strings("server"));
        Assert.All(lanes, x => Assert.Equal(x.Second == "leader", double.IsFinite(x.First)));
        Assert.All(lanes.Where(x => double.IsFinite(x.First)), x => Assert.Equal(x.Third, $"S{x.First}"));
    }

    [Fact]
    public void A_split_is_labelled_by_its_minority_on_the_figures()
    {
        Assert.Equal("split off S3 S5", FaultsExperiment.ShortLabel("split S3 S5 | S4 S1 S2"));
        Assert.Equal("crash S1", FaultsExperiment.ShortLabel("crash S1"));
    }

    [Fact]
    public void No_faults_means_no_fault_rows_and_no_marker_lines()
    {
        var result = Experiment.Run(Experiment.Quick with { Faults = "none" }, 3);
        Assert.Empty(result.Table.Where("record", "fault").Rows);
        Assert.All(result.Figures, f => Assert.Empty(f.Markers!));
        Assert.All(result.Table.Where("record", "sample").Strings("role"), r => Assert.Contains(r, new[] { "leader", "follower", "candidate", "precandidate", "down" }));
    }

    [Fact]
    public void The_nemesis_log_is_paired_into_intervals()
    {
        var f = FaultsExperiment.ParseFaultLog([
            "500000 loss 0.3", "900000 loss 0",
            "1000000 crash 1", "1400000 restart 1",
            "1500000 partition [0 3] | [1 2 4]", "1900000 heal",
            "2000000 cut 4 -> 2", "2400000 heal",
            "2500000 isolate 0", "2900000 heal",
        ]);
        Assert.Equal(
        [
            new FaultInterval("loss", "", 500_000, 900_000, "loss 0.3", "loss 0"),
            new FaultInterval("crash", "S2", 1_000_000, 1_400_000, "crash S2", "restart S2"),
            new FaultInterval("partition", "", 1_500_000, 1_900_000, "split S1 S4 | S2 S3 S5", "heal"),
            new FaultInterval("cut", "S5", 2_000_000, 2_400_000, "cut S5→S3", "heal"),
            new FaultInterval("isolate", "S1", 2_500_000, 2_900_000, "isolate S1", "heal"),
        ], f);
        Assert.Throws<FormatException>(() => FaultsExperiment.ParseFaultLog(["500000 crash 1"]));
        Assert.Throws<FormatException>(() => FaultsExperiment.ParseFaultLog(["500000 crash 1", "900000 restart 2"]));
        Assert.Throws<FormatException>(() => FaultsExperiment.ParseFaultLog(["500000 crash 1", "900000 heal"]));
        Assert.Throws<FormatException>(() => FaultsExperiment.ParseFaultLog(["500000 quake 1", "900000 heal"]));
        Assert.Throws<FormatException>(() => FaultsExperiment.ParseFaultLog(["soon crash 1", "900000 restart 1"]));
    }

    [Fact]
    public void Bad_parameters_are_refused_naming_the_parameter()
    {
        var q = Experiment.Quick;
        Assert.Contains("nodes", Assert.Throws<ParameterException>(() => ParameterBinder.Bind(q, [new("nodes", "2")])).Message);
        Assert.Contains("nodes", Assert.Throws<ParameterException>(() => ParameterBinder.Bind(q, [new("nodes", "10")])).Message);
        Assert.Contains("ops", Assert.Throws<ParameterException>(() => ParameterBinder.Bind(q, [new("ops", "0")])).Message);
        Assert.Contains("faults", Assert.Throws<ParameterException>(() => ParameterBinder.Bind(q, [new("faults", "quake")])).Message);
        Assert.Contains("faults", Assert.Throws<ParameterException>(() => ParameterBinder.Bind(q, [new("faults", "2")])).Message);
        Assert.Contains("sample_ms", Assert.Throws<ParameterException>(() => ParameterBinder.Bind(q, [new("sample_ms", "0")])).Message);
        Assert.Contains("target", Assert.Throws<ParameterException>(() => ParameterBinder.Bind(q, [new("target", "follower")])).Message);
        Assert.Contains("fault_ms", Assert.Throws<ParameterException>(() => ParameterBinder.Bind(q, [new("fault_ms", "-1")])).Message);
        Assert.Equal("random", ParameterBinder.Bind(q, [new("target", "random")]).Target);
        Assert.Equal("partition", ParameterBinder.Bind(q, [new("faults", "partition")]).Faults);
    }

    [Fact]
    public void Registered_under_the_raft_paper()
    {
        Assert.Contains(ExperimentRegistry.Library.ForPaper("raft"), e => e.Id == "raft/faults");
        Assert.True(ExperimentRegistry.Library.Find("raft/faults")!.Deterministic);
    }
}
