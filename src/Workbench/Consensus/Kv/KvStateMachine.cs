namespace Workbench.Consensus.Kv;

/// <summary>
/// The replicated key-value state machine: a map of string keys to string values with get, put and
/// append, plus the client session table of Ongaro's thesis §6.3 ("Implementing linearizable
/// semantics"): for each client, the serial number of the last command applied and its response.
/// A command whose serial number is not above its client's last applied one is a retry: it is not
/// executed again, and its response is the recorded one (or, for an older serial number than the
/// last, the client has already moved on and the reply is discarded by it anyway).
/// </summary>
/// <remarks>
/// Deterministic: applying the same commands in the same order yields the same state on every
/// replica, which is what state machine replication needs. Sessions never expire here (the thesis
/// expires them by a deterministic rule agreed through the log; the simulations are short).
/// </remarks>
public sealed class KvStateMachine
{
    private readonly Dictionary<string, string> _data;
    private readonly Dictionary<long, (long Sequence, string? Response)> _sessions;

    /// <summary>An empty store.</summary>
    public KvStateMachine()
    {
        _data = new Dictionary<string, string>(StringComparer.Ordinal);
        _sessions = [];
    }

    private KvStateMachine(KvStateMachine other)
    {
        _data = new Dictionary<string, string>(other._data, StringComparer.Ordinal);
        _sessions = new Dictionary<long, (long, string?)>(other._sessions);
        Applied = other.Applied;
        Duplicates = other.Duplicates;
    }

    /// <summary>Commands executed (not counting deduplicated retries).</summary>
    public long Applied { get; private set; }

    /// <summary>Retried commands answered from the session table without executing them.</summary>
    public long Duplicates { get; private set; }

    /// <summary>Number of keys with a value.</summary>
    public int Keys => _data.Count;

    /// <summary>The value of <paramref name="key"/> ("" when absent), without going through the log
    /// (for tests and invariant checks, not for serving clients).</summary>
    public string Peek(string key) => _data.GetValueOrDefault(key, "");

    /// <summary>Applies a committed command and returns its response: the value for a get ("" when
    /// absent), null for put and append. A retry (sequence not above the client's last) is not executed;
    /// it returns the last response recorded for that client.</summary>
    public string? Apply(KvCommand command)
    {
        ArgumentNullException.ThrowIfNull(command);
        if (_sessions.TryGetValue(command.ClientId, out var session) && command.Sequence <= session.Sequence)
        {
            Duplicates++;
            return session.Response;
        }
        string? response = Execute(command);
        _sessions[command.ClientId] = (command.Sequence, response);
        Applied++;
        return response;
    }

    /// <summary>Whether the command (client, sequence) has already been applied, so a server can answer a
    /// retry at once.</summary>
    public bool TryGetApplied(long clientId, long sequence, out string? response)
    {
        if (_sessions.TryGetValue(clientId, out var s) && s.Sequence == sequence)
        {
            response = s.Response;
            return true;
        }
        response = null;
        return false;
    }

    /// <summary>A deep copy (a snapshot, for log compaction or for a replica that restarts from one).</summary>
    public KvStateMachine Clone() => new(this);

    /// <summary>The contents as sorted (key, value) pairs, to compare replicas.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Contents() =>
        _data.OrderBy(kv => kv.Key, StringComparer.Ordinal).ToList();

    private string? Execute(KvCommand c)
    {
        switch (c.Op)
        {
            case KvOp.Get:
                return _data.GetValueOrDefault(c.Key, "");
            case KvOp.Put:
                _data[c.Key] = c.Value ?? "";
                return null;
            case KvOp.Append:
                _data[c.Key] = _data.GetValueOrDefault(c.Key, "") + (c.Value ?? "");
                return null;
            default:
                throw new ArgumentOutOfRangeException(nameof(c), c.Op, "unknown operation");
        }
    }
}
