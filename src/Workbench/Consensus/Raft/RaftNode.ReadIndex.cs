namespace Workbench.Consensus.Raft;

public sealed partial class RaftNode
{
    private long _round;
    private readonly List<(long Context, long Index, long Round)> _pendingReads = [];
    private readonly List<long> _waitingReads = [];

    /// <summary>
    /// Thesis §6.4 ReadIndex: a linearizable read without writing to the log. The leader (1) waits until
    /// it has committed an entry of its term, (2) records its commit index as the read index, (3)
    /// confirms it is still leader by a round of heartbeats acknowledged by a majority, then (4) emits a
    /// <see cref="ReadState"/>: the host answers the read once it has applied up to that index.
    /// Returns false when this server is not the leader (the client should retry at the leader). A read
    /// still pending when leadership is lost is dropped; the client times out and retries.
    /// </summary>
    public bool ReadIndex(long context)
    {
        if (Role != Role.Leader) return false;
        if (!_leaderCommittedInTerm)
        {
            _waitingReads.Add(context);
            return true;
        }
        StartRead(context);
        return true;
    }

    private void StartRead(long context)
    {
        _round++;
        _pendingReads.Add((context, Log.Committed, _round));
        if (_voters.Count == 1 && _voters[0] == Id) { AdvanceReads(); return; }
        foreach (var (id, p) in _progress) SendAppend(id, p, heartbeat: true);
    }

    private void ReleaseWaitingReads()
    {
        foreach (var c in _waitingReads) StartRead(c);
        _waitingReads.Clear();
    }

    /// <summary>Serves, in order, every pending read whose heartbeat round a majority has acknowledged.</summary>
    private void AdvanceReads()
    {
        while (_pendingReads.Count > 0)
        {
            var (ctx, index, round) = _pendingReads[0];
            int acks = 0;
            foreach (var v in _voters)
            {
                if (v == Id || (_progress.TryGetValue(v, out var p) && p.AckedRound >= round)) acks++;
            }
            if (acks < Quorum) return;
            _readStates.Add(new ReadState(index, ctx));
            _pendingReads.RemoveAt(0);
        }
    }
}
