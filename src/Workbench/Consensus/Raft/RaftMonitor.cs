namespace Workbench.Consensus.Raft;

/// <summary>
/// Checks the five properties of Figure 3 (Ongaro &amp; Ousterhout 2014) continuously while a cluster
/// runs, from what every server hands out in its Ready batches and its role after each batch:
/// <list type="bullet">
/// <item>Election Safety: at most one leader per term;</item>
/// <item>Leader Append-Only: a leader never overwrites or deletes entries of its log;</item>
/// <item>Log Matching: two entries with the same index and term hold the same command and follow the
/// same history (checked inductively: each (index, term) has one command and one predecessor term);</item>
/// <item>Leader Completeness: a leader holds every entry committed before its election;</item>
/// <item>State Machine Safety: no two servers apply different entries at one index.</item>
/// </list>
/// Violations are collected as messages, not thrown, so a run reports all of them.
/// </summary>
public sealed class RaftMonitor
{
    private readonly Dictionary<long, int> _leaderOfTerm = [];
    private readonly Dictionary<(long Index, long Term), (long PrevTerm, EntryKind Kind, object? Data)> _entries = [];
    private readonly Dictionary<long, (long Term, EntryKind Kind, object? Data)> _applied = [];
    private readonly Dictionary<int, (long Term, long Last)> _leaderLog = [];
    private readonly Dictionary<int, (Role Role, long Term)> _lastRole = [];
    private readonly List<string> _violations = [];
    private long _maxCommitted;

    /// <summary>Called with the virtual time when a violation or leader change is recorded.</summary>
    public Func<long>? Clock { get; set; }

    public IReadOnlyList<string> Violations => _violations;

    /// <summary>Leaders elected (one per term that had a leader).</summary>
    public int LeaderChanges => _leaderOfTerm.Count;

    /// <summary>Every (time, term, leader id) at which a server became leader.</summary>
    public List<(long Time, long Term, int Leader)> Elections { get; } = [];

    /// <summary>Highest index known committed anywhere.</summary>
    public long MaxCommitted => _maxCommitted;

    private void Violation(string what) => _violations.Add($"{Clock?.Invoke() ?? 0}: {what}");

    /// <summary>A server (re)started.</summary>
    public void Observe(RaftKvServer server) => CheckRole(server);

    public void BeforeReady(RaftKvServer server, Ready ready)
    {
        var raft = server.Raft!;
        int id = server.RaftId;
        foreach (var e in ready.Entries)
        {
            long prevTerm = e.Index == 1 ? 0 : raft.Log.TermAt(e.Index - 1) ?? -1;
            var key = (e.Index, e.Term);
            if (_entries.TryGetValue(key, out var seen))
            {
                if (seen.Kind != e.Kind || !Equals(seen.Data, e.Data))
                    Violation($"Log Matching: server {id} has {e} but another server has {key.Index}@{key.Term}:{seen.Data}");
                else if (prevTerm >= 0 && seen.PrevTerm >= 0 && seen.PrevTerm != prevTerm)
                    Violation($"Log Matching: server {id} has {e} after term {prevTerm}, another server after term {seen.PrevTerm}");
            }
            else
            {
                _entries[key] = (prevTerm, e.Kind, e.Data);
            }
        }
        if (raft.Role == Role.Leader && ready.Entries.Count > 0)
        {
            if (_leaderLog.TryGetValue(id, out var l) && l.Term == raft.Term && ready.Entries[0].Index <= l.Last)
                Violation($"Leader Append-Only: leader {id} of term {raft.Term} rewrote its log from index {ready.Entries[0].Index} (last was {l.Last})");
        }
        foreach (var e in ready.CommittedEntries)
        {
            if (_applied.TryGetValue(e.Index, out var a))
            {
                if (a.Term != e.Term || a.Kind != e.Kind || !Equals(a.Data, e.Data))
                    Violation($"State Machine Safety: server {id} applies {e} at index {e.Index}, another server applied {e.Index}@{a.Term}:{a.Data}");
            }
            else
            {
                _applied[e.Index] = (e.Term, e.Kind, e.Data);
            }
            if (e.Index > _maxCommitted) _maxCommitted = e.Index;
        }
    }

    public void AfterReady(RaftKvServer server, Ready ready)
    {
        CheckRole(server);
        var raft = server.Raft!;
        if (raft.Role == Role.Leader) _leaderLog[server.RaftId] = (raft.Term, raft.Log.LastIndex);
        if (raft.Log.Committed > _maxCommitted) _maxCommitted = raft.Log.Committed;
    }

    private void CheckRole(RaftKvServer server)
    {
        var raft = server.Raft!;
        int id = server.RaftId;
        var now = (raft.Role, raft.Term);
        if (_lastRole.TryGetValue(id, out var before) && before == now) return;
        _lastRole[id] = now;
        if (raft.Role != Role.Leader) return;
        if (_leaderOfTerm.TryGetValue(raft.Term, out var other))
        {
            if (other != id) Violation($"Election Safety: servers {other} and {id} both leader in term {raft.Term}");
            return;
        }
        _leaderOfTerm[raft.Term] = id;
        Elections.Add((Clock?.Invoke() ?? 0, raft.Term, id));
        // Leader Completeness: every entry committed so far is in the new leader's log.
        var log = raft.Log;
        for (long i = log.SnapshotIndex + 1; i <= _maxCommitted; i++)
        {
            if (!_applied.TryGetValue(i, out var a)) continue;
            if (log.TermAt(i) != a.Term)
            {
                Violation($"Leader Completeness: leader {id} of term {raft.Term} lacks committed entry {i}@{a.Term}");
                break;
            }
        }
    }
}
