namespace Workbench.Consensus.Kv;

/// <summary>
/// A client's request to a server: the command to replicate. Retries of one command carry the same
/// <see cref="KvCommand.Sequence"/>, so a server that already applied it answers from the session
/// table instead of applying it twice (Ongaro's thesis §6.3).
/// </summary>
public sealed record ClientRequest(KvCommand Command)
{
    public override string ToString() => $"request {Command}";
}

/// <summary>Outcome of a <see cref="ClientRequest"/> at the server that received it.</summary>
public enum ReplyStatus : byte
{
    /// <summary>The command was committed and applied; <see cref="ClientReply.Value"/> is its result.</summary>
    Ok,
    /// <summary>This server is not the leader; <see cref="ClientReply.LeaderHint"/> names the leader it
    /// knows of, or is -1 (Raft paper §8: "If the client contacts a follower, the follower will reject
    /// the request and supply information about the most recent leader it has heard from").</summary>
    NotLeader,
}

/// <summary>
/// A server's answer to a <see cref="ClientRequest"/>, echoing the client id and sequence number so the
/// client can discard stale and duplicate replies.
/// </summary>
/// <param name="ClientId">The requesting client's session id.</param>
/// <param name="Sequence">The request's sequence number.</param>
/// <param name="Status">Ok or not-leader.</param>
/// <param name="Value">The result of an ok get ("" when the key is absent); null otherwise.</param>
/// <param name="LeaderHint">On <see cref="ReplyStatus.NotLeader"/>: node id of the last known leader, or -1.</param>
public sealed record ClientReply(long ClientId, long Sequence, ReplyStatus Status, string? Value, int LeaderHint = -1)
{
    public override string ToString() => Status == ReplyStatus.Ok
        ? $"reply client {ClientId} #{Sequence} ok {Value}"
        : $"reply client {ClientId} #{Sequence} not-leader hint {LeaderHint}";
}
