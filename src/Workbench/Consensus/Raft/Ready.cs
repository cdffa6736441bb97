namespace Workbench.Consensus.Raft;

/// <summary>
/// What a <see cref="RaftNode"/> asks its host to do, in this order (the etcd raft "Ready" contract):
/// <list type="number">
/// <item>persist <see cref="HardState"/>, <see cref="Snapshot"/> and <see cref="Entries"/> (delete every
/// stored entry at or after <c>Entries[0].Index</c>, then append them);</item>
/// <item>only then send <see cref="Messages"/>: a vote or an acknowledgement sent before it is durable
/// can be forgotten by a crash and given again, breaking Election Safety or commitment;</item>
/// <item>install <see cref="Snapshot"/> into the state machine if present, then apply
/// <see cref="CommittedEntries"/> in order, and serve <see cref="ReadStates"/> once the state machine has
/// applied up to their index.</item>
/// </list>
/// </summary>
public sealed class Ready
{
    /// <summary>The term, vote and commit index to persist, or null when unchanged.</summary>
    public HardState? HardState { get; init; }

    /// <summary>A snapshot received from the leader that replaces the stored log and the state machine.</summary>
    public Snapshot? Snapshot { get; init; }

    /// <summary>Entries to make durable; they replace every stored entry from <c>Entries[0].Index</c> on.</summary>
    public IReadOnlyList<Entry> Entries { get; init; } = [];

    public IReadOnlyList<Message> Messages { get; init; } = [];

    /// <summary>Entries now known committed, to apply in order.</summary>
    public IReadOnlyList<Entry> CommittedEntries { get; init; } = [];

    /// <summary>Linearizable reads that may be served once the state machine has applied <see cref="ReadState.Index"/>.</summary>
    public IReadOnlyList<ReadState> ReadStates { get; init; } = [];

    public bool IsEmpty => HardState is null && Snapshot is null && Entries.Count == 0 && Messages.Count == 0 && CommittedEntries.Count == 0 && ReadStates.Count == 0;
}

/// <summary>A confirmed read (thesis §6.4): the request <see cref="Context"/> may be answered from the state
/// machine once it has applied entry <see cref="Index"/>.</summary>
public readonly record struct ReadState(long Index, long Context);
