namespace Workbench.Consensus.Raft;

public sealed partial class RaftNode
{
    private int _leadTransferee;

    /// <summary>The server leadership is being handed to (0 for none).</summary>
    public int LeadTransferee => _leadTransferee;

    /// <summary>
    /// Thesis §3.10 leadership transfer: the leader stops accepting proposals, brings
    /// <paramref name="target"/>'s log up to date, then sends it TimeoutNow so it starts an election at
    /// once (and wins, its log being the most up-to-date). Abandoned after an election timeout.
    /// </summary>
    public bool TransferLeadership(int target)
    {
        if (Role != Role.Leader || target == Id || !_progress.TryGetValue(target, out var p)) return false;
        _leadTransferee = target;
        _electionElapsed = 0;
        if (p.Match == Log.LastIndex) SendTimeoutNow(target);
        else
        {
            if (p.State == ProgressState.Replicate) p.BecomeProbe(); // resend from the last known match
            p.ProbeSent = false;
            SendAppend(target, p, heartbeat: false);
        }
        return true;
    }

    private void SendTimeoutNow(int to) => Send(new Message(MessageType.TimeoutNow, Id, to, Term));

    private void AbortLeaderTransfer() => _leadTransferee = 0;
}
