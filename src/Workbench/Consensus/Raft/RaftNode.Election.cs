namespace Workbench.Consensus.Raft;

public sealed partial class RaftNode
{
    private readonly Dictionary<int, bool> _votes = [];

    /// <summary>Starts an election now, as if the election timeout had elapsed (used by tests and hosts).</summary>
    public void Campaign()
    {
        if (Role != Role.Leader && Promotable) StartElection(transfer: false);
    }

    /// <summary>
    /// §5.2: a follower whose election timeout elapses increments its term, votes for itself and asks
    /// every other server for its vote. With <see cref="RaftConfig.PreVote"/> it first asks, without
    /// changing its term, whether it could win (thesis §9.6), so a server that cannot reach a majority
    /// does not inflate terms and disrupt the cluster when it returns.
    /// </summary>
    private void StartElection(bool transfer)
    {
        if (_config.PreVote && !transfer)
        {
            Role = Role.PreCandidate;
            Leader = 0;
            _votes.Clear();
            ResetTimers();
            RequestVotes(MessageType.PreVote, Term + 1, transfer);
        }
        else
        {
            BecomeCandidate();
            RequestVotes(MessageType.RequestVote, Term, transfer);
        }
    }

    private void BecomeCandidate()
    {
        Term++;
        Vote = Id;
        Role = Role.Candidate;
        Leader = 0;
        _votes.Clear();
        _progress.Clear();
        ResetTimers();
    }

    private void RequestVotes(MessageType type, long term, bool transfer)
    {
        _votes[Id] = true;
        if (TallyWon()) { OnElectionWon(); return; }
        foreach (var v in _voters)
        {
            if (v == Id) continue;
            Send(new Message(type, Id, v, term) { Index = Log.LastIndex, LogTerm = Log.LastTerm, Transfer = transfer });
        }
    }

    /// <summary>
    /// §5.2 and §5.4.1: grant at most one vote per term, first come first served, and only to a
    /// candidate whose log is at least as up-to-date as ours (compare last terms, then lengths).
    /// A pre-vote is granted on the log check alone, and only when we have not heard from a leader
    /// within the election timeout (thesis §9.6).
    /// </summary>
    private void HandleVoteRequest(Message m)
    {
        bool preVote = m.Type == MessageType.PreVote;
        bool canVote = preVote
            ? m.Term > Term && (Leader == 0 || _electionElapsed >= _config.ElectionTick || m.Transfer)
            : Vote == 0 || Vote == m.From;
        bool grant = canVote && Log.IsUpToDate(m.Index, m.LogTerm);
        var type = preVote ? MessageType.PreVoteResponse : MessageType.RequestVoteResponse;
        if (grant)
        {
            Send(new Message(type, Id, m.From, m.Term));
            if (!preVote)
            {
                Vote = m.From;
                _electionElapsed = 0; // Figure 2: granting a vote resets the election timer
            }
        }
        else
        {
            Send(new Message(type, Id, m.From, Term) { Reject = true });
        }
    }

    private void HandleVoteResponse(Message m)
    {
        bool pre = m.Type == MessageType.PreVoteResponse;
        if ((pre && Role != Role.PreCandidate) || (!pre && Role != Role.Candidate)) return;
        if (!_voters.Contains(m.From)) return;
        _votes.TryAdd(m.From, !m.Reject);
        if (TallyWon()) OnElectionWon();
        else if (_votes.Count(v => !v.Value) >= Quorum) BecomeFollower(Term, 0); // lost: wait for a leader or the next timeout
    }

    private bool TallyWon() => _voters.Count(v => _votes.TryGetValue(v, out var g) && g) >= Quorum;

    private void OnElectionWon()
    {
        if (Role == Role.PreCandidate)
        {
            BecomeCandidate();
            RequestVotes(MessageType.RequestVote, Term, transfer: false);
        }
        else if (Role == Role.Candidate)
        {
            BecomeLeader();
        }
    }

    /// <summary>
    /// §5.2-5.3: the winner becomes leader, initializes nextIndex to its last index + 1 and matchIndex
    /// to 0 for every follower, and appends a no-op entry of its term (§8, thesis §6.4) so that it can
    /// commit, and so learn, everything earlier. It then sends AppendEntries to all.
    /// </summary>
    private void BecomeLeader()
    {
        Role = Role.Leader;
        Leader = Id;
        _votes.Clear();
        _progress.Clear();
        _leaderCommittedInTerm = false;
        ResetTimers();
        foreach (var v in ReplicationTargets()) _progress[v] = new Progress { Next = Log.LastIndex + 1, Match = 0, RecentActive = true };
        AppendLocal(EntryKind.NoOp, null);
        BroadcastAppend();
    }

    /// <summary>Thesis §6.2 check-quorum: did a majority answer within the last election timeout?</summary>
    private bool CheckQuorumActive()
    {
        int active = 0;
        foreach (var v in _voters)
        {
            if (v == Id) { active++; continue; }
            if (_progress.TryGetValue(v, out var p) && p.RecentActive) active++;
        }
        foreach (var p in _progress.Values) p.RecentActive = false;
        return active >= Quorum;
    }
}
