using BenchmarkDotNet.Attributes;
using Workbench.Consensus.Kv;
using Workbench.Consensus.Linearizability;
using Workbench.Consensus.Raft;
using Workbench.Simulation;

namespace Workbench.Benchmarks.Raft;

/// <summary>
/// Question: how many simulated messages per wall-clock second does the simulator deliver when the
/// nodes are a real 5-server Raft key-value cluster under client load, rather than the bare forwarders
/// of <see cref="Simulation.SimulatorMessages"/>? Ten closed-loop clients (no think time) send gets,
/// puts and appends; the servers run elections, replication with batching, ReadIndex reads and
/// compaction. Each invocation runs a fresh seeded cluster until it has delivered
/// <see cref="Messages"/> messages (the last 1 ms step may overshoot by a few deliveries), so the
/// time per operation is the time per delivered message including Raft's own work. The reliable
/// network with 1–10 ms uniform delays, as in <see cref="RaftSimulation"/>.
/// </summary>
public class RaftClusterMessages
{
    /// <summary>Deliveries per invocation.</summary>
    public const int Messages = 200_000;

    [Benchmark(OperationsPerInvoke = Messages)]
    public long FiveServersTenClients()
    {
        const long tick = 10_000;
        var sim = new Simulator(1, new NetworkOptions { Delay = DelayDistribution.Uniform(1_000, 10_000) });
        var voters = Enumerable.Range(1, 5).ToList();
        foreach (var id in voters)
        {
            var config = new RaftConfig { Id = id, Voters = voters, ElectionTick = 15, HeartbeatTick = 5, Seed = 31 + id, PreVote = true, CheckQuorum = true, MaxEntriesPerAppend = 64 };
            sim.AddNode(new RaftKvServer(config, new RaftServerOptions(tick, CompactEvery: 1_000)));
        }
        var history = new History { Source = "benchmark" };
        var servers = Enumerable.Range(0, 5).ToList();
        for (int c = 0; c < 10; c++)
            sim.AddNode(new KvClient(c + 1, servers, new KvClientOptions(Keys: 10, RequestTimeoutMicros: 20 * tick, MaxAttempts: 20, ThinkMicros: 0, RedirectBackoffMicros: tick, Operations: 1_000_000), history));
        while (sim.Stats.Delivered < Messages) sim.RunFor(1_000);
        return sim.Stats.Delivered;
    }
}
