namespace Workbench.Consensus.Raft;

public sealed partial class RaftNode
{
    /// <summary>
    /// §7 log compaction: the host has applied everything up to <paramref name="index"/> and hands the
    /// state machine's image of that point; the log prefix it covers is discarded. The host persists
    /// the snapshot (<see cref="RaftLog.Snapshot"/>) before deleting the entries it covers from storage
    /// (<see cref="RaftStorage.Compact"/>).
    /// </summary>
    public void Compact(long index, object? data)
    {
        if (index <= Log.SnapshotIndex) return;
        if (index > Log.Applied) throw new ArgumentOutOfRangeException(nameof(index), index, $"index must not exceed the applied index {Log.Applied}");
        var snapshot = new Snapshot(index, Log.TermAt(index)!.Value, VotersAt(index), data);
        Log.Compact(snapshot);
    }

    private void SendSnapshot(int to, Progress p)
    {
        var snapshot = Log.Snapshot ?? throw new InvalidOperationException("entries compacted without a snapshot");
        p.State = ProgressState.Snapshot;
        p.PendingSnapshot = snapshot.Index;
        p.Inflight.Clear();
        Send(new Message(MessageType.InstallSnapshot, Id, to, Term) { Snapshot = snapshot, Round = _round, Commit = Log.Committed });
    }

    /// <summary>
    /// §7 InstallSnapshot receiver: if the log already holds the snapshot's last entry, keep the entries
    /// that follow it; otherwise discard the whole log and reset the state machine from the snapshot.
    /// </summary>
    private void HandleInstallSnapshot(Message m)
    {
        var s = m.Snapshot!;
        if (s.Index <= Log.Committed)
        {
            Send(new Message(MessageType.AppendEntriesResponse, Id, m.From, Term) { Index = Log.Committed, Round = m.Round });
            return;
        }
        if (Log.MatchTerm(s.Index, s.Term))
        {
            Log.Committed = s.Index;
        }
        else
        {
            Log.Restore(s);
            _pendingSnapshot = s;
            _voters = [.. s.Voters];
            _voterSource = s.Index;
        }
        Send(new Message(MessageType.AppendEntriesResponse, Id, m.From, Term) { Index = s.Index, Round = m.Round });
    }
}
