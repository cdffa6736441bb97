using Workbench.Consensus.Kv;
using Workbench.Consensus.Linearizability;
using Workbench.Simulation;

namespace Workbench.Consensus.Raft;

/// <summary>
/// One simulated run of a Raft key-value cluster: settings.
/// </summary>
/// <param name="Nodes">Servers (1 to 9).</param>
/// <param name="Ops">Client operations in total, spread over <paramref name="Clients"/> clients.</param>
/// <param name="Faults">The nemesis while clients run; it stops after <paramref name="FaultMicros"/>.</param>
/// <param name="Clients">Concurrent clients.</param>
/// <param name="Keys">Key space of the clients.</param>
/// <param name="TickMicros">Length of one Raft tick, µs.</param>
/// <param name="ElectionTicks">Minimum election timeout T in ticks (timeouts are drawn from [T, 2T)).</param>
/// <param name="HeartbeatTicks">Ticks between heartbeats.</param>
/// <param name="MinDelayMicros">Shortest one-way network delay, µs.</param>
/// <param name="MaxDelayMicros">Longest one-way network delay, µs (uniform in between).</param>
/// <param name="FaultMicros">How long the nemesis runs, µs.</param>
/// <param name="FaultIntervalMicros">Time between fault starts, µs.</param>
/// <param name="FaultDurationMicros">Length of each fault, µs.</param>
/// <param name="LivenessMicros">After the faults stop, how long the cluster has to finish every client operation, µs.</param>
/// <param name="PreVote">Thesis §9.6 pre-vote.</param>
/// <param name="CheckQuorum">Thesis §6.2 check-quorum.</param>
/// <param name="BatchSize">Most entries per AppendEntries.</param>
/// <param name="CompactEvery">Snapshot after this many applied entries (0: never).</param>
/// <param name="SampleMicros">Record each server's term, role and commit index this often (0: never), for timelines.</param>
/// <param name="AimAtLeader">Aim the nemesis's crashes and partitions at the current leader (<see cref="NemesisOptions.AimAtLeader"/>).</param>
public sealed record RaftSimulationOptions(
    int Nodes = 5,
    int Ops = 100,
    NemesisKind Faults = NemesisKind.Mixed,
    int Clients = 3,
    int Keys = 3,
    long TickMicros = 10_000,
    int ElectionTicks = 15,
    int HeartbeatTicks = 5,
    long MinDelayMicros = 1_000,
    long MaxDelayMicros = 10_000,
    long FaultMicros = 3_000_000,
    long FaultIntervalMicros = 500_000,
    long FaultDurationMicros = 400_000,
    long LivenessMicros = 10_000_000,
    bool PreVote = true,
    bool CheckQuorum = true,
    int BatchSize = 64,
    int CompactEvery = 20,
    long SampleMicros = 0,
    bool AimAtLeader = false)
{
    /// <summary>Throws <see cref="ArgumentException"/> naming the first bad setting.</summary>
    public void Validate()
    {
        if (Nodes is < 1 or > 9) throw new ArgumentOutOfRangeException(nameof(Nodes), Nodes, "nodes must be in [1, 9]");
        if (Ops < 0) throw new ArgumentOutOfRangeException(nameof(Ops), Ops, "ops must be >= 0");
        if (Clients < 1) throw new ArgumentOutOfRangeException(nameof(Clients), Clients, "clients must be >= 1");
        if (Keys < 1) throw new ArgumentOutOfRangeException(nameof(Keys), Keys, "keys must be >= 1");
        if (TickMicros < 1) throw new ArgumentOutOfRangeException(nameof(TickMicros), TickMicros, "tick must be >= 1 µs");
        if (MaxDelayMicros < MinDelayMicros) throw new ArgumentOutOfRangeException(nameof(MaxDelayMicros), MaxDelayMicros, "max delay must be >= min delay");
        if (FaultMicros < 0 || LivenessMicros <= 0) throw new ArgumentOutOfRangeException(nameof(LivenessMicros), LivenessMicros, "fault and liveness windows must be positive");
    }
}

/// <summary>A server's state at one sampling instant (for timelines).</summary>
public readonly record struct RaftSample(long Time, int Node, long Term, Role Role, long Commit, bool Up);

/// <summary>The outcome of one <see cref="RaftSimulation"/> run.</summary>
public sealed record RaftSimulationResult(
    long Seed,
    int Nodes,
    int OpsRequested,
    int OpsCompleted,
    int OpsUnknown,
    int LeaderChanges,
    IReadOnlyList<string> SafetyViolations,
    Verdict Linearizability,
    bool Live,
    long VirtualTimeMicros,
    long MessagesDelivered,
    long MessagesSent,
    long CommitIndex,
    History History,
    IReadOnlyList<string> FaultLog,
    IReadOnlyList<(long Time, long Term, int Leader)> Elections,
    IReadOnlyList<RaftSample> Samples)
{
    public bool Linearizable => Linearizability == Verdict.Linearizable;
}

/// <summary>
/// Runs a Raft key-value cluster in the deterministic simulator: <c>Nodes</c> <see cref="RaftKvServer"/>s
/// and <c>Clients</c> <see cref="KvClient"/>s, a nemesis for the fault window, then a quiet window in
/// which every client operation must finish (liveness). The <see cref="RaftMonitor"/> checks Figure 3's
/// properties throughout, and the recorded history goes through the linearizability checker. The same
/// options and seed give the same run.
/// </summary>
public static class RaftSimulation
{
    public static RaftSimulationResult Run(RaftSimulationOptions options, long seed, CheckOptions? check = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var network = new NetworkOptions { Delay = DelayDistribution.Uniform(options.MinDelayMicros, options.MaxDelayMicros) };
        var sim = new Simulator(seed, network);
        var monitor = new RaftMonitor { Clock = () => sim.Now };
        var voters = Enumerable.Range(1, options.Nodes).ToList();
        var servers = new List<RaftKvServer>();
        foreach (var id in voters)
        {
            var config = new RaftConfig
            {
                Id = id,
                Voters = voters,
                ElectionTick = options.ElectionTicks,
                HeartbeatTick = options.HeartbeatTicks,
                Seed = seed * 31 + id,
                PreVote = options.PreVote,
                CheckQuorum = options.CheckQuorum,
                MaxEntriesPerAppend = options.BatchSize,
            };
            var server = new RaftKvServer(config, new RaftServerOptions(options.TickMicros, options.CompactEvery), monitor);
            servers.Add(server);
            sim.AddNode(server);
        }
        var history = new History { Source = $"raft simulate seed {seed}" };
        var clients = new List<KvClient>();
        var serverIds = Enumerable.Range(0, options.Nodes).ToList();
        for (int c = 0; c < options.Clients; c++)
        {
            int ops = options.Ops / options.Clients + (c < options.Ops % options.Clients ? 1 : 0);
            var clientOptions = new KvClientOptions(Keys: options.Keys, RequestTimeoutMicros: 20 * options.TickMicros, MaxAttempts: 20, ThinkMicros: options.TickMicros, RedirectBackoffMicros: options.TickMicros, Operations: Math.Max(ops, 0));
            var client = new KvClient(c + 1, serverIds, clientOptions, history);
            clients.Add(client);
            if (ops > 0) sim.AddNode(client);
        }
        var samples = new List<RaftSample>();
        if (options.SampleMicros > 0) Sample(sim, servers, options.SampleMicros, samples);

        // The leader as the nemesis sees it: the up server that believes it leads, in the highest term.
        int? CurrentLeader()
        {
            int? best = null;
            long term = -1;
            for (int i = 0; i < servers.Count; i++)
                if (sim.IsUp(i) && servers[i].Raft is { Role: Role.Leader } r && r.Term > term) (best, term) = (i, r.Term);
            return best;
        }
        var nemesis = Nemesis.Install(sim, serverIds,
            new NemesisOptions(options.Faults, options.FaultIntervalMicros, Math.Min(options.FaultDurationMicros, options.FaultIntervalMicros), AimAtLeader: options.AimAtLeader),
            CurrentLeader);
        bool AllDone() => clients.All(c => c.Done);
        long step = options.TickMicros * 10;
        while (sim.Now < options.FaultMicros && !AllDone()) sim.RunFor(step);
        nemesis.Stop();
        sim.RunFor(options.FaultDurationMicros); // the last fault heals
        long deadline = sim.Now + options.LivenessMicros;
        while (sim.Now < deadline && !AllDone()) sim.RunFor(step);
        bool live = AllDone();
        // Let the cluster settle so every server can be compared; then the leader must have committed its whole log.
        sim.RunFor(options.ElectionTicks * options.TickMicros * 4);
        var leader = servers.Where(s => s.Raft is { Role: Role.Leader }).MaxBy(s => s.Raft!.Term);
        live &= leader is not null && leader.Raft!.Log.Committed == leader.Raft.Log.LastIndex;
        foreach (var c in clients) c.Finish();

        var verdict = LinearizabilityChecker.Check(history, HistoryModel.KeyValue, check ?? new CheckOptions(Timeout: TimeSpan.FromSeconds(10))).Verdict;
        return new RaftSimulationResult(
            seed, options.Nodes, options.Ops,
            clients.Sum(c => c.Completed), clients.Sum(c => c.Unknown),
            monitor.LeaderChanges, [.. monitor.Violations], verdict, live,
            sim.Now, sim.Stats.Delivered, sim.Stats.Sent,
            leader?.Raft!.Log.Committed ?? monitor.MaxCommitted,
            history, [.. nemesis.Log], [.. monitor.Elections], samples);
    }

    private static void Sample(Simulator sim, List<RaftKvServer> servers, long every, List<RaftSample> samples)
    {
        for (int i = 0; i < servers.Count; i++)
        {
            var r = servers[i].Raft;
            samples.Add(r is null ? new RaftSample(sim.Now, i + 1, 0, Role.Follower, 0, false) : new RaftSample(sim.Now, i + 1, r.Term, r.Role, r.Log.Committed, sim.IsUp(i)));
        }
        sim.Schedule(every, () => Sample(sim, servers, every, samples));
    }
}
