namespace Workbench.Caching;

/// <summary>
/// A cache replacement (and admission) policy over integer keys, replayed one request at a time.
/// Capacity is counted in entries (all entries have unit size, as in the traces of the ARC, LIRS
/// and TinyLFU papers). Implementations are deterministic: the same capacity, seed and request
/// sequence give the same hit/miss sequence.
/// </summary>
public interface ICachePolicy
{
    /// <summary>The policy's registry name (see <see cref="CachePolicies.Names"/>).</summary>
    string Name { get; }

    /// <summary>The most entries the cache holds at once (at least 1).</summary>
    int Capacity { get; }

    /// <summary>
    /// One request for <paramref name="key"/>. Returns true on a hit (the key was resident). On a
    /// miss the policy decides whether to admit the key and which resident to evict; after the call
    /// at most <see cref="Capacity"/> keys are resident. Must not allocate per request in the
    /// policies used for throughput.
    /// </summary>
    bool Access(long key);
}

/// <summary>
/// A policy that must see the whole trace before replay (Belady's clairvoyant optimum).
/// <see cref="CacheSimulator.Replay"/> calls <see cref="Prepare"/> with the trace it then replays;
/// replaying a different sequence afterwards gives meaningless results.
/// </summary>
public interface IOfflinePolicy : ICachePolicy
{
    /// <summary>Reads the future: the exact sequence of keys <see cref="ICachePolicy.Access"/> will then receive.</summary>
    void Prepare(ReadOnlySpan<long> trace);
}
