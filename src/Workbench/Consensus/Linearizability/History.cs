namespace Workbench.Consensus.Linearizability;

/// <summary>
/// A concurrent history: events in real-time order, as a client library records them. Pair them into
/// <see cref="Operation"/>s with <see cref="ToOperations"/>; read and write files with
/// <see cref="HistoryFormats"/>. Not thread-safe (the simulator is single-threaded).
/// </summary>
public sealed class History
{
    private readonly List<HistoryEvent> _events = [];
    private readonly List<int> _lines = [];

    /// <summary>An empty history.</summary>
    public History() { }

    /// <summary>A history of <paramref name="events"/>, in order.</summary>
    public History(IEnumerable<HistoryEvent> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        foreach (var e in events) Add(e);
    }

    /// <summary>Where the history came from (a file name), used in error messages.</summary>
    public string Source { get; init; } = "history";

    /// <summary>The events in order.</summary>
    public IReadOnlyList<HistoryEvent> Events => _events;

    /// <summary>Number of events.</summary>
    public int Count => _events.Count;

    /// <summary>Appends an event; times must not decrease.</summary>
    public void Add(HistoryEvent e) => Add(e, _events.Count + 1);

    internal void Add(HistoryEvent e, int line)
    {
        ArgumentNullException.ThrowIfNull(e);
        if (_events.Count > 0 && e.Time < _events[^1].Time)
            throw new FormatException($"{Source}:{line}: time {e.Time} is before the previous event's time {_events[^1].Time}");
        _events.Add(e);
        _lines.Add(line);
    }

    /// <summary>Records an invocation.</summary>
    public void Invoke(int client, OpFunction f, string? key, string? value, long time) => Add(new HistoryEvent(client, EventType.Invoke, f, key, value, time));

    /// <summary>Records a completion.</summary>
    public void Complete(int client, EventType type, OpFunction f, string? key, string? value, long time)
    {
        if (type == EventType.Invoke) throw new ArgumentException("type must be a completion (ok, fail or info)", nameof(type));
        Add(new HistoryEvent(client, type, f, key, value, time));
    }

    /// <summary>
    /// Pairs each invocation with its client's next completion. An <c>ok</c> completion gives the
    /// operation's result and return time; a <c>fail</c> removes it (it did not happen); an <c>info</c>,
    /// or no completion at all by the end, makes it <see cref="Operation.Unknown"/>: it returns at
    /// infinity and may or may not have taken effect. A client may invoke again after an info
    /// completion. Throws <see cref="FormatException"/> (naming source and line) for a completion without
    /// an invocation, a second invocation while one is pending, or a completion whose function or key
    /// differs from its invocation's.
    /// </summary>
    public List<Operation> ToOperations()
    {
        var ops = new List<Operation>();
        var pending = new Dictionary<int, (HistoryEvent Invoke, int Line)>();
        var slot = new Dictionary<int, int>();
        for (int i = 0; i < _events.Count; i++)
        {
            var e = _events[i];
            int line = _lines[i];
            if (e.Type == EventType.Invoke)
            {
                if (pending.TryGetValue(e.Client, out var open))
                    throw new FormatException($"{Source}:{line}: client {e.Client} invokes {HistoryEvent.Name(e.Function)} while its {HistoryEvent.Name(open.Invoke.Function)} from line {open.Line} is pending");
                pending[e.Client] = (e, line);
                slot[e.Client] = ops.Count;
                ops.Add(new Operation(e.Client, e.Function, e.Key, e.Value, null, e.Time, long.MaxValue, true));
                continue;
            }
            if (!pending.Remove(e.Client, out var inv))
                throw new FormatException($"{Source}:{line}: client {e.Client} completes ({HistoryEvent.Name(e.Type)}) with no pending invocation");
            if (inv.Invoke.Function != e.Function || inv.Invoke.Key != e.Key)
                throw new FormatException($"{Source}:{line}: client {e.Client} completes {HistoryEvent.Name(e.Function)} {e.Key} but invoked {HistoryEvent.Name(inv.Invoke.Function)} {inv.Invoke.Key} on line {inv.Line}");
            int at = slot[e.Client];
            switch (e.Type)
            {
                case EventType.Ok:
                    ops[at] = ops[at] with { Output = e.Value, Return = e.Time, Unknown = false };
                    break;
                case EventType.Fail:
                    ops[at] = null!;
                    break;
                // Info: stays unknown, returning at infinity.
            }
        }
        ops.RemoveAll(o => o is null);
        return ops;
    }
}

/// <summary>
/// One operation of a history: who, what, on which key, its argument and result, and the real-time
/// interval [<paramref name="Invoke"/>, <paramref name="Return"/>] in which it must take effect.
/// <paramref name="Unknown"/> operations (info or never completed) return at <see cref="long.MaxValue"/>
/// and have no known output.
/// </summary>
public sealed record Operation(int Client, OpFunction Function, string? Key, string? Input, string? Output, long Invoke, long Return, bool Unknown);
