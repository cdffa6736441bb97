using Workbench.Caching;
using Workbench.Traces;

namespace Workbench.Experiments.TinyLfu;

/// <summary>Parameters of <c>tinylfu/adaptivity</c>.</summary>
/// <param name="Trace">A phase-changing workload (a <c>synthetic:</c> specification with phases, or a trace file).</param>
/// <param name="Policies">Policy registry names.</param>
/// <param name="Capacity">Cache size in entries.</param>
/// <param name="Window">Requests per point: the hit ratio is measured over consecutive windows of this many requests.</param>
public sealed record AdaptivityParameters(string Trace, string[] Policies, int Capacity, int Window) : IExperimentParameters
{
    public IEnumerable<string> Validate() =>
        (string.IsNullOrWhiteSpace(Trace) ? ["trace must name a trace or synthetic workload"] : Array.Empty<string>())
            .Concat(Check.OneOf("policies", Policies, [.. CachePolicies.Names]))
            .Concat(Check.InRange("capacity", Capacity, 3, int.MaxValue))
            .Concat(Check.Positive("window", Window));

    public override string ToString() => $"trace={Trace}, policies={ParameterBinder.Format(Policies)}, capacity={Capacity}, window={Window}";
}

/// <summary>
/// <c>tinylfu/adaptivity</c>: hit ratio over time on a workload whose character changes, Zipf
/// (frequency wins), then a loop over fresh keys that fit the cache (recency wins: LRU holds it
/// whole, while a frequency filter must first learn that the new keys are hot), then the first
/// Zipf again. It compares W-TinyLFU with its fixed 1% window (<c>wtinylfu</c>, Einziger, Friedman
/// &amp; Manes, ACM TOS 2017, section 4) with the hill-climbing window of Caffeine
/// (<c>wtinylfu-adaptive</c>, the paper's follow-up "Adaptive Software Cache Management",
/// Middleware 2018), and LRU. Vertical lines mark the phase boundaries of a synthetic trace.
/// </summary>
public sealed class AdaptivityExperiment : Experiment<AdaptivityParameters>
{
    public const string DefaultTrace =
        "synthetic:zipf?keys=100000&s=0.9&requests=400000&seed=1+loop?keys=8000&requests=400000&offset=1000000+zipf?keys=100000&s=0.9&requests=400000&seed=1";

    public override string Id => "tinylfu/adaptivity";
    public override string Title => "Hit ratio over time on a phase-changing workload";

    public override AdaptivityParameters Defaults { get; } = new(DefaultTrace, ["lru", "wtinylfu", "wtinylfu-adaptive"], 10_000, 20_000);

    public override AdaptivityParameters Quick { get; } = new(
        "synthetic:zipf?keys=10000&s=0.9&requests=40000&seed=1+loop?keys=800&requests=40000&offset=1000000+zipf?keys=10000&s=0.9&requests=40000&seed=1",
        ["lru", "wtinylfu", "wtinylfu-adaptive"], 1_000, 2_000);

    protected override ResultTable Execute(AdaptivityParameters p, int seed, IProgress<ExperimentProgress>? progress, CancellationToken cancellation)
    {
        var keys = TraceSource.Load(TraceCatalog.Resolve(p.Trace, "trace"));
        var table = new ResultTable("policy", "window", "requests_end", "requests", "hits", "hit_ratio");
        long done = 0, total = (long)keys.Length * p.Policies.Length;
        foreach (var name in p.Policies)
        {
            var policy = CachePolicies.Create(name, p.Capacity, seed);
            if (policy is IOfflinePolicy offline) offline.Prepare(keys);
            int window = 0;
            for (int start = 0; start < keys.Length; start += p.Window)
            {
                cancellation.ThrowIfCancellationRequested();
                int end = (int)Math.Min(keys.Length, (long)start + p.Window);
                long hits = 0;
                for (int i = start; i < end; i++)
                {
                    if (policy.Access(keys[i])) hits++;
                }
                table.AddRow(name, window++, (long)end, (long)(end - start), hits, (double)hits / (end - start));
                done += end - start;
                progress?.Report(new ExperimentProgress(done, total, $"{name}, request {end:N0}"));
            }
        }
        return table;
    }

    /// <summary>Where each phase after the first starts, in requests, for a synthetic trace; none for a file.</summary>
    public static IReadOnlyList<MarkerLine> PhaseBoundaries(string trace)
    {
        if (!SyntheticTrace.IsSynthetic(trace)) return [];
        var phases = SyntheticTrace.Parse(trace).Phases;
        var lines = new List<MarkerLine>();
        long at = 0;
        for (int i = 0; i < phases.Count - 1; i++)
        {
            at += phases[i].Requests;
            lines.Add(new MarkerLine(at, $"{Kind(phases[i + 1])} starts"));
        }
        return lines;

        static string Kind(SyntheticPhase phase) => phase switch { ZipfPhase => "zipf", LoopPhase => "loop", _ => "scan" };
    }

    public override IReadOnlyList<FigureSpec> Figures(AdaptivityParameters p) =>
    [
        new FigureSpec(
            "adaptivity",
            $"Hit ratio over time, {TraceCatalog.Label(p.Trace)}, {p.Capacity:N0} entries, windows of {p.Window:N0} requests",
            new AxisSpec("requests_end", "requests replayed"),
            new AxisSpec("hit_ratio", "hit ratio in the window (hits / requests)"),
            [new SeriesSpec("hit_ratio", "measured")],
            GroupBy: "policy",
            Markers: PhaseBoundaries(p.Trace)),
    ];
}
