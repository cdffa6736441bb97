namespace Workbench.Consensus.Raft;

/// <summary>
/// A hand-driven network of <see cref="RaftNode"/>s for claim tests and transcripts: messages wait in
/// one FIFO queue until delivered, every Ready is persisted to the node's <see cref="RaftStorage"/>
/// before its messages are queued, and a crash rebuilds the node from storage.
/// </summary>
public sealed class RaftHarness
{
    public readonly SortedDictionary<int, RaftNode> Nodes = [];
    public readonly Dictionary<int, RaftStorage> Storage = [];
    public readonly Dictionary<int, RaftConfig> Configs = [];
    public readonly Dictionary<int, List<Entry>> Applied = [];
    public readonly Dictionary<int, List<ReadState>> Reads = [];
    public readonly List<Message> Pending = [];
    public readonly HashSet<int> Down = [];
    public readonly HashSet<int> Isolated = [];

    public RaftHarness(int n, Func<RaftConfig, RaftConfig>? configure = null)
    {
        var voters = Enumerable.Range(1, n).ToList();
        foreach (var id in voters) Add(id, voters, configure);
    }

    public void Add(int id, IReadOnlyList<int> voters, Func<RaftConfig, RaftConfig>? configure = null)
    {
        var config = new RaftConfig { Id = id, Voters = voters, ElectionTick = 10, HeartbeatTick = 1, Seed = id };
        if (configure is not null) config = configure(config);
        Configs[id] = config;
        Storage[id] = new RaftStorage();
        Applied[id] = [];
        Reads[id] = [];
        Nodes[id] = new RaftNode(config, Storage[id].State);
    }

    public RaftNode this[int id] => Nodes[id];

    /// <summary>Replaces a node's stored state (term, vote, log terms) and restarts it from there.</summary>
    public void SetLog(int id, long term, int vote, params long[] terms)
    {
        var entries = terms.Select((t, i) => new Entry(i + 1, t, EntryKind.Command, null)).ToList();
        Storage[id].Reset(new HardState(term, vote, 0), null, entries);
        Nodes[id] = new RaftNode(Configs[id], Storage[id].State);
        Applied[id].Clear();
    }

    /// <summary>Collects every Ready of <paramref name="id"/>: persist, then queue messages, then apply.</summary>
    public void Process(int id)
    {
        if (Down.Contains(id)) return;
        var node = Nodes[id];
        while (node.HasReady)
        {
            var ready = node.TakeReady();
            Storage[id].Save(ready);
            foreach (var m in ready.Messages)
            {
                if (!Isolated.Contains(m.From) && !Isolated.Contains(m.To)) Pending.Add(m);
            }
            if (ready.Snapshot is not null) Applied[id].Clear();
            Applied[id].AddRange(ready.CommittedEntries);
            Reads[id].AddRange(ready.ReadStates);
        }
    }

    public void ProcessAll()
    {
        foreach (var id in Nodes.Keys) Process(id);
    }

    /// <summary>Delivers one message (stepping it into its receiver and processing the result).</summary>
    public void Deliver(Message m)
    {
        if (Down.Contains(m.To) || !Nodes.ContainsKey(m.To)) return;
        Nodes[m.To].Step(m);
        Process(m.To);
    }

    /// <summary>Delivers queued messages, oldest first, until none are left; returns them in delivery order.</summary>
    public List<Message> Stabilize(int limit = 100_000)
    {
        ProcessAll();
        var delivered = new List<Message>();
        while (Pending.Count > 0)
        {
            if (delivered.Count >= limit) throw new InvalidOperationException("cluster did not stabilize");
            var m = Pending[0];
            Pending.RemoveAt(0);
            if (Down.Contains(m.To)) continue;
            delivered.Add(m);
            Deliver(m);
        }
        return delivered;
    }

    /// <summary>Delivers the queued messages from <paramref name="from"/> to <paramref name="to"/> only (0 = any).</summary>
    public List<Message> DeliverBetween(int from, int to)
    {
        var picked = Pending.Where(m => (from == 0 || m.From == from) && (to == 0 || m.To == to)).ToList();
        foreach (var m in picked) Pending.Remove(m);
        picked.RemoveAll(m => Down.Contains(m.To));
        foreach (var m in picked) Deliver(m);
        return picked;
    }

    public List<Message> DropBetween(int from, int to)
    {
        var picked = Pending.Where(m => (from == 0 || m.From == from) && (to == 0 || m.To == to)).ToList();
        foreach (var m in picked) Pending.Remove(m);
        return picked;
    }

    public void Tick(int id, int ticks = 1)
    {
        for (int i = 0; i < ticks; i++)
        {
            if (Down.Contains(id)) return;
            Nodes[id].Tick();
            Process(id);
        }
    }

    public void Crash(int id)
    {
        Down.Add(id);
        Pending.RemoveAll(m => m.To == id);
    }

    public void Restart(int id)
    {
        Down.Remove(id);
        Nodes[id] = new RaftNode(Configs[id], Storage[id].State);
        Applied[id].Clear();
        Process(id);
    }

    /// <summary>Elects <paramref name="id"/> by campaigning and delivering everything.</summary>
    public void Elect(int id)
    {
        Nodes[id].Campaign();
        Stabilize();
    }

    public long[] LogTerms(int id)
    {
        var log = Nodes[id].Log;
        return [.. Enumerable.Range(1, (int)log.LastIndex).Select(i => log.TermAt(i) ?? -1)];
    }

    public string Status(int id)
    {
        if (Down.Contains(id)) return $"{id} down";
        var n = Nodes[id];
        var log = n.Log;
        var terms = string.Join(" ", Enumerable.Range((int)log.FirstIndex, (int)(log.LastIndex - log.FirstIndex + 1)).Select(i => log.TermAt(i)));
        var snap = log.SnapshotIndex > 0 ? $" snapshot={log.SnapshotIndex}@{log.SnapshotTerm}" : "";
        return $"{id} {n.Role} term={n.Term} vote={n.Vote} lead={n.Leader} commit={log.Committed} voters=[{string.Join(",", n.Voters)}]{snap} log=[{terms}]";
    }
}
