namespace Workbench.Simulation;

/// <summary>What happened at one step of a <see cref="Simulator"/> run (see <see cref="Simulator.Trace"/>).</summary>
public enum SimEventKind : byte
{
    /// <summary>A node booted or restarted (<see cref="ISimNode.Start"/> was called).</summary>
    Start,
    /// <summary>A message was delivered to <see cref="SimEvent.Node"/> from <see cref="SimEvent.From"/>.</summary>
    Deliver,
    /// <summary>A message was lost at send time (<see cref="Network.LossRate"/>).</summary>
    Lost,
    /// <summary>A message arrived at a cut link and was dropped.</summary>
    Blocked,
    /// <summary>A message arrived at a node that was down and was dropped.</summary>
    NodeDown,
    /// <summary>A timer fired (<see cref="SimEvent.Tag"/> is its tag).</summary>
    Timer,
    /// <summary>A node crashed.</summary>
    Crash,
    /// <summary>A scheduled action ran (<see cref="Simulator.Schedule"/>).</summary>
    Action,
}

/// <summary>One traced step: virtual time (µs), kind, the node it happened at, the sender of a
/// message (otherwise -1), the message or action payload and a timer tag.</summary>
public readonly record struct SimEvent(long Time, SimEventKind Kind, int Node, int From, object? Payload, long Tag)
{
    /// <summary>A stable one-line rendering, used to compare runs.</summary>
    public override string ToString() => Kind switch
    {
        SimEventKind.Timer => $"{Time} timer {Node} {Tag}",
        SimEventKind.Start or SimEventKind.Crash => $"{Time} {Kind.ToString().ToLowerInvariant()} {Node}",
        SimEventKind.Action => $"{Time} action {Payload}",
        _ => $"{Time} {Kind.ToString().ToLowerInvariant()} {From}->{Node} {Payload}",
    };
}
