namespace Workbench.Consensus.Raft;

/// <summary>What a log entry carries.</summary>
public enum EntryKind
{
    /// <summary>A client command for the replicated state machine.</summary>
    Command,
    /// <summary>The empty entry a leader appends at the start of its term (Ongaro 2014 thesis §6.4:
    /// it lets the leader learn which entries are committed, and so serve reads).</summary>
    NoOp,
    /// <summary>A single-server membership change (thesis §4.1); <see cref="Entry.Data"/> is a <see cref="ConfChange"/>.</summary>
    ConfChange,
}

/// <summary>
/// One log entry (Ongaro &amp; Ousterhout 2014, §5.3): its position, the term in which a leader created
/// it, and an opaque payload the core never looks into (except for <see cref="EntryKind.ConfChange"/>).
/// </summary>
public sealed record Entry(long Index, long Term, EntryKind Kind, object? Data)
{
    public override string ToString() => Kind switch
    {
        EntryKind.NoOp => $"{Index}@{Term}:noop",
        EntryKind.ConfChange => $"{Index}@{Term}:{Data}",
        _ => Data is null ? $"{Index}@{Term}" : $"{Index}@{Term}:{Data}",
    };
}

/// <summary>A single-server membership change (thesis §4.1): add or remove one voting server. In the log
/// the entry also carries <see cref="Voters"/>, the whole configuration it produces, filled in by the
/// leader, so a server that joins with an empty log learns the configuration from the entry alone.</summary>
public sealed record ConfChange(ConfChangeType Type, int Node)
{
    /// <summary>The voting configuration after this change (set by the leader when it appends the entry).</summary>
    public IReadOnlyList<int> Voters { get; init; } = [];

    public override string ToString() => $"{(Type == ConfChangeType.AddNode ? "add" : "remove")}({Node})";
}

public enum ConfChangeType { AddNode, RemoveNode }

/// <summary>
/// A snapshot of the state machine (§7): everything up to and including <see cref="Index"/>, whose
/// entry had term <see cref="Term"/>, with the voting configuration at that point and the state
/// machine's own opaque image.
/// </summary>
public sealed record Snapshot(long Index, long Term, IReadOnlyList<int> Voters, object? Data)
{
    public override string ToString() => $"snapshot({Index}@{Term} voters=[{string.Join(",", Voters)}])";
}

/// <summary>The state Figure 2 calls persistent on all servers besides the log: the current term,
/// the vote cast in it (0 for none) and, as etcd does, the commit index.</summary>
public readonly record struct HardState(long Term, int Vote, long Commit);
