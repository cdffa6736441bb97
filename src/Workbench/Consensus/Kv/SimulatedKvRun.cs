using Workbench.Consensus.Linearizability;
using Workbench.Simulation;

namespace Workbench.Consensus.Kv;

/// <summary>
/// Seeded histories from simulated clients of the one-node store (<see cref="SingleNodeKvServer"/>),
/// which is linearizable by construction: inputs for checker tests and benchmarks.
/// </summary>
public static class SimulatedKvRun
{
    /// <summary>
    /// Runs <paramref name="clients"/> clients of <paramref name="operationsPerClient"/> operations each
    /// over <paramref name="keys"/> keys against one server until every client is done, and returns the
    /// history. With loss in <paramref name="network"/>, clients retry, and abandoned commands appear as info.
    /// </summary>
    public static History SingleNodeHistory(long seed, int clients, int keys, int operationsPerClient, NetworkOptions? network = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(clients, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(operationsPerClient, 1);
        var sim = new Simulator(seed, network);
        var history = new History { Source = $"single-node run (seed {seed})" };
        int server = sim.AddNode(new SingleNodeKvServer());
        var options = new KvClientOptions(Keys: keys, RequestTimeoutMicros: 20_000, MaxAttempts: 5, ThinkMicros: 2_000, Operations: operationsPerClient);
        var cs = new KvClient[clients];
        for (int c = 0; c < clients; c++) sim.AddNode(cs[c] = new KvClient(c, [server], options, history));
        while (!cs.All(c => c.Done) && sim.PendingEvents > 0) sim.RunFor(100_000);
        foreach (var c in cs) c.Finish();
        return history;
    }
}
