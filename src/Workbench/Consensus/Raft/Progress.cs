namespace Workbench.Consensus.Raft;

/// <summary>How the leader currently feeds one follower (after etcd's tracker package).</summary>
public enum ProgressState
{
    /// <summary>Next is a guess: send one AppendEntries per heartbeat until the follower accepts one.</summary>
    Probe,
    /// <summary>The follower's log matches up to Match: stream entries, up to MaxInflight messages ahead.</summary>
    Replicate,
    /// <summary>The follower needs a snapshot; wait for it to be acknowledged.</summary>
    Snapshot,
}

/// <summary>
/// The leader's view of one follower (Figure 2's nextIndex and matchIndex) plus flow control.
/// </summary>
public sealed class Progress
{
    /// <summary>Highest index known to be replicated on the server (Figure 2 matchIndex).</summary>
    public long Match { get; internal set; }

    /// <summary>Index of the next entry to send (Figure 2 nextIndex).</summary>
    public long Next { get; internal set; }

    public ProgressState State { get; internal set; } = ProgressState.Probe;

    /// <summary>In Probe: a message is outstanding, wait for a reply or the next heartbeat.</summary>
    internal bool ProbeSent { get; set; }

    /// <summary>Last index of each unacknowledged AppendEntries in Replicate state.</summary>
    internal Queue<long> Inflight { get; } = new();

    internal long PendingSnapshot { get; set; }

    /// <summary>Heartbeats sent in Replicate state while entries were unacknowledged and nothing new was acknowledged.</summary>
    internal int StalledHeartbeats { get; set; }

    /// <summary>Heard from since the last check-quorum round (thesis §6.2).</summary>
    internal bool RecentActive { get; set; }

    /// <summary>Highest heartbeat round acknowledged (for ReadIndex).</summary>
    internal long AckedRound { get; set; }

    internal void BecomeProbe()
    {
        StalledHeartbeats = 0;
        State = ProgressState.Probe;
        Next = Match + 1;
        ProbeSent = false;
        Inflight.Clear();
    }

    internal void BecomeReplicate()
    {
        State = ProgressState.Replicate;
        Next = Match + 1;
        Inflight.Clear();
    }

    /// <summary>Records an acknowledgement of <paramref name="index"/>; false if it says nothing new.</summary>
    internal bool MaybeUpdate(long index)
    {
        ProbeSent = false;
        while (Inflight.Count > 0 && Inflight.Peek() <= index) Inflight.Dequeue();
        if (index <= Match) return false;
        StalledHeartbeats = 0;
        Match = index;
        Next = Math.Max(Next, index + 1);
        return true;
    }

    internal bool Paused(int maxInflight) => State switch
    {
        ProgressState.Probe => ProbeSent,
        ProgressState.Replicate => Inflight.Count >= maxInflight,
        _ => true,
    };

    public override string ToString() => $"{State} match={Match} next={Next}";
}
