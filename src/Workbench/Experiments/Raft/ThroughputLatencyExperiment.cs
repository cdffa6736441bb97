using Workbench.Consensus.Kv;
using Workbench.Consensus.Linearizability;
using Workbench.Consensus.Raft;
using Workbench.Simulation;
using Workbench.Workloads;

namespace Workbench.Experiments.Raft;

/// <summary>Parameters of <c>raft/throughput-latency</c>.</summary>
/// <param name="Servers">Cluster sizes.</param>
/// <param name="Batches">Batch sizes: most entries per AppendEntries (<see cref="RaftConfig.MaxEntriesPerAppend"/>).</param>
/// <param name="Clients">Closed-loop clients, each with one put outstanding and no think time.</param>
/// <param name="Inflight">Most unacknowledged AppendEntries per follower (<see cref="RaftConfig.MaxInflight"/>, pipelining).</param>
/// <param name="MessageCostUs">Time a server spends on each message it receives, µs.</param>
/// <param name="EntryCostUs">Extra time per log entry an AppendEntries carries, µs.</param>
/// <param name="Delay">One-way network delay of every message: <c>constant:D</c>, <c>uniform:MIN-MAX</c> or <c>exp:MIN+MEAN</c>, µs.</param>
/// <param name="WarmupMs">Virtual time after the clients start before measuring, ms.</param>
/// <param name="WindowMs">Measurement window, ms.</param>
public sealed record ThroughputLatencyParameters(int[] Servers, int[] Batches, int Clients, int Inflight, int MessageCostUs, int EntryCostUs, string Delay, int WarmupMs, int WindowMs) : IExperimentParameters
{
    public IEnumerable<string> Validate()
    {
        if (Servers is null || Servers.Length == 0) yield return "servers must list at least one cluster size";
        else if (Servers.Any(s => s < 1 || s > 9)) yield return $"servers must each be between 1 and 9 (got {ParameterBinder.Format(Servers)})";
        else if (Servers.Distinct().Count() != Servers.Length) yield return $"servers must not repeat a size (got {ParameterBinder.Format(Servers)})";
        if (Batches is null || Batches.Length == 0) yield return "batches must list at least one batch size";
        else if (Batches.Any(b => b < 1 || b > 4096)) yield return $"batches must each be between 1 and 4096 (got {ParameterBinder.Format(Batches)})";
        else if (Batches.Distinct().Count() != Batches.Length) yield return $"batches must not repeat a size (got {ParameterBinder.Format(Batches)})";
        if (Clients < 1 || Clients > 10_000) yield return $"clients must be between 1 and 10000 (got {Clients})";
        if (Inflight < 1 || Inflight > 1_024) yield return $"inflight must be between 1 and 1024 (got {Inflight})";
        if (MessageCostUs < 0 || MessageCostUs > 1_000_000) yield return $"message_cost_us must be between 0 and 1000000 (got {MessageCostUs})";
        if (EntryCostUs < 0 || EntryCostUs > 1_000_000) yield return $"entry_cost_us must be between 0 and 1000000 (got {EntryCostUs})";
        string? delayError = null;
        try { DelayDistribution.Parse(Delay ?? "", "delay"); }
        catch (ArgumentException e) { delayError = e.ParamName is null ? e.Message : e.Message.Replace($" (Parameter '{e.ParamName}')", ""); }
        if (delayError is not null) yield return delayError;
        if (WarmupMs < 0 || WarmupMs > 3_600_000) yield return $"warmup_ms must be between 0 and 3600000 (got {WarmupMs})";
        if (WindowMs < 10 || WindowMs > 3_600_000) yield return $"window_ms must be between 10 and 3600000 (got {WindowMs})";
    }

    public override string ToString() =>
        $"servers={ParameterBinder.Format(Servers)}, batches={ParameterBinder.Format(Batches)}, clients={Clients}, inflight={Inflight}, message_cost_us={MessageCostUs}, entry_cost_us={EntryCostUs}, delay={Delay}, warmup_ms={WarmupMs}, window_ms={WindowMs}";
}

/// <summary>
/// <c>raft/throughput-latency</c>: committed operations per virtual second and commit latency of a
/// Raft key-value cluster against the cluster size and the batch size (entries per AppendEntries).
/// The thesis (Ongaro 2014, §10.2.2) names batching and pipelining as what lets a leader reach high
/// throughput: one AppendEntries carrying many entries amortizes the per-message cost over them. That
/// only shows when a message costs something, so each server here handles its incoming messages one at
/// a time (<see cref="Simulator.ProcessingCost"/>): <c>message_cost_us</c> per message plus
/// <c>entry_cost_us</c> per entry an AppendEntries carries; messages queue at a busy server. Clients cost
/// nothing. Each cell starts a fresh cluster (its own seed derived from the run seed, the cluster size
/// and the batch size), waits for a leader every server follows, then starts <c>clients</c> closed-loop
/// clients issuing puts with no think time, and, after <c>warmup_ms</c>, measures for <c>window_ms</c>:
/// the puts completed ok per virtual second, the median and 99th percentile (nearest rank) of their
/// latency from invocation to the ok reply, and the messages the leader handled per completed put.
/// No faults; ticks of 1 ms, election timeouts of 150-300 ms, heartbeats every 50 ms, pre-vote and
/// check-quorum on. The leader sends new entries as soon as it appends them, up to <c>inflight</c>
/// unacknowledged AppendEntries per follower (pipelining, <see cref="RaftConfig.MaxInflight"/>); while a
/// follower's pipeline is full new entries wait, and the next AppendEntries takes up to <c>batch</c>
/// of them, so the achieved mean entries per AppendEntries is reported. The default delay is a
/// constant 1 ms: messages on one link arrive in the order sent, as over the one TCP connection per
/// peer that implementations pipeline over; uniformly random delays reorder pipelined AppendEntries,
/// whose gaps the follower rejects, and the leader falls back to probing.
/// </summary>
public sealed class ThroughputLatencyExperiment : Experiment<ThroughputLatencyParameters>
{
    private const long TickMicros = 1_000;

    public override string Id => "raft/throughput-latency";
    public override string Title => "Raft: throughput and commit latency against cluster size and batch size";

    public override ThroughputLatencyParameters Defaults { get; } = new([3, 5, 7], [1, 4, 16, 64], 1_024, 4, 50, 5, "constant:1000", 500, 2_000);
    public override ThroughputLatencyParameters Quick { get; } = new([5], [1, 16], 256, 4, 50, 5, "constant:1000", 200, 300);

    protected override ResultTable Execute(ThroughputLatencyParameters p, int seed, IProgress<ExperimentProgress>? progress, CancellationToken cancellation)
    {
        var delay = DelayDistribution.Parse(p.Delay, "delay");
        var table = new ResultTable("servers", "cluster", "batch", "clients", "committed_ops", "throughput_ops_per_s",
            "latency_median_ms", "latency_p99_ms", "leader_messages_per_op", "entries_per_append");
        long total = (long)p.Servers.Length * p.Batches.Length, done = 0;
        foreach (var servers in p.Servers)
        {
            foreach (var batch in p.Batches)
            {
                cancellation.ThrowIfCancellationRequested();
                long cellSeed = (long)new SplitMix64(seed ^ (0x7B4CL << 40) ^ ((long)servers << 32) ^ batch).Next();
                var c = Cell(servers, batch, p, delay, cellSeed);
                table.AddRow(servers, $"{servers} servers", batch, p.Clients, c.Ops, c.Ops / (p.WindowMs / 1_000.0),
                    c.MedianMs, c.P99Ms, c.LeaderMessagesPerOp, c.EntriesPerAppend);
                progress?.Report(new ExperimentProgress(++done, total, $"{servers} servers, batch {batch}"));
            }
        }
        return table;
    }

    /// <summary>One measured cell.</summary>
    internal sealed record CellResult(int Ops, double MedianMs, double P99Ms, double LeaderMessagesPerOp, double EntriesPerAppend);

    /// <summary>The cost model: a fixed cost per message to a server plus a cost per carried entry; clients are free.</summary>
    internal static Func<int, object, long> Cost(int servers, int messageCostUs, int entryCostUs) => (node, message) =>
        node >= servers ? 0 : messageCostUs + (message is Message { Type: MessageType.AppendEntries } m ? (long)entryCostUs * m.Entries.Count : 0);

    internal static CellResult Cell(int servers, int batch, ThroughputLatencyParameters p, DelayDistribution delay, long seed)
    {
        var sim = new Simulator(seed, new NetworkOptions { Delay = delay });
        sim.ProcessingCost = Cost(servers, p.MessageCostUs, p.EntryCostUs);
        var voters = Enumerable.Range(1, servers).ToList();
        var nodes = new List<RaftKvServer>();
        foreach (var id in voters)
        {
            var config = new RaftConfig
            {
                Id = id,
                Voters = voters,
                ElectionTick = 150,
                HeartbeatTick = 50,
                Seed = (long)new SplitMix64(seed + id).Next(),
                PreVote = true,
                CheckQuorum = true,
                MaxEntriesPerAppend = batch,
                MaxInflight = p.Inflight,
            };
            var server = new RaftKvServer(config, new RaftServerOptions(TickMicros), null);
            sim.AddNode(server);
            nodes.Add(server);
        }
        RaftKvServer? leader = null;
        long deadline = sim.Now + 60_000_000;
        while (leader is null && sim.Now < deadline)
        {
            sim.RunFor(TickMicros);
            leader = StableLeader(nodes);
        }
        if (leader is null) throw new InvalidOperationException($"no leader within 60 s of virtual time ({servers} servers, seed {seed})");
        long term = leader.Raft!.Term;
        int leaderNode = leader.RaftId - 1;

        var history = new History { Source = $"raft/throughput-latency {servers} servers batch {batch} seed {seed}" };
        var serverIds = Enumerable.Range(0, servers).ToList();
        // Closed loop: one put outstanding per client, no think time; timeouts long enough that a
        // saturated leader's queue never causes a retry.
        var clientOptions = new KvClientOptions(Keys: 1_000, GetFraction: 0, PutFraction: 1, RequestTimeoutMicros: 10_000_000,
            MaxAttempts: 1_000, ThinkMicros: 0, RedirectBackoffMicros: TickMicros);
        var clients = new List<KvClient>();
        for (int c = 0; c < p.Clients; c++)
        {
            var client = new KvClient(c + 1, serverIds, clientOptions, history);
            clients.Add(client);
            sim.AddNode(client);
        }

        long start = sim.Now + p.WarmupMs * 1_000L, end = start + p.WindowMs * 1_000L;
        long leaderMessages = 0, appends = 0, entries = 0;
        sim.Trace = e =>
        {
            if (e.Kind != SimEventKind.Deliver || e.Time < start || e.Time >= end) return;
            if (e.Node == leaderNode) leaderMessages++;
            if (e.Payload is Message { Type: MessageType.AppendEntries, Entries.Count: > 0 } m && m.From == leader.RaftId)
            {
                appends++;
                entries += m.Entries.Count;
            }
        };
        sim.RunUntil(end);
        sim.Trace = null;
        foreach (var c in clients) c.Finish();
        if (leader.Raft is not { Role: Role.Leader } r || r.Term != term)
            throw new InvalidOperationException($"leadership changed during the measurement ({servers} servers, batch {batch}, seed {seed}); the load is beyond what the election timeout tolerates");

        var latencies = history.ToOperations()
            .Where(o => !o.Unknown && o.Return >= start && o.Return < end)
            .Select(o => (o.Return - o.Invoke) / 1_000.0)
            .Order()
            .ToArray();
        int n = latencies.Length;
        double Quantile(double q) => n == 0 ? double.NaN : latencies[Math.Clamp((int)Math.Ceiling(q * n) - 1, 0, n - 1)];
        return new CellResult(n, Quantile(0.5), Quantile(0.99), n == 0 ? double.NaN : leaderMessages / (double)n,
            appends == 0 ? double.NaN : entries / (double)appends);
    }

    /// <summary>The leader every server follows in its term, or null.</summary>
    private static RaftKvServer? StableLeader(List<RaftKvServer> nodes)
    {
        var leader = nodes.FirstOrDefault(n => n.Raft is { Role: Role.Leader });
        if (leader is null) return null;
        long term = leader.Raft!.Term;
        return nodes.All(n => n.Raft is { } r && r.Term == term && r.Leader == leader.RaftId) ? leader : null;
    }

    public override IReadOnlyList<FigureSpec> Figures(ThroughputLatencyParameters p) =>
    [
        new FigureSpec(
            "batch-throughput",
            $"Raft throughput against batch size ({p.Clients} clients, {p.MessageCostUs} µs/message + {p.EntryCostUs} µs/entry)",
            new AxisSpec("batch", "batch size (most entries per AppendEntries, log scale)", Log: true),
            new AxisSpec("throughput_ops_per_s", "throughput (committed puts per virtual second)"),
            [new SeriesSpec("throughput_ops_per_s", "throughput", SeriesStyle.Measured)],
            GroupBy: "cluster"),
        new FigureSpec(
            "batch-latency",
            $"Raft median commit latency against batch size ({p.Clients} clients)",
            new AxisSpec("batch", "batch size (most entries per AppendEntries, log scale)", Log: true),
            new AxisSpec("latency_median_ms", "median commit latency, invoke to ok (virtual ms)"),
            [new SeriesSpec("latency_median_ms", "median", SeriesStyle.Measured)],
            GroupBy: "cluster"),
        new FigureSpec(
            "batch-latency-p99",
            $"Raft p99 commit latency against batch size ({p.Clients} clients)",
            new AxisSpec("batch", "batch size (most entries per AppendEntries, log scale)", Log: true),
            new AxisSpec("latency_p99_ms", "p99 commit latency, invoke to ok (virtual ms)"),
            [new SeriesSpec("latency_p99_ms", "p99", SeriesStyle.Measured)],
            GroupBy: "cluster"),
    ];
}
