namespace Workbench.Consensus.Kv;

/// <summary>The key-value operations of the replicated store.</summary>
public enum KvOp : byte
{
    /// <summary>Reads a key ("" when absent).</summary>
    Get,
    /// <summary>Sets a key to a value.</summary>
    Put,
    /// <summary>Appends a value to a key's value (to "" when absent).</summary>
    Append,
}

/// <summary>
/// A command for the replicated state machine, as it sits in the log: the client's session id and
/// the command's serial number (Ongaro's thesis §6.3: "clients assign unique serial numbers to every
/// command"), the operation, key and argument (<see langword="null"/> for a get).
/// </summary>
public sealed record KvCommand(long ClientId, long Sequence, KvOp Op, string Key, string? Value)
{
    /// <summary>"put k v (client 3 #7)".</summary>
    public override string ToString() => Value is null ? $"{Op.ToString().ToLowerInvariant()} {Key} (client {ClientId} #{Sequence})" : $"{Op.ToString().ToLowerInvariant()} {Key} {Value} (client {ClientId} #{Sequence})";
}
