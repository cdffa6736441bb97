using Workbench.Simulation;

namespace Workbench.Consensus.Kv;

/// <summary>
/// A one-node stand-in for the replicated store, for testing clients, histories and the checker
/// without consensus: it applies each <see cref="ClientRequest"/> to its <see cref="KvStateMachine"/>
/// the moment it arrives and replies, so it is linearizable by construction (each command takes
/// effect at one instant inside its client's invoke/complete interval). Built with a leader hint, it
/// plays a follower instead and answers every request with <see cref="ReplyStatus.NotLeader"/>.
/// Its state is kept across crashes (as if every apply were persisted before the reply).
/// </summary>
public sealed class SingleNodeKvServer(int? redirectTo = null) : ISimNode
{
    private NodeContext _ctx = null!;

    /// <summary>The store.</summary>
    public KvStateMachine State { get; } = new();

    /// <summary>Requests received.</summary>
    public long Requests { get; private set; }

    /// <inheritdoc/>
    public void Start(NodeContext context) => _ctx = context;

    /// <inheritdoc/>
    public void OnMessage(int from, object message)
    {
        if (message is not ClientRequest request) return;
        Requests++;
        var c = request.Command;
        if (redirectTo is int leader)
        {
            _ctx.Send(from, new ClientReply(c.ClientId, c.Sequence, ReplyStatus.NotLeader, null, leader));
            return;
        }
        var response = State.Apply(c);
        _ctx.Send(from, new ClientReply(c.ClientId, c.Sequence, ReplyStatus.Ok, response));
    }

    /// <inheritdoc/>
    public void OnTimer(long tag) { }

    /// <inheritdoc/>
    public void OnCrash() { }
}
