using Workbench.Consensus.Kv;
using Workbench.Consensus.Linearizability;
using Workbench.Simulation;

namespace Workbench.Tests.Consensus;

/// <summary>The key-value state machine, its client sessions (Ongaro's thesis §6.3) and the simulated clients.</summary>
public class KvStoreTests
{
    [Fact]
    public void Get_put_append_behave_as_a_map_of_strings()
    {
        var kv = new KvStateMachine();
        Assert.Equal("", kv.Apply(new KvCommand(1, 1, KvOp.Get, "a", null)));
        Assert.Null(kv.Apply(new KvCommand(1, 2, KvOp.Append, "a", "x")));
        kv.Apply(new KvCommand(1, 3, KvOp.Append, "a", "y"));
        Assert.Equal("xy", kv.Apply(new KvCommand(2, 1, KvOp.Get, "a", null)));
        kv.Apply(new KvCommand(2, 2, KvOp.Put, "a", "z"));
        Assert.Equal("z", kv.Peek("a"));
        Assert.Equal(1, kv.Keys);
    }

    /// <summary>Thesis §6.3: "If it receives a command whose serial number has already been executed, it
    /// responds immediately without re-executing the request."</summary>
    [Fact]
    public void Session_table_executes_a_retried_command_only_once()
    {
        var kv = new KvStateMachine();
        var append = new KvCommand(7, 1, KvOp.Append, "k", "x");
        kv.Apply(append);
        kv.Apply(append);
        kv.Apply(append with { });
        Assert.Equal("x", kv.Peek("k"));
        Assert.Equal(1, kv.Applied);
        Assert.Equal(2, kv.Duplicates);
        var get = new KvCommand(7, 2, KvOp.Get, "k", null);
        Assert.Equal("x", kv.Apply(get));
        kv.Apply(new KvCommand(8, 1, KvOp.Append, "k", "y"));
        Assert.Equal("x", kv.Apply(get)); // the recorded response, not the current value
        Assert.True(kv.TryGetApplied(7, 2, out var r) && r == "x");
        // An older serial number than the last is not executed either.
        kv.Apply(new KvCommand(7, 1, KvOp.Append, "k", "x"));
        Assert.Equal("xy", kv.Peek("k"));
        var copy = kv.Clone();
        kv.Apply(new KvCommand(9, 1, KvOp.Put, "k", "q"));
        Assert.Equal("xy", copy.Peek("k"));
    }

    private static (Simulator Sim, SingleNodeKvServer Server, KvClient[] Clients, History History) Run(long seed, NetworkOptions net, KvClientOptions options, int clients, long micros, int redirectors = 0)
    {
        var sim = new Simulator(seed, net);
        var history = new History();
        var server = new SingleNodeKvServer();
        int serverId = sim.AddNode(server);
        var servers = new List<int> { serverId };
        for (int i = 0; i < redirectors; i++) servers.Add(sim.AddNode(new SingleNodeKvServer(redirectTo: serverId)));
        var cs = new KvClient[clients];
        for (int c = 0; c < clients; c++) sim.AddNode(cs[c] = new KvClient(c, servers, options, history));
        sim.RunUntil(micros);
        foreach (var c in cs) c.Finish();
        return (sim, server, cs, history);
    }

    [Fact]
    public void Clients_record_a_well_formed_history_of_their_operations()
    {
        var (_, server, clients, history) = Run(1, NetworkOptions.Reliable, new KvClientOptions(Keys: 3, Operations: 50), 4, 10_000_000);
        Assert.All(clients, c => Assert.Equal(50, c.Completed));
        Assert.Equal(400, history.Count);
        var ops = history.ToOperations();
        Assert.Equal(200, ops.Count);
        Assert.All(ops, o => Assert.False(o.Unknown));
        Assert.All(ops, o => Assert.True(o.Invoke < o.Return));
        Assert.Equal(200, server.State.Applied);
        // The last get of each key sees what the server holds, or an earlier value.
        foreach (var g in ops.Where(o => o.Function == OpFunction.Get)) Assert.NotNull(g.Output);
    }

    [Fact]
    public void Clients_retry_lost_requests_with_the_same_sequence_number_and_the_server_deduplicates()
    {
        var net = new NetworkOptions(DelayDistribution.Uniform(500, 1500), LossRate: 0.3, DuplicateRate: 0.2);
        var (_, server, clients, history) = Run(2, net, new KvClientOptions(Keys: 2, GetFraction: 0, PutFraction: 0, RequestTimeoutMicros: 10_000, MaxAttempts: 100, Operations: 40), 3, 60_000_000);
        Assert.All(clients, c => Assert.Equal(40, c.Completed));
        Assert.True(clients.Sum(c => c.RequestsSent) > 120);
        Assert.True(server.State.Duplicates > 0);
        // Each append took effect exactly once: every value appears once in the final state.
        var all = server.State.Peek("0") + server.State.Peek("1");
        foreach (var o in history.ToOperations())
            Assert.Equal(1, CountOf(all, o.Input!));
    }

    private static int CountOf(string haystack, string needle)
    {
        int n = 0;
        for (int i = haystack.IndexOf(needle, StringComparison.Ordinal); i >= 0; i = haystack.IndexOf(needle, i + 1, StringComparison.Ordinal)) n++;
        return n;
    }

    [Fact]
    public void Clients_follow_not_leader_hints()
    {
        var (_, server, clients, _) = Run(3, NetworkOptions.Reliable, new KvClientOptions(Operations: 20), 5, 20_000_000, redirectors: 2);
        Assert.All(clients, c => Assert.Equal(20, c.Completed));
        Assert.Equal(100, server.State.Applied);
    }

    [Fact]
    public void Unanswered_requests_complete_as_info()
    {
        var sim = new Simulator(4);
        var history = new History();
        var server = new SingleNodeKvServer();
        int s = sim.AddNode(server);
        var client = new KvClient(0, [s], new KvClientOptions(RequestTimeoutMicros: 1000, MaxAttempts: 3, ThinkMicros: 0), history);
        int c = sim.AddNode(client);
        sim.Network.Cut(s, c); // requests arrive and take effect; replies are lost
        sim.RunUntil(10_500);
        client.Finish();
        var ops = history.ToOperations();
        Assert.True(ops.Count >= 3);
        Assert.All(ops, o => Assert.True(o.Unknown));
        Assert.Equal(history.Events.Count(e => e.Type == EventType.Info), ops.Count);
        Assert.True(server.State.Applied >= 3);
        Assert.Throws<ArgumentOutOfRangeException>(() => new KvClientOptions(GetFraction: 0.8, PutFraction: 0.5).Validate());
    }
}
