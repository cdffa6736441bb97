namespace Workbench.Consensus.Raft;

/// <summary>
/// The replicated log of one server (§5.3) above its last snapshot (§7): entries
/// <c>SnapshotIndex+1 .. LastIndex</c>, the commit index and the applied index, plus the bookkeeping
/// of what has not yet been handed to the host for persistence.
/// </summary>
public sealed class RaftLog
{
    private readonly List<Entry> _entries = [];

    /// <summary>Index of the last entry covered by the snapshot (0 for none).</summary>
    public long SnapshotIndex { get; private set; }

    /// <summary>Term of the entry at <see cref="SnapshotIndex"/>.</summary>
    public long SnapshotTerm { get; private set; }

    public Snapshot? Snapshot { get; private set; }

    public long Committed { get; internal set; }

    public long Applied { get; internal set; }

    /// <summary>Lowest index changed since the last <see cref="Ready"/> (long.MaxValue when none).</summary>
    internal long UnstableFrom { get; set; } = long.MaxValue;

    public long LastIndex => SnapshotIndex + _entries.Count;

    public long LastTerm => _entries.Count == 0 ? SnapshotTerm : _entries[^1].Term;

    public long FirstIndex => SnapshotIndex + 1;

    internal RaftLog(Snapshot? snapshot, IEnumerable<Entry> entries)
    {
        if (snapshot is not null)
        {
            Snapshot = snapshot;
            SnapshotIndex = snapshot.Index;
            SnapshotTerm = snapshot.Term;
            Committed = Applied = snapshot.Index;
        }
        foreach (var e in entries)
        {
            if (e.Index <= SnapshotIndex) continue;
            if (e.Index != LastIndex + 1) throw new ArgumentException($"entries: index {e.Index} does not follow {LastIndex}", nameof(entries));
            _entries.Add(e);
        }
    }

    /// <summary>The term of entry <paramref name="index"/>; 0 for index 0, null when compacted away or beyond the end.</summary>
    public long? TermAt(long index)
    {
        if (index == SnapshotIndex) return SnapshotTerm;
        if (index < SnapshotIndex || index > LastIndex) return index == 0 ? 0 : null;
        return _entries[(int)(index - SnapshotIndex - 1)].Term;
    }

    public Entry EntryAt(long index)
    {
        if (index <= SnapshotIndex || index > LastIndex) throw new ArgumentOutOfRangeException(nameof(index), index, $"index must be in [{FirstIndex}, {LastIndex}]");
        return _entries[(int)(index - SnapshotIndex - 1)];
    }

    public bool MatchTerm(long index, long term) => TermAt(index) == term;

    /// <summary>§5.4.1: a log with (lastTerm, lastIndex) is at least as up-to-date as this one.</summary>
    public bool IsUpToDate(long lastIndex, long lastTerm) => lastTerm > LastTerm || (lastTerm == LastTerm && lastIndex >= LastIndex);

    /// <summary>Entries [from, to], at most <paramref name="max"/> of them.</summary>
    public List<Entry> Slice(long from, long to, int max = int.MaxValue)
    {
        var list = new List<Entry>();
        for (long i = Math.Max(from, FirstIndex); i <= Math.Min(to, LastIndex) && list.Count < max; i++) list.Add(EntryAt(i));
        return list;
    }

    /// <summary>The whole log above the snapshot.</summary>
    public IReadOnlyList<Entry> Entries => _entries;

    internal void Append(Entry entry)
    {
        if (entry.Index != LastIndex + 1) throw new InvalidOperationException($"append of {entry.Index} after {LastIndex}");
        _entries.Add(entry);
        UnstableFrom = Math.Min(UnstableFrom, entry.Index);
    }

    /// <summary>Deletes entries from <paramref name="index"/> on (§5.3: "delete the existing entry and all that follow it").
    /// Committed entries are never deleted: that would break State Machine Safety.</summary>
    internal void TruncateFrom(long index)
    {
        if (index <= Committed) throw new InvalidOperationException($"Raft safety: truncating committed entry {index} (commit {Committed})");
        if (index > LastIndex) return;
        _entries.RemoveRange((int)(index - SnapshotIndex - 1), (int)(LastIndex - index + 1));
        UnstableFrom = Math.Min(UnstableFrom, index);
    }

    /// <summary>Discards entries up to <paramref name="snapshot"/>'s index (log compaction, §7).</summary>
    internal void Compact(Snapshot snapshot)
    {
        if (snapshot.Index <= SnapshotIndex) return;
        if (snapshot.Index > Applied) throw new InvalidOperationException($"cannot compact past the applied index {Applied}");
        var drop = (int)(snapshot.Index - SnapshotIndex);
        _entries.RemoveRange(0, drop);
        SnapshotIndex = snapshot.Index;
        SnapshotTerm = snapshot.Term;
        Snapshot = snapshot;
    }

    /// <summary>Replaces the whole log by <paramref name="snapshot"/> (InstallSnapshot when the log does not contain its last entry).</summary>
    internal void Restore(Snapshot snapshot)
    {
        _entries.Clear();
        SnapshotIndex = snapshot.Index;
        SnapshotTerm = snapshot.Term;
        Snapshot = snapshot;
        Committed = Applied = snapshot.Index;
        UnstableFrom = long.MaxValue;
    }

    /// <summary>Entries not yet handed out for persistence, and marks them handed out.</summary>
    internal List<Entry> TakeUnstable()
    {
        if (UnstableFrom == long.MaxValue) return [];
        var list = Slice(UnstableFrom, LastIndex);
        UnstableFrom = long.MaxValue;
        return list;
    }

    /// <summary>Index of the first entry of the term of entry <paramref name="index"/> (for the rejection hint).</summary>
    internal long FirstIndexOfTerm(long index)
    {
        var term = TermAt(index);
        long i = index;
        while (i - 1 > SnapshotIndex && TermAt(i - 1) == term) i--;
        return i;
    }

    /// <summary>Last index whose entry has term <paramref name="term"/>, or null if the log has none.</summary>
    internal long? LastIndexOfTerm(long term)
    {
        for (long i = LastIndex; i > SnapshotIndex; i--)
        {
            var t = TermAt(i)!.Value;
            if (t == term) return i;
            if (t < term) return null;
        }
        return null;
    }
}
