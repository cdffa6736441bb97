namespace Workbench.Consensus.Raft;

public sealed partial class RaftNode
{
    private List<int> _voters;
    private long _voterSource; // index of the entry (or snapshot) the current configuration comes from

    /// <summary>The voting configuration in use: the latest one in the log, committed or not (thesis §4.1).</summary>
    public IReadOnlyList<int> Voters => _voters;

    /// <summary>
    /// Thesis §4.1: a single-server change (add or remove one voter) goes through the log as a special
    /// entry. Refused (null) unless this server is the leader, no earlier change is still uncommitted
    /// (one at a time keeps every old and new majority overlapping), and the leader has committed an
    /// entry of its own term (the fix of thesis §4.1.3 to the bug in the single-server algorithm).
    /// </summary>
    public long? ProposeConfChange(ConfChange change)
    {
        ArgumentNullException.ThrowIfNull(change);
        if (Role != Role.Leader || _leadTransferee != 0 || !_leaderCommittedInTerm) return null;
        if (_voterSource > Log.Committed) return null;
        if (change.Type == ConfChangeType.AddNode && _voters.Contains(change.Node)) return null;
        if (change.Type == ConfChangeType.RemoveNode && !_voters.Contains(change.Node)) return null;
        if (change.Node <= 0) throw new ArgumentOutOfRangeException(nameof(change), change.Node, "node ids must be positive");
        var voters = new List<int>(_voters);
        if (change.Type == ConfChangeType.AddNode) voters.Add(change.Node);
        else voters.Remove(change.Node);
        voters.Sort();
        var index = AppendLocal(EntryKind.ConfChange, change with { Voters = voters });
        BroadcastAppend();
        return index;
    }

    /// <summary>A server uses a new configuration as soon as its entry is in its log (thesis §4.1).</summary>
    private void OnConfEntryAppended(Entry e)
    {
        _voters = [.. ((ConfChange)e.Data!).Voters];
        _voterSource = e.Index;
        SyncProgress();
    }

    /// <summary>After deleting log entries, the configuration reverts to the latest one left (thesis §4.1).</summary>
    private void TruncateAndRecompute(long from)
    {
        Log.TruncateFrom(from);
        if (_voterSource >= from) RecomputeVoters();
    }

    private void RecomputeVoters()
    {
        for (long i = Log.LastIndex; i > Log.SnapshotIndex; i--)
        {
            var e = Log.EntryAt(i);
            if (e.Kind != EntryKind.ConfChange) continue;
            _voters = VotersAt(i);
            _voterSource = i;
            SyncProgress();
            return;
        }
        if (Log.Snapshot is { } s)
        {
            _voters = [.. s.Voters];
            _voterSource = s.Index;
        }
        else if (_voterSource > 0)
        {
            _voters = [.. _config.Voters];
            _voterSource = 0;
        }
        _voters.Sort();
        SyncProgress();
    }

    /// <summary>The configuration in effect after entry <paramref name="index"/>.</summary>
    private List<int> VotersAt(long index)
    {
        for (long i = index; i > Log.SnapshotIndex; i--)
        {
            var e = Log.EntryAt(i);
            if (e.Kind == EntryKind.ConfChange) return [.. ((ConfChange)e.Data!).Voters];
        }
        var voters = Log.Snapshot is { } s ? new List<int>(s.Voters) : new List<int>(_config.Voters);
        voters.Sort();
        return voters;
    }

    private void SyncProgress()
    {
        if (Role != Role.Leader) return;
        foreach (var v in _voters)
        {
            if (v != Id && !_progress.ContainsKey(v)) _progress[v] = new Progress { Next = Log.LastIndex + 1, Match = 0, RecentActive = true };
        }
        foreach (var id in _progress.Keys.ToList())
        {
            if (!_voters.Contains(id)) _progress.Remove(id);
        }
    }

    /// <summary>Thesis §4.2.2: a leader removed from the configuration steps down once the change is committed.</summary>
    private void OnCommitAdvanced()
    {
        if (Role == Role.Leader && !_voters.Contains(Id) && _voterSource <= Log.Committed)
        {
            // Let followers learn the commit index first, then stop leading.
            BroadcastAppend();
            foreach (var (id, p) in _progress) SendAppend(id, p, heartbeat: true);
            BecomeFollower(Term, 0);
        }
    }

    private void OnApplied() { }
}
