namespace Workbench.Caching;

/// <summary>The outcome of replaying a trace through one policy at one capacity.</summary>
/// <param name="Policy">The policy's registry name.</param>
/// <param name="Capacity">Cache size in entries.</param>
/// <param name="Requests">Requests replayed.</param>
/// <param name="Hits">Requests that found their key resident.</param>
public sealed record CacheReplayResult(string Policy, int Capacity, long Requests, long Hits)
{
    /// <summary>Requests that missed: <c>Requests - Hits</c>.</summary>
    public long Misses => Requests - Hits;

    /// <summary>Hits divided by requests, in [0, 1]; 0 for an empty trace.</summary>
    public double HitRatio => Requests == 0 ? 0 : (double)Hits / Requests;
}
