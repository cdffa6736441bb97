using Workbench.Consensus.Linearizability;
using Workbench.Consensus.Raft;
using Workbench.Simulation;

namespace Workbench.Tests.Consensus;

/// <summary>
/// Randomized runs of a 5-server Raft key-value cluster in the simulator under a mixed nemesis
/// (crashes with restarts, partitions of every shape, message loss): each run must show no violation
/// of Figure 3's properties, a linearizable client history, and progress once the faults stop.
/// </summary>
public sealed class RaftClusterTests
{
    private static readonly RaftSimulationOptions Short = new(Nodes: 5, Ops: 12, Faults: NemesisKind.Mixed, Clients: 3, FaultMicros: 1_500_000, FaultIntervalMicros: 300_000, FaultDurationMicros: 250_000);

    /// <summary>
    /// Seeds run by <see cref="A_thousand_seeds_under_a_mixed_nemesis_are_safe_linearizable_and_live"/>:
    /// 1,000 unless the environment variable <c>WORKBENCH_RAFT_SEEDS</c> names a longer (or shorter) run,
    /// e.g. <c>WORKBENCH_RAFT_SEEDS=10000</c> for a soak.
    /// </summary>
    internal static int SeedCount()
    {
        string? text = Environment.GetEnvironmentVariable("WORKBENCH_RAFT_SEEDS");
        if (string.IsNullOrWhiteSpace(text)) return 1000;
        if (!int.TryParse(text, out int n) || n < 1)
            throw new ArgumentException($"WORKBENCH_RAFT_SEEDS must be a positive integer, got '{text}'.");
        return n;
    }

    /// <summary>Figure 3's properties, linearizability and liveness over many seeds, with the nemesis's crashes and
    /// partitions hitting random servers and, in the second case, always the current leader (more elections,
    /// more entries left uncommitted by a deposed leader).</summary>
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void A_thousand_seeds_under_a_mixed_nemesis_are_safe_linearizable_and_live(bool aimAtLeader)
    {
        int seeds = SeedCount();
        var options = Short with { AimAtLeader = aimAtLeader };
        var failures = new List<string>();
        int unsafeRuns = 0, nonLinearizable = 0, notLive = 0;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        for (int seed = 1; seed <= seeds; seed++)
        {
            var r = RaftSimulation.Run(options, seed);
            if (r.SafetyViolations.Count > 0) { unsafeRuns++; failures.Add($"seed {seed}: {r.SafetyViolations[0]}"); }
            if (r.Linearizability != Verdict.Linearizable) { nonLinearizable++; failures.Add($"seed {seed}: history {r.Linearizability}"); }
            if (!r.Live) { notLive++; failures.Add($"seed {seed}: no progress within the liveness window after the faults stopped"); }
        }
        Console.WriteLine($"raft mixed nemesis ({(aimAtLeader ? "aimed at the leader" : "random targets")}): {seeds} seeds, {unsafeRuns} with safety violations, {nonLinearizable} non-linearizable, {notLive} without progress after the faults stopped, {clock.Elapsed.TotalSeconds:F1} s");
        Assert.True(failures.Count == 0, $"{unsafeRuns} unsafe, {nonLinearizable} non-linearizable, {notLive} not live of {seeds} seeds\n" + string.Join("\n", failures.Take(20)));
    }

    [Fact]
    public void A_run_is_a_function_of_its_seed()
    {
        var a = RaftSimulation.Run(Short, 7);
        var b = RaftSimulation.Run(Short, 7);
        Assert.Equal(HistoryFormats.ToJsonLines(a.History), HistoryFormats.ToJsonLines(b.History));
        Assert.Equal((a.MessagesDelivered, a.VirtualTimeMicros, a.LeaderChanges), (b.MessagesDelivered, b.VirtualTimeMicros, b.LeaderChanges));
    }

    [Fact]
    public void Without_faults_every_operation_completes()
    {
        var r = RaftSimulation.Run(Short with { Faults = NemesisKind.None, Ops = 60 }, 3);
        Assert.Equal(60, r.OpsCompleted);
        Assert.Equal(1, r.LeaderChanges);
        Assert.True(r.Linearizable);
        Assert.Empty(r.SafetyViolations);
    }

    /// <summary>The monitor is not vacuous: a cluster whose leaders commit entries of earlier terms by
    /// counting replicas (the Figure 8 hazard) would be caught; here we check it catches a forged
    /// second leader in one term.</summary>
    [Fact]
    public void The_monitor_reports_two_leaders_in_one_term()
    {
        var monitor = new RaftMonitor();
        var a = new RaftKvServer(new RaftConfig { Id = 1, Voters = [1] }, new RaftServerOptions(), monitor);
        var b = new RaftKvServer(new RaftConfig { Id = 2, Voters = [2] }, new RaftServerOptions(), monitor);
        var sim = new Simulator(1);
        sim.AddNode(a);
        sim.AddNode(b);
        sim.RunFor(100_000); // each is a one-server cluster and elects itself in term 1
        Assert.Contains(monitor.Violations, v => v.Contains("Election Safety", StringComparison.Ordinal));
    }
}
