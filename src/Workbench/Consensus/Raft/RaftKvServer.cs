using Workbench.Consensus.Kv;
using Workbench.Simulation;

namespace Workbench.Consensus.Raft;

/// <summary>How a <see cref="RaftKvServer"/> runs its core: tick length, compaction, reads.</summary>
/// <param name="TickMicros">Virtual microseconds per <see cref="RaftNode.Tick"/>.</param>
/// <param name="CompactEvery">Take a snapshot and compact the log after this many applied entries (0: never).</param>
/// <param name="ReadIndexGets">Serve gets by ReadIndex (thesis §6.4) instead of through the log.</param>
public sealed record RaftServerOptions(long TickMicros = 1_000, int CompactEvery = 0, bool ReadIndexGets = true);

/// <summary>
/// A Raft server as a simulation node: it drives a <see cref="RaftNode"/> with the simulator's clock,
/// follows the Ready contract (persist to <see cref="Storage"/>, then send, then apply), serves the
/// replicated <see cref="KvStateMachine"/> and answers <see cref="ClientRequest"/>s (the Raft paper §8:
/// only the leader accepts commands; others redirect the client to the leader they know).
/// </summary>
/// <remarks>Simulation node id <c>k</c> is Raft server id <c>k + 1</c> (Raft uses 0 for "none").
/// A crash drops the core, the state machine and all pending client requests; only
/// <see cref="Storage"/> survives, and the restarted server rebuilds from it (snapshot, then log
/// replay as entries are re-committed).</remarks>
public sealed class RaftKvServer : ISimNode
{
    private readonly RaftConfig _config;
    private readonly RaftServerOptions _options;
    private readonly RaftMonitor? _monitor;
    private readonly Dictionary<(long Client, long Sequence), int> _waiting = [];
    private readonly Dictionary<long, (int From, KvCommand Command)> _reads = [];
    private readonly List<(ReadState State, int From, KvCommand Command)> _readyReads = [];
    private NodeContext _ctx = null!;
    private long _nextReadId;
    private long _appliedSinceCompaction;

    public RaftKvServer(RaftConfig config, RaftServerOptions options, RaftMonitor? monitor = null)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(options);
        if (options.TickMicros <= 0) throw new ArgumentOutOfRangeException(nameof(options), options.TickMicros, "TickMicros must be > 0");
        if (options.CompactEvery < 0) throw new ArgumentOutOfRangeException(nameof(options), options.CompactEvery, "CompactEvery must be >= 0");
        _config = config;
        _options = options;
        _monitor = monitor;
    }

    /// <summary>What survives crashes.</summary>
    public RaftStorage Storage { get; } = new();

    /// <summary>The running core (null while crashed or before start).</summary>
    public RaftNode? Raft { get; private set; }

    /// <summary>The state machine (rebuilt after a restart).</summary>
    public KvStateMachine State { get; private set; } = new();

    public int RaftId => _config.Id;

    public void Start(NodeContext context)
    {
        _ctx = context;
        Raft = new RaftNode(_config, Storage.State);
        State = Storage.Snapshot?.Data is KvStateMachine s ? s.Clone() : new KvStateMachine();
        _monitor?.Observe(this);
        _ctx.SetTimer(_options.TickMicros, 0);
    }

    public void OnCrash()
    {
        Raft = null;
        _waiting.Clear();
        _reads.Clear();
        _readyReads.Clear();
    }

    public void OnTimer(long tag)
    {
        if (Raft is null) return;
        Raft.Tick();
        Process();
        _ctx.SetTimer(_options.TickMicros, 0);
    }

    public void OnMessage(int from, object message)
    {
        if (Raft is null) return;
        switch (message)
        {
            case Message m:
                Raft.Step(m);
                break;
            case ClientRequest request:
                HandleClient(from, request.Command);
                break;
        }
        Process();
    }

    private void HandleClient(int from, KvCommand c)
    {
        var raft = Raft!;
        if (raft.Role != Role.Leader)
        {
            _ctx.Send(from, new ClientReply(c.ClientId, c.Sequence, ReplyStatus.NotLeader, null, raft.Leader - 1));
            return;
        }
        if (State.TryGetApplied(c.ClientId, c.Sequence, out var response))
        {
            _ctx.Send(from, new ClientReply(c.ClientId, c.Sequence, ReplyStatus.Ok, response));
            return;
        }
        if (c.Op == KvOp.Get && _options.ReadIndexGets)
        {
            var id = ++_nextReadId;
            if (raft.ReadIndex(id)) _reads[id] = (from, c);
            return;
        }
        if (raft.Propose(c) is null)
        {
            _ctx.Send(from, new ClientReply(c.ClientId, c.Sequence, ReplyStatus.NotLeader, null, -1));
            return;
        }
        _waiting[(c.ClientId, c.Sequence)] = from;
    }

    /// <summary>The Ready loop: persist, then send, then apply.</summary>
    private void Process()
    {
        var raft = Raft!;
        while (raft.HasReady)
        {
            var ready = raft.TakeReady();
            _monitor?.BeforeReady(this, ready);
            Storage.Save(ready);
            foreach (var m in ready.Messages) _ctx.Send(m.To - 1, m);
            if (ready.Snapshot is { Data: KvStateMachine image }) State = image.Clone();
            foreach (var e in ready.CommittedEntries) Apply(e);
            foreach (var rs in ready.ReadStates)
            {
                if (_reads.Remove(rs.Context, out var r)) _readyReads.Add((rs, r.From, r.Command));
            }
            _monitor?.AfterReady(this, ready);
        }
        if (_readyReads.Count > 0) ServeReads();
        if (_options.CompactEvery > 0 && _appliedSinceCompaction >= _options.CompactEvery)
        {
            _appliedSinceCompaction = 0;
            raft.Compact(raft.Log.Applied, State.Clone());
            Storage.Compact(raft.Log.Snapshot!);
        }
    }

    private void Apply(Entry e)
    {
        _appliedSinceCompaction++;
        if (e.Kind != EntryKind.Command || e.Data is not KvCommand c) return;
        var response = State.Apply(c);
        if (_waiting.Remove((c.ClientId, c.Sequence), out var client))
            _ctx.Send(client, new ClientReply(c.ClientId, c.Sequence, ReplyStatus.Ok, response));
    }

    /// <summary>Thesis §6.4 step 4: answer a confirmed read once the state machine has reached its index.</summary>
    private void ServeReads()
    {
        var applied = Raft!.Log.Applied;
        _readyReads.RemoveAll(r =>
        {
            if (r.State.Index > applied) return false;
            _ctx.Send(r.From, new ClientReply(r.Command.ClientId, r.Command.Sequence, ReplyStatus.Ok, State.Peek(r.Command.Key)));
            return true;
        });
    }
}
