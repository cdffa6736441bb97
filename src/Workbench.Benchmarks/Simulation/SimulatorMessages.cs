using BenchmarkDotNet.Attributes;
using Workbench.Simulation;

namespace Workbench.Benchmarks.Simulation;

/// <summary>
/// Question: how many simulated messages does the bare <see cref="Simulator"/> deliver per wall-clock
/// second on one core? Five nodes bounce a fixed set of 1,000 preallocated messages (each node
/// forwards what it receives to a random peer), so the event queue holds about a thousand pending
/// deliveries and the measured cost is the simulator's own: a delay draw, a heap push and pop, the
/// link and liveness checks and one interface call. Time is reported per delivered message (target:
/// at most 1 µs, i.e. at least 1M messages/s). Baseline: the reliable network; the faulty variant adds
/// 5% loss (lost messages are re-sent by the harness), duplication and reordering.
/// </summary>
public class SimulatorMessages
{
    /// <summary>Deliveries per invocation.</summary>
    public const int Messages = 1_000_000;

    private sealed class Forwarder(int nodes) : ISimNode
    {
        private NodeContext _ctx = null!;
        public void Start(NodeContext context) => _ctx = context;
        public void OnMessage(int from, object message)
        {
            int to = _ctx.Random.Below(nodes - 1);
            _ctx.Send(to >= _ctx.Id ? to + 1 : to, message);
        }
        public void OnTimer(long tag) { }
        public void OnCrash() { }
    }

    private static readonly object[] Payloads = Enumerable.Range(0, 1000).Select(i => (object)$"m{i}").ToArray();

    private static long Run(NetworkOptions options)
    {
        const int nodes = 5;
        var sim = new Simulator(1, options);
        for (int i = 0; i < nodes; i++) sim.AddNode(new Forwarder(nodes));
        sim.RunUntil(0);
        for (int i = 0; i < Payloads.Length; i++) sim.Send(i % nodes, (i + 1) % nodes, Payloads[i]);
        long lost = 0;
        while (sim.Stats.Delivered < Messages)
        {
            sim.RunFor(10_000);
            // Keep the number in flight steady under loss.
            for (; lost < sim.Stats.Lost; lost++) sim.Send(0, 1, Payloads[lost % Payloads.Length]);
        }
        return sim.Stats.Delivered;
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Messages)]
    public long Reliable() => Run(NetworkOptions.Reliable);

    [Benchmark(OperationsPerInvoke = Messages)]
    public long Faulty() => Run(new NetworkOptions(DelayDistribution.Exponential(200, 800), LossRate: 0.05, DuplicateRate: 0.05, ReorderRate: 0.1));
}
