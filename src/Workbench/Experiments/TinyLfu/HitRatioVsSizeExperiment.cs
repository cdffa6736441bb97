using Workbench.Caching;

namespace Workbench.Experiments.TinyLfu;

/// <summary>Parameters of <c>tinylfu/hit-ratio-vs-size</c>.</summary>
/// <param name="Traces">Trace files (relative to the shared trace folder, see <see cref="TraceCatalog"/>) or <c>synthetic:</c> workloads.</param>
/// <param name="Policies">Policy registry names (see <see cref="CachePolicies.Names"/>).</param>
/// <param name="SizeFractions">Cache sizes as fractions of each trace's distinct keys; the sizes of published values are added.</param>
/// <param name="Parallelism">Replays run at once (results do not depend on it).</param>
public sealed record HitRatioVsSizeParameters(string[] Traces, string[] Policies, double[] SizeFractions, int Parallelism) : IExperimentParameters
{
    public IEnumerable<string> Validate()
    {
        if (Traces.Length == 0) yield return "traces must list at least one trace";
        foreach (var e in Check.OneOf("policies", Policies, [.. CachePolicies.Names])) yield return e;
        if (SizeFractions.Length == 0) yield return "size_fractions must list at least one value";
        foreach (var f in SizeFractions)
        {
            if (!(f > 0 && f <= 1)) { yield return $"size_fractions values must be in (0, 1] (got {f})"; break; }
        }
        foreach (var e in Check.InRange("parallelism", Parallelism, 1, 64)) yield return e;
    }

    public override string ToString() => $"traces={ParameterBinder.Format(Traces)}, policies={ParameterBinder.Format(Policies)}, size_fractions={ParameterBinder.Format(SizeFractions)}, parallelism={Parallelism}";
}

/// <summary>
/// <c>tinylfu/hit-ratio-vs-size</c>: hit ratio against cache size on real traces and on Zipf, for
/// every policy in the registry, with Belady's optimum (<c>opt</c>) as the ceiling and BitFaster's
/// W-TinyLFU (<c>bitfaster-lfu</c>) as the peer. Einziger, Friedman &amp; Manes (ACM TOS 2017),
/// section 5, compare W-TinyLFU with LRU, ARC, LIRS and others this way on the ARC, LIRS and
/// other traces and claim that it is at or near the best on every one. Each trace is loaded once and
/// replayed once per (policy, size); replays run in parallel into fixed slots, so the table does not
/// depend on <see cref="HitRatioVsSizeParameters.Parallelism"/>. Where the ARC paper printed a value
/// (OLTP: LRU and ARC at 1,000, 2,000 and 15,000 entries) it is in <c>published_hit_ratio</c>.
/// </summary>
public sealed class HitRatioVsSizeExperiment : Experiment<HitRatioVsSizeParameters>
{
    /// <summary>The Zipf workload of the default run.</summary>
    public const string DefaultZipf = "synthetic:zipf?keys=100000&s=0.9&requests=1000000&seed=1";

    /// <summary>The smallest cache size replayed, in entries.</summary>
    public const int MinCapacity = 10;

    public override string Id => "tinylfu/hit-ratio-vs-size";
    public override string Title => "Hit ratio against cache size, per trace and policy";

    public override HitRatioVsSizeParameters Defaults { get; } = new(
        [.. TraceCatalog.SharedTraces, DefaultZipf], [.. CachePolicies.Names], [0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.4], 2);

    public override HitRatioVsSizeParameters Quick { get; } = new(
        ["lirs/ps.trace.gz", "cache2k/web07.trace.xz", "synthetic:zipf?keys=10000&s=0.9&requests=100000&seed=1"],
        [.. CachePolicies.Names], [0.01, 0.05, 0.2], 2);

    /// <summary>The capacities replayed on a trace with <paramref name="distinct"/> keys: the fractions, at least 10 entries each (BitFaster's ConcurrentLfu fails below 5), plus published sizes.</summary>
    public static int[] Capacities(IEnumerable<double> fractions, long distinct, string label) =>
        fractions.Select(f => CapacityFor(f, distinct))
            .Concat(TraceCatalog.Published.Keys.Where(k => k.Trace == label).Select(k => k.Capacity))
            .Distinct().Order().ToArray();

    /// <summary>The cache size for a fraction of a trace's <paramref name="distinct"/> keys: at least <see cref="MinCapacity"/> entries.</summary>
    public static int CapacityFor(double fraction, long distinct) => (int)Math.Max(MinCapacity, Math.Round(fraction * distinct));

    protected override ResultTable Execute(HitRatioVsSizeParameters p, int seed, IProgress<ExperimentProgress>? progress, CancellationToken cancellation)
    {
        var (labels, traces, distinctKeys) = TraceCatalog.LoadAll(p.Traces, progress, cancellation);
        var jobs = new List<(int Trace, string Policy, int Capacity, long Distinct)>();
        for (int t = 0; t < traces.Length; t++)
        {
            long distinct = distinctKeys[t];
            foreach (var policy in p.Policies)
            {
                foreach (var capacity in Capacities(p.SizeFractions, distinct, labels[t])) jobs.Add((t, policy, capacity, distinct));
            }
        }
        // Longest replays first, so the two cores finish together.
        var order = Enumerable.Range(0, jobs.Count).OrderByDescending(i => traces[jobs[i].Trace].Length).ThenBy(i => i).ToArray();
        var results = new CacheReplayResult[jobs.Count];
        int done = 0;
        Parallel.ForEach(order, new ParallelOptions { MaxDegreeOfParallelism = p.Parallelism, CancellationToken = cancellation }, i =>
        {
            var (t, policy, capacity, _) = jobs[i];
            results[i] = CacheSimulator.Replay(CachePolicies.Create(policy, capacity, seed), traces[t], cancellation: cancellation);
            int now = Interlocked.Increment(ref done);
            progress?.Report(new ExperimentProgress(now, jobs.Count, $"{labels[t]}: {policy} @ {capacity}"));
        });

        var table = new ResultTable("trace", "policy", "capacity", "distinct_keys", "requests", "hits", "hit_ratio", "published_hit_ratio");
        for (int i = 0; i < jobs.Count; i++)
        {
            var (t, policy, capacity, distinct) = jobs[i];
            var r = results[i];
            double published = TraceCatalog.Published.TryGetValue((labels[t], policy, capacity), out var v) ? v : double.NaN;
            table.AddRow(labels[t], policy, capacity, distinct, r.Requests, r.Hits, r.HitRatio, published);
        }
        return table;
    }

    public override IReadOnlyList<FigureSpec> Figures(HitRatioVsSizeParameters p) =>
        [.. TraceCatalog.Labels(p.Traces).Select(label => new FigureSpec(
            $"hit-ratio-vs-size-{label}",
            $"Hit ratio against cache size, {label}",
            new AxisSpec("capacity", "cache size (entries)", Log: true),
            new AxisSpec("hit_ratio", "hit ratio (hits / requests)"),
            [
                new SeriesSpec("hit_ratio", "measured"),
                new SeriesSpec("published_hit_ratio", "published (ARC paper)", SeriesStyle.Published),
            ],
            GroupBy: "policy",
            Where: new RowFilter("trace", label)))];
}
