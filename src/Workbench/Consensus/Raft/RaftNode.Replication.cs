namespace Workbench.Consensus.Raft;

public sealed partial class RaftNode
{
    private bool _leaderCommittedInTerm;

    /// <summary>
    /// §5.3: the leader appends a client command to its log and replicates it. Returns the entry's
    /// index, or null when this server is not the leader or is transferring leadership (thesis §3.10:
    /// new proposals are refused meanwhile); the client should retry at the leader.
    /// </summary>
    public long? Propose(object? command)
    {
        if (Role != Role.Leader || _leadTransferee != 0) return null;
        var index = AppendLocal(EntryKind.Command, command);
        BroadcastAppend();
        return index;
    }

    private long AppendLocal(EntryKind kind, object? data)
    {
        var entry = new Entry(Log.LastIndex + 1, Term, kind, data);
        Log.Append(entry);
        if (kind == EntryKind.ConfChange) OnConfEntryAppended(entry);
        MaybeCommit(); // a single-server cluster commits at once
        return entry.Index;
    }

    private IEnumerable<int> ReplicationTargets() => _voters.Where(v => v != Id);

    /// <summary>Sends new entries to every follower that is not paused by flow control.</summary>
    private void BroadcastAppend(bool sendIfEmpty = false)
    {
        foreach (var (id, p) in _progress) SendAppend(id, p, heartbeat: false, sendIfEmpty);
    }

    /// <summary>§5.2: leaders send periodic heartbeats (AppendEntries) to maintain their authority; each
    /// carries a fresh round number that ReadIndex counts acknowledgements of.</summary>
    private void BroadcastHeartbeat()
    {
        _round++;
        foreach (var (id, p) in _progress) SendAppend(id, p, heartbeat: true);
    }

    /// <summary>
    /// Sends one AppendEntries to <paramref name="to"/>: entries from nextIndex on (at most
    /// <see cref="RaftConfig.MaxEntriesPerAppend"/>), with prevLogIndex/prevLogTerm for the consistency
    /// check, or an InstallSnapshot when those entries have been compacted away (§7). A heartbeat is
    /// sent even when flow control would otherwise wait.
    /// </summary>
    private void SendAppend(int to, Progress p, bool heartbeat, bool sendIfEmpty = false)
    {
        if (p.State == ProgressState.Snapshot)
        {
            if (heartbeat) SendSnapshot(to, p); // the snapshot or its reply may have been lost
            return;
        }
        if (heartbeat && p.State == ProgressState.Replicate && p.Inflight.Count > 0 && ++p.StalledHeartbeats >= 2)
        {
            // Two heartbeats without an acknowledgement of the streamed entries: assume they were lost
            // and probe again from the last known match.
            p.BecomeProbe();
        }
        if (heartbeat && p.State == ProgressState.Replicate && Log.TermAt(p.Match) is { } matchTerm)
        {
            // Entries may be in flight beyond Match: a heartbeat anchored at Match cannot be rejected for them.
            Send(new Message(MessageType.AppendEntries, Id, to, Term) { Index = p.Match, LogTerm = matchTerm, Commit = Log.Committed, Round = _round });
            heartbeat = false;
        }
        bool paused = p.Paused(_config.MaxInflight);
        if (paused && !heartbeat) return;
        long prev = p.Next - 1;
        if (Log.TermAt(prev) is not { } prevTerm)
        {
            SendSnapshot(to, p);
            return;
        }
        List<Entry> entries = p.Next > Log.LastIndex ? [] : Log.Slice(p.Next, Log.LastIndex, _config.MaxEntriesPerAppend);
        if (entries.Count == 0 && !heartbeat && !sendIfEmpty && p.State == ProgressState.Replicate) return;
        Send(new Message(MessageType.AppendEntries, Id, to, Term)
        {
            Index = prev,
            LogTerm = prevTerm,
            Entries = entries,
            Commit = Log.Committed,
            Round = _round,
        });
        if (p.State == ProgressState.Replicate)
        {
            if (entries.Count == 0) return;
            p.Next = entries[^1].Index + 1;
            p.Inflight.Enqueue(entries[^1].Index);
        }
        else
        {
            p.ProbeSent = true;
        }
    }

    /// <summary>
    /// §5.3 receiver rules: reject if the log has no entry at prevLogIndex with prevLogTerm; otherwise
    /// delete any conflicting entry and all that follow, append the new ones, and set commitIndex to
    /// min(leaderCommit, index of last new entry). A rejection carries the fast-backtracking hint of
    /// §5.3: the term of our entry at prevLogIndex and the first index we hold of that term (or our
    /// log's end when it is shorter).
    /// </summary>
    private void HandleAppendEntries(Message m)
    {
        if (m.Index < Log.Committed)
        {
            // Already committed here, so it matches: tell the leader how far.
            Send(new Message(MessageType.AppendEntriesResponse, Id, m.From, Term) { Index = Log.Committed, Round = m.Round });
            return;
        }
        if (!Log.MatchTerm(m.Index, m.LogTerm))
        {
            long hint;
            long conflictTerm;
            if (m.Index > Log.LastIndex)
            {
                hint = Log.LastIndex + 1;
                conflictTerm = 0;
            }
            else
            {
                conflictTerm = Log.TermAt(m.Index)!.Value;
                hint = Log.FirstIndexOfTerm(m.Index);
            }
            Send(new Message(MessageType.AppendEntriesResponse, Id, m.From, Term) { Reject = true, Index = hint, ConflictTerm = conflictTerm, Round = m.Round });
            return;
        }
        foreach (var e in m.Entries)
        {
            var existing = Log.TermAt(e.Index);
            if (existing == e.Term) continue;
            if (existing is not null) TruncateAndRecompute(e.Index);
            Log.Append(e);
            if (e.Kind == EntryKind.ConfChange) OnConfEntryAppended(e);
        }
        long lastNew = m.Index + m.Entries.Count;
        if (m.Commit > Log.Committed) Log.Committed = Math.Min(m.Commit, lastNew);
        Send(new Message(MessageType.AppendEntriesResponse, Id, m.From, Term) { Index = lastNew, Round = m.Round });
    }

    private void HandleAppendResponse(Message m)
    {
        if (!_progress.TryGetValue(m.From, out var p)) return;
        p.RecentActive = true;
        if (m.Round > p.AckedRound)
        {
            p.AckedRound = m.Round;
            AdvanceReads();
        }
        if (m.Reject)
        {
            // Fast backtracking (§5.3): skip the follower's whole conflicting term in one step.
            long next = m.ConflictTerm == 0 ? m.Index : (Log.LastIndexOfTerm(m.ConflictTerm) is { } last ? last + 1 : m.Index);
            next = Math.Max(Math.Min(next, p.Next - 1), p.Match + 1);
            if (p.State == ProgressState.Replicate) p.BecomeProbe();
            if (p.State == ProgressState.Snapshot) return;
            p.Next = Math.Max(next, p.Match + 1);
            p.ProbeSent = false;
            SendAppend(m.From, p, heartbeat: false);
            return;
        }
        bool updated = p.MaybeUpdate(m.Index);
        if (p.State == ProgressState.Snapshot && p.Match >= p.PendingSnapshot) p.BecomeProbe();
        if (p.State == ProgressState.Probe && updated) p.BecomeReplicate();
        if (updated && MaybeCommit()) BroadcastAppend(sendIfEmpty: true); // followers learn the new commit index
        else SendAppend(m.From, p, heartbeat: false);
        if (m.From == _leadTransferee && p.Match == Log.LastIndex) SendTimeoutNow(m.From);
    }

    /// <summary>
    /// §5.3/§5.4.2: the commit index advances to the highest N stored on a majority, but only if
    /// log[N].term is the current term: "Raft never commits log entries from previous terms by counting
    /// replicas" (Figure 8). Earlier entries are then committed indirectly, by the Log Matching Property.
    /// </summary>
    private bool MaybeCommit()
    {
        if (Role != Role.Leader || _voters.Count == 0) return false;
        var matches = new List<long>(_voters.Count);
        foreach (var v in _voters) matches.Add(v == Id ? Log.LastIndex : _progress.TryGetValue(v, out var p) ? p.Match : 0);
        matches.Sort();
        long n = matches[matches.Count - Quorum];
        if (n <= Log.Committed || Log.TermAt(n) != Term) return false;
        Log.Committed = n;
        if (!_leaderCommittedInTerm)
        {
            _leaderCommittedInTerm = true;
            ReleaseWaitingReads();
        }
        OnCommitAdvanced();
        return true;
    }
}
