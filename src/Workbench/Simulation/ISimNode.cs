namespace Workbench.Simulation;

/// <summary>
/// A participant of a <see cref="Simulator"/>: a server, a client, or anything else that reacts to
/// messages and timers. Every callback runs on the simulator's single thread at a virtual instant
/// (<see cref="NodeContext.Now"/>); a node acts on the world only through its
/// <see cref="NodeContext"/> (send, set timers, draw random numbers), so a run is a pure function of
/// the seed and the nodes' code.
/// </summary>
/// <remarks>
/// Crash semantics are the node's to decide, as in the Raft paper's model (Ongaro &amp; Ousterhout
/// 2014, §5.1: servers fail by stopping and may later recover from stable storage):
/// <see cref="OnCrash"/> must discard everything the node has not persisted, and
/// <see cref="Start"/> after a restart must rebuild from what it kept. While a node is down it
/// receives nothing, its pending timers are void, and messages addressed to it are dropped.
/// </remarks>
public interface ISimNode
{
    /// <summary>
    /// Called when the node boots (at the virtual time the simulator first runs it) and again after
    /// every <see cref="Simulator.Restart"/>. <paramref name="context"/> is the same object each time;
    /// timers set before a crash never fire after it.
    /// </summary>
    void Start(NodeContext context);

    /// <summary>A message from node <paramref name="from"/> has arrived. The object is shared with the
    /// sender (and with any duplicate delivery): treat it as immutable.</summary>
    void OnMessage(int from, object message);

    /// <summary>A timer set with <see cref="NodeContext.SetTimer"/> has fired; <paramref name="tag"/> is
    /// the value passed there. Timers cannot be cancelled: ignore stale tags.</summary>
    void OnTimer(long tag);

    /// <summary>The node has crashed: drop all volatile state now (what survives is what the node
    /// counts as persisted). No callback arrives until <see cref="Start"/> after a restart.</summary>
    void OnCrash();
}
