using Workbench.Experiments;

namespace Workbench.Caching;

/// <summary>
/// Trace-driven cache simulation: the trace is held in memory as a <c>long[]</c> (or any span) and
/// each request costs one interface call to <see cref="ICachePolicy.Access"/>, so the simulator's own
/// overhead is a loop counter. Counts hits only; the caller computes whatever else it needs from
/// <see cref="CacheReplayResult"/>.
/// </summary>
public static class CacheSimulator
{
    /// <summary>Requests between two progress reports and cancellation checks.</summary>
    private const int Chunk = 1 << 16;

    /// <summary>
    /// Replays <paramref name="trace"/> through <paramref name="policy"/> from its current state
    /// (normally a freshly created policy). An <see cref="IOfflinePolicy"/> is first given the trace
    /// with <see cref="IOfflinePolicy.Prepare"/>. Progress is reported every 65,536 requests and at
    /// the end; cancellation is checked at the same points and throws
    /// <see cref="OperationCanceledException"/>.
    /// </summary>
    public static CacheReplayResult Replay(
        ICachePolicy policy,
        ReadOnlySpan<long> trace,
        IProgress<ExperimentProgress>? progress = null,
        CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(policy);
        if (policy is IOfflinePolicy offline) offline.Prepare(trace);
        string stage = $"{policy.Name} @ {policy.Capacity}";
        long hits = 0;
        for (int start = 0; start < trace.Length; start += Chunk)
        {
            cancellation.ThrowIfCancellationRequested();
            ReadOnlySpan<long> chunk = trace.Slice(start, Math.Min(Chunk, trace.Length - start));
            for (int i = 0; i < chunk.Length; i++)
            {
                if (policy.Access(chunk[i])) hits++;
            }
            progress?.Report(new ExperimentProgress(start + chunk.Length, trace.Length, stage));
        }
        if (trace.Length == 0) progress?.Report(new ExperimentProgress(0, 0, stage));
        return new CacheReplayResult(policy.Name, policy.Capacity, trace.Length, hits);
    }
}
