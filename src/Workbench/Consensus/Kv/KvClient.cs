using System.Globalization;
using Workbench.Consensus.Linearizability;
using Workbench.Simulation;

namespace Workbench.Consensus.Kv;

/// <summary>
/// What a simulated <see cref="KvClient"/> does: the operation mix over a key space, how long it waits
/// for a reply, how often it retries one command, and how long it thinks between commands.
/// </summary>
/// <param name="Keys">Keys are "0" .. Keys-1, drawn uniformly.</param>
/// <param name="GetFraction">Probability an operation is a get.</param>
/// <param name="PutFraction">Probability an operation is a put; the rest are appends.</param>
/// <param name="RequestTimeoutMicros">Wait for a reply before retrying at the next server, µs.</param>
/// <param name="MaxAttempts">Sends of one command (same sequence number) before the client gives up,
/// records it as info (it may still take effect) and moves on.</param>
/// <param name="ThinkMicros">Pause between a completion and the next invocation, uniform in [0, ThinkMicros], µs.</param>
/// <param name="RedirectBackoffMicros">Pause before retrying after a not-leader reply without a leader hint, µs.</param>
/// <param name="Operations">Operations per client; 0 means no limit (run until the simulation stops).</param>
public sealed record KvClientOptions(
    int Keys = 10,
    double GetFraction = 0.5,
    double PutFraction = 0.25,
    long RequestTimeoutMicros = 100_000,
    int MaxAttempts = 10,
    long ThinkMicros = 10_000,
    long RedirectBackoffMicros = 5_000,
    int Operations = 0)
{
    /// <summary>Throws <see cref="ArgumentException"/> naming the first bad setting.</summary>
    public void Validate()
    {
        if (Keys < 1) throw new ArgumentOutOfRangeException(nameof(Keys), Keys, "Keys must be >= 1");
        if (GetFraction is < 0 or > 1) throw new ArgumentOutOfRangeException(nameof(GetFraction), GetFraction, "GetFraction must be in [0, 1]");
        if (PutFraction < 0 || GetFraction + PutFraction > 1) throw new ArgumentOutOfRangeException(nameof(PutFraction), PutFraction, "PutFraction must be >= 0 with GetFraction + PutFraction <= 1");
        if (RequestTimeoutMicros < 1) throw new ArgumentOutOfRangeException(nameof(RequestTimeoutMicros), RequestTimeoutMicros, "RequestTimeoutMicros must be >= 1");
        if (MaxAttempts < 1) throw new ArgumentOutOfRangeException(nameof(MaxAttempts), MaxAttempts, "MaxAttempts must be >= 1");
        if (ThinkMicros < 0) throw new ArgumentOutOfRangeException(nameof(ThinkMicros), ThinkMicros, "ThinkMicros must be >= 0");
        if (RedirectBackoffMicros < 0) throw new ArgumentOutOfRangeException(nameof(RedirectBackoffMicros), RedirectBackoffMicros, "RedirectBackoffMicros must be >= 0");
        if (Operations < 0) throw new ArgumentOutOfRangeException(nameof(Operations), Operations, "Operations must be >= 0");
    }
}

/// <summary>
/// A simulated client of the replicated store (a <see cref="ISimNode"/>). It runs one command at a
/// time, as in the Raft paper §8: it sends the command to the server it believes is the leader; on a
/// not-leader reply it follows the hint (or tries the next server); on a timeout it retries at the next
/// server with the same sequence number, so the servers' session table can drop duplicates. Every
/// command is recorded in the shared <see cref="History"/>: an invocation when first sent, and
/// <c>ok</c> with the result when a reply arrives. A command abandoned after
/// <see cref="KvClientOptions.MaxAttempts"/> sends, or still pending when <see cref="Finish"/> is
/// called, completes as <c>info</c>: it may have taken effect or may yet.
/// </summary>
public sealed class KvClient : ISimNode
{
    private readonly int[] _servers;
    private readonly KvClientOptions _options;
    private readonly History _history;
    private NodeContext _ctx = null!;
    private KvCommand? _pending;
    private int _attempts;
    private int _server;
    private long _timerGeneration;
    private long _sequence;
    private bool _stopped;

    /// <param name="clientId">Session id (distinct per client); also the client number in the history.</param>
    /// <param name="servers">Node ids of the servers, tried in this order after the first random pick.</param>
    /// <param name="options">Workload and retry settings.</param>
    /// <param name="history">Where invocations and completions are recorded (shared by all clients of a run).</param>
    public KvClient(int clientId, IReadOnlyList<int> servers, KvClientOptions options, History history)
    {
        ArgumentNullException.ThrowIfNull(servers);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(history);
        if (servers.Count == 0) throw new ArgumentException("servers must not be empty", nameof(servers));
        options.Validate();
        ClientId = clientId;
        _servers = servers.ToArray();
        _options = options;
        _history = history;
    }

    /// <summary>This client's session id.</summary>
    public int ClientId { get; }

    /// <summary>Commands completed ok.</summary>
    public int Completed { get; private set; }

    /// <summary>Commands abandoned or left pending (recorded as info).</summary>
    public int Unknown { get; private set; }

    /// <summary>Requests sent, retries included.</summary>
    public long RequestsSent { get; private set; }

    /// <summary>Whether the client has run its <see cref="KvClientOptions.Operations"/> (or was finished).</summary>
    public bool Done => _stopped || (_options.Operations > 0 && Completed + Unknown >= _options.Operations && _pending is null);

    /// <inheritdoc/>
    public void Start(NodeContext context)
    {
        _ctx = context;
        _server = _ctx.Random.Below(_servers.Length);
        Wait(_ctx.Random.NextLong(_options.ThinkMicros + 1));
    }

    /// <summary>Ends the run for this client: a pending command is recorded as info at the current time
    /// and no further command is issued.</summary>
    public void Finish()
    {
        if (_pending is not null) GiveUp();
        _stopped = true;
    }

    /// <inheritdoc/>
    public void OnMessage(int from, object message)
    {
        if (message is not ClientReply reply || _pending is null || reply.ClientId != ClientId || reply.Sequence != _pending.Sequence) return;
        if (reply.Status == ReplyStatus.Ok)
        {
            var c = _pending;
            _history.Complete(ClientId, EventType.Ok, Function(c.Op), c.Key, c.Op == KvOp.Get ? reply.Value ?? "" : c.Value, _ctx.Now);
            _pending = null;
            Completed++;
            Wait(_ctx.Random.NextLong(_options.ThinkMicros + 1));
            return;
        }
        int hint = reply.LeaderHint;
        int index = Array.IndexOf(_servers, hint);
        if (index >= 0 && hint != from)
        {
            _server = index;
            SendPending();
        }
        else
        {
            _server = (_server + 1) % _servers.Length;
            Wait(_options.RedirectBackoffMicros);
        }
    }

    /// <inheritdoc/>
    public void OnTimer(long tag)
    {
        if (tag != _timerGeneration || _stopped) return;
        if (_pending is null)
        {
            Issue();
        }
        else if (_attempts >= _options.MaxAttempts)
        {
            GiveUp();
            Wait(_ctx.Random.NextLong(_options.ThinkMicros + 1));
        }
        else
        {
            if (_ctx.Now - _sentAt >= _options.RequestTimeoutMicros) _server = (_server + 1) % _servers.Length;
            SendPending();
        }
    }

    /// <inheritdoc/>
    public void OnCrash()
    {
        if (_pending is not null) GiveUp();
        _stopped = true;
    }

    private long _sentAt;

    private void Issue()
    {
        if (Done) return;
        ref var r = ref _ctx.Random;
        double u = r.NextDouble();
        var op = u < _options.GetFraction ? KvOp.Get : u < _options.GetFraction + _options.PutFraction ? KvOp.Put : KvOp.Append;
        string key = r.Below(_options.Keys).ToString(CultureInfo.InvariantCulture);
        long seq = ++_sequence;
        string? value = op == KvOp.Get ? null : $"x {ClientId} {seq} y";
        _pending = new KvCommand(ClientId, seq, op, key, value);
        _attempts = 0;
        _history.Invoke(ClientId, Function(op), key, value, _ctx.Now);
        SendPending();
    }

    private void SendPending()
    {
        _attempts++;
        RequestsSent++;
        _sentAt = _ctx.Now;
        _ctx.Send(_servers[_server], new ClientRequest(_pending!));
        Wait(_options.RequestTimeoutMicros);
    }

    private void GiveUp()
    {
        var c = _pending!;
        _history.Complete(ClientId, EventType.Info, Function(c.Op), c.Key, c.Value, _ctx.Now);
        _pending = null;
        Unknown++;
    }

    private void Wait(long micros) => _ctx.SetTimer(micros, ++_timerGeneration);

    private static OpFunction Function(KvOp op) => op switch
    {
        KvOp.Get => OpFunction.Get,
        KvOp.Put => OpFunction.Put,
        _ => OpFunction.Append,
    };
}
