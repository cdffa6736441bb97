namespace Workbench.Consensus.Raft;

/// <summary>The messages Raft servers exchange (Figure 2 RPCs and their replies, plus the thesis's additions).</summary>
public enum MessageType
{
    /// <summary>Thesis §9.6: "would you vote for me at term <see cref="Message.Term"/>?", sent without changing the sender's term.</summary>
    PreVote,
    PreVoteResponse,
    /// <summary>§5.2 RequestVote RPC: <see cref="Message.Index"/> and <see cref="Message.LogTerm"/> are the candidate's last log index and term.</summary>
    RequestVote,
    RequestVoteResponse,
    /// <summary>§5.3 AppendEntries RPC (also the heartbeat, with no entries): <see cref="Message.Index"/> and
    /// <see cref="Message.LogTerm"/> are prevLogIndex and prevLogTerm.</summary>
    AppendEntries,
    /// <summary>Reply to AppendEntries or InstallSnapshot: on success <see cref="Message.Index"/> is the
    /// highest index known to match the leader; on rejection <see cref="Message.Index"/> and
    /// <see cref="Message.ConflictTerm"/> are the fast-backtracking hint (§5.3, last paragraphs).</summary>
    AppendEntriesResponse,
    /// <summary>§7 InstallSnapshot RPC, sent in one piece.</summary>
    InstallSnapshot,
    /// <summary>Thesis §3.10: the leader tells an up-to-date server to start an election at once.</summary>
    TimeoutNow,
}

/// <summary>
/// One Raft message. Every message carries the sender's term (§5.1: servers compare terms on every
/// exchange). Fields not used by a type stay at their defaults.
/// </summary>
public sealed record Message(MessageType Type, int From, int To, long Term)
{
    /// <summary>prevLogIndex (AppendEntries), last log index (votes), match index or backtracking hint (responses).</summary>
    public long Index { get; init; }

    /// <summary>prevLogTerm (AppendEntries), last log term (votes).</summary>
    public long LogTerm { get; init; }

    public IReadOnlyList<Entry> Entries { get; init; } = [];

    /// <summary>The leader's commit index (AppendEntries).</summary>
    public long Commit { get; init; }

    /// <summary>Vote not granted, or log inconsistency found.</summary>
    public bool Reject { get; init; }

    /// <summary>On a rejected AppendEntries: the follower's term at prevLogIndex (0 when its log is shorter).</summary>
    public long ConflictTerm { get; init; }

    /// <summary>Heartbeat round, echoed in the response; ReadIndex (thesis §6.4) counts acknowledgements by it.</summary>
    public long Round { get; init; }

    /// <summary>On InstallSnapshot: the snapshot.</summary>
    public Snapshot? Snapshot { get; init; }

    /// <summary>On RequestVote: the election was started by a leadership transfer (thesis §3.10), so
    /// voters must not disregard it because they heard from a leader recently (thesis §4.2.3).</summary>
    public bool Transfer { get; init; }

    public override string ToString()
    {
        var s = $"{From}->{To} {Type} term={Term}";
        switch (Type)
        {
            case MessageType.AppendEntries:
                s += $" prev={Index}@{LogTerm} entries=[{string.Join(" ", Entries)}] commit={Commit}";
                break;
            case MessageType.AppendEntriesResponse:
                s += Reject ? $" reject hint={Index} conflict_term={ConflictTerm}" : $" match={Index}";
                break;
            case MessageType.RequestVote:
            case MessageType.PreVote:
                s += $" last={Index}@{LogTerm}" + (Transfer ? " transfer" : "");
                break;
            case MessageType.RequestVoteResponse:
            case MessageType.PreVoteResponse:
                s += Reject ? " rejected" : " granted";
                break;
            case MessageType.InstallSnapshot:
                s += $" {Snapshot}";
                break;
        }
        return s;
    }
}
