using Workbench.Workloads;

namespace Workbench.Simulation;

/// <summary>
/// A node's handle on the <see cref="Simulator"/>: its id, the virtual clock, sending, timers and a
/// private seeded random source. One per node, kept across crashes and restarts.
/// </summary>
public sealed class NodeContext
{
    private readonly Simulator _simulator;
    private SplitMix64 _random;

    internal NodeContext(Simulator simulator, int id, long seed)
    {
        _simulator = simulator;
        Id = id;
        _random = new SplitMix64(seed);
    }

    /// <summary>This node's id: its index in the simulator, 0-based, in the order nodes were added.</summary>
    public int Id { get; }

    /// <summary>Virtual time in microseconds.</summary>
    public long Now => _simulator.Now;

    /// <summary>Whether the node is up (it is not between a crash and a restart).</summary>
    public bool IsUp => _simulator.IsUp(Id);

    /// <summary>The node's own random source, seeded from the simulation seed and the node id, so one
    /// node's draws do not shift another's. Use it by reference: <c>ref var r = ref ctx.Random;</c>.</summary>
    public ref SplitMix64 Random => ref _random;

    /// <summary>Sends <paramref name="message"/> to node <paramref name="to"/> through the network
    /// (which may delay, drop, duplicate or reorder it). Ignored while this node is down.</summary>
    public void Send(int to, object message) => _simulator.Send(Id, to, message);

    /// <summary>Calls <see cref="ISimNode.OnTimer"/> with <paramref name="tag"/> after
    /// <paramref name="delayMicros"/> microseconds of virtual time (0 means later at this instant),
    /// unless the node crashes first.</summary>
    public void SetTimer(long delayMicros, long tag) => _simulator.SetTimer(Id, delayMicros, tag);
}
