namespace Workbench.Consensus.Raft;

/// <summary>
/// Stable storage of one server, in memory: what survives a crash. The host applies each
/// <see cref="Ready"/> to it (<see cref="Save"/>) before sending that Ready's messages, and rebuilds a
/// crashed server with <c>new RaftNode(config, storage.State)</c>. Anything the core holds that was not
/// saved is lost in a crash, as on a real disk.
/// </summary>
public sealed class RaftStorage
{
    private readonly List<Entry> _entries = [];
    private HardState _hardState;
    private Snapshot? _snapshot;

    /// <summary>Number of Ready batches that wrote something (each one a synchronous disk write in a real server).</summary>
    public long Writes { get; private set; }

    /// <summary>Persists the durable part of <paramref name="ready"/>: hard state, snapshot, entries (replacing any stored from the first new index on).</summary>
    public void Save(Ready ready)
    {
        ArgumentNullException.ThrowIfNull(ready);
        bool wrote = false;
        if (ready.HardState is { } hs) { _hardState = hs; wrote = true; }
        if (ready.Snapshot is { } s)
        {
            _snapshot = s;
            _entries.Clear();
            wrote = true;
        }
        if (ready.Entries.Count > 0)
        {
            long first = ready.Entries[0].Index;
            int keep = _entries.FindIndex(e => e.Index >= first);
            if (keep >= 0) _entries.RemoveRange(keep, _entries.Count - keep);
            long expected = _entries.Count > 0 ? _entries[^1].Index + 1 : (_snapshot?.Index ?? 0) + 1;
            if (first != expected) throw new InvalidOperationException($"storage: entries start at {first}, expected {expected}");
            _entries.AddRange(ready.Entries);
            wrote = true;
        }
        if (wrote) Writes++;
    }

    /// <summary>Replaces the stored log prefix by <paramref name="snapshot"/> (§7 log compaction).</summary>
    public void Compact(Snapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        if (_snapshot is not null && snapshot.Index <= _snapshot.Index) return;
        _snapshot = snapshot;
        _entries.RemoveAll(e => e.Index <= snapshot.Index);
    }

    /// <summary>Overwrites everything (to set up a scenario, such as the logs of Figure 7).</summary>
    public void Reset(HardState hardState, Snapshot? snapshot, IEnumerable<Entry> entries)
    {
        _hardState = hardState;
        _snapshot = snapshot;
        _entries.Clear();
        _entries.AddRange(entries);
    }

    public HardState HardState => _hardState;

    public Snapshot? Snapshot => _snapshot;

    public IReadOnlyList<Entry> Entries => _entries;

    /// <summary>What a restarted server comes back with.</summary>
    public PersistentState State => new(_hardState, _snapshot, [.. _entries]);
}
