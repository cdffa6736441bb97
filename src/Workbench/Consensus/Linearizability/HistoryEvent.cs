namespace Workbench.Consensus.Linearizability;

/// <summary>The kind of a history event, as in Jepsen: an invocation or one of three completions.</summary>
public enum EventType
{
    /// <summary>The client issued the operation.</summary>
    Invoke,
    /// <summary>The operation completed and took effect; the event's value is its result.</summary>
    Ok,
    /// <summary>The operation definitely did not take effect.</summary>
    Fail,
    /// <summary>The outcome is unknown: the operation may or may not have taken effect, at any time after its invocation.</summary>
    Info,
}

/// <summary>The operation of an event: register functions (read, write, compare-and-set) or key-value
/// functions (get, put, append).</summary>
public enum OpFunction
{
    /// <summary>Register read; the ok value is the value read (<see langword="null"/> for nil).</summary>
    Read,
    /// <summary>Register write of the invoke value.</summary>
    Write,
    /// <summary>Register compare-and-set; the value is "old new" (Jepsen's <c>[old new]</c>).</summary>
    Cas,
    /// <summary>Key-value get; the ok value is the key's value ("" when absent).</summary>
    Get,
    /// <summary>Key-value put: sets the key to the invoke value.</summary>
    Put,
    /// <summary>Key-value append: appends the invoke value to the key's value.</summary>
    Append,
}

/// <summary>
/// One line of a concurrent history: client (Jepsen's process), event type, function, key (null for a
/// single register), value (on an invocation the argument, on an ok completion the result) and time
/// (virtual microseconds for simulated runs; the line index for recorded logs without times).
/// </summary>
public sealed record HistoryEvent(int Client, EventType Type, OpFunction Function, string? Key, string? Value, long Time)
{
    /// <summary>The lower-case name used in every history format (<c>get</c>, <c>cas</c>, ...).</summary>
    public static string Name(OpFunction f) => f switch
    {
        OpFunction.Read => "read",
        OpFunction.Write => "write",
        OpFunction.Cas => "cas",
        OpFunction.Get => "get",
        OpFunction.Put => "put",
        _ => "append",
    };

    /// <summary>The lower-case name of an event type (<c>invoke</c>, <c>ok</c>, <c>fail</c>, <c>info</c>).</summary>
    public static string Name(EventType t) => t switch
    {
        EventType.Invoke => "invoke",
        EventType.Ok => "ok",
        EventType.Fail => "fail",
        _ => "info",
    };

    /// <summary>Parses a function name (case-insensitive); null when unknown.</summary>
    public static OpFunction? ParseFunction(string name) => name.ToLowerInvariant() switch
    {
        "read" => OpFunction.Read,
        "write" => OpFunction.Write,
        "cas" => OpFunction.Cas,
        "get" => OpFunction.Get,
        "put" => OpFunction.Put,
        "append" => OpFunction.Append,
        _ => null,
    };

    /// <summary>Parses an event type name (case-insensitive); null when unknown.</summary>
    public static EventType? ParseType(string name) => name.ToLowerInvariant() switch
    {
        "invoke" => EventType.Invoke,
        "ok" => EventType.Ok,
        "fail" => EventType.Fail,
        "info" => EventType.Info,
        _ => null,
    };
}
