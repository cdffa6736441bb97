using System.Globalization;
using MathNet.Numerics.Distributions;
using Workbench.Caching;
using Workbench.Statistics;

namespace Workbench.Experiments.TinyLfu;

/// <summary>Parameters of <c>tinylfu/peer-seeds</c>.</summary>
/// <param name="Traces">Trace files (relative to the shared trace folder, see <see cref="TraceCatalog"/>) or <c>synthetic:</c> workloads.</param>
/// <param name="Policy">Our policy compared with the peer: <c>wtinylfu-adaptive</c> (the like-for-like design) or <c>wtinylfu</c>.</param>
/// <param name="SizeFractions">Cache sizes as fractions of each trace's distinct keys, as in <c>tinylfu/hit-ratio-vs-size</c>; the sizes of published values are added.</param>
/// <param name="Seeds">Hash seeds per implementation and point: the run's seed, seed + 1, and so on.</param>
/// <param name="BarPoints">The allowed shortfall in percentage points (the issue's 0.3).</param>
/// <param name="Parallelism">Replays run at once (results do not depend on it).</param>
public sealed record PeerSeedsParameters(string[] Traces, string Policy, double[] SizeFractions, int Seeds, double BarPoints, int Parallelism) : IExperimentParameters
{
    public IEnumerable<string> Validate()
    {
        if (Traces.Length == 0) yield return "traces must list at least one trace";
        foreach (var e in Check.OneOf("policy", [Policy], PeerSeedsExperiment.OurPolicies)) yield return e;
        if (SizeFractions.Length == 0) yield return "size_fractions must list at least one value";
        foreach (var f in SizeFractions)
        {
            if (!(f > 0 && f <= 1)) { yield return $"size_fractions values must be in (0, 1] (got {f})"; break; }
        }
        foreach (var e in Check.InRange("seeds", Seeds, 2, 10_000)) yield return e;
        if (!(BarPoints >= 0 && BarPoints < 100)) yield return $"bar_points must be in [0, 100) (got {BarPoints})";
        foreach (var e in Check.InRange("parallelism", Parallelism, 1, 64)) yield return e;
    }

    public override string ToString() =>
        $"traces={ParameterBinder.Format(Traces)}, policy={Policy}, size_fractions={ParameterBinder.Format(SizeFractions)}, seeds={Seeds}, bar_points={BarPoints.ToString(CultureInfo.InvariantCulture)}, parallelism={Parallelism}";
}

/// <summary>
/// <c>tinylfu/peer-seeds</c>: how far our W-TinyLFU is from BitFaster.Caching's <c>ConcurrentLfu</c>
/// once the hash is taken out of the comparison. Both implementations are the same design (Caffeine's
/// sketch, window, segmented main region and hill climber), so at one (trace, size) point their hit
/// ratios differ through which keys share sketch counters, that is through the hash, and through
/// BitFaster's read and write buffers. One replay per implementation, as in
/// <c>tinylfu/hit-ratio-vs-size</c>, draws one sample of the first; in a cache of a few dozen entries
/// it moves the hit ratio by points. Here each implementation is replayed with
/// <see cref="PeerSeedsParameters.Seeds"/> hash seeds (ours through its sketch's seed, BitFaster's
/// through a <see cref="SeededKeyComparer"/>), and each point reports both means and spreads, the mean
/// gap (ours − BitFaster's, in percentage points) with its 95% Welch confidence interval, BitFaster's
/// production (unseeded) hit ratio, and a verdict against the bar of
/// <see cref="PeerSeedsParameters.BarPoints"/>: <c>within</c> (mean gap no more than the bar below
/// zero), <c>below, within noise</c> (mean gap below −bar but the interval reaches it) or
/// <c>below</c> (the whole interval below −bar: a shortfall the seeds cannot explain).
/// </summary>
public sealed class PeerSeedsExperiment : Experiment<PeerSeedsParameters>
{
    /// <summary>Our policies that can stand against the peer.</summary>
    public static readonly string[] OurPolicies = ["wtinylfu-adaptive", "wtinylfu"];

    private const string PublishedSize = "ARC sizes";

    public const string Within = "within", BelowWithinNoise = "below, within noise", Below = "below";

    public override string Id => "tinylfu/peer-seeds";
    public override string Title => "W-TinyLFU against BitFaster's ConcurrentLfu over hash seeds";

    public override PeerSeedsParameters Defaults { get; } = new(
        [.. TraceCatalog.SharedTraces, HitRatioVsSizeExperiment.DefaultZipf], "wtinylfu-adaptive", [0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.4], 40, 0.3, 2);

    public override PeerSeedsParameters Quick { get; } = new(
        ["lirs/ps.trace.gz", "synthetic:zipf?keys=10000&s=0.9&requests=100000&seed=1"], "wtinylfu-adaptive", [0.01, 0.1], 6, 0.3, 2);

    protected override ResultTable Execute(PeerSeedsParameters p, int seed, IProgress<ExperimentProgress>? progress, CancellationToken cancellation)
    {
        var (labels, traces, distinctKeys) = TraceCatalog.LoadAll(p.Traces, progress, cancellation);
        var points = new List<(int Trace, int Capacity, long Distinct, string Size)>();
        for (int t = 0; t < traces.Length; t++)
        {
            long distinct = distinctKeys[t];
            foreach (int capacity in HitRatioVsSizeExperiment.Capacities(p.SizeFractions, distinct, labels[t]))
            {
                // The size's name in the figure: the smallest fraction that gives it (as a percentage), or "ARC sizes" for the ARC paper's.
                var fractions = p.SizeFractions.Where(f => HitRatioVsSizeExperiment.CapacityFor(f, distinct) == capacity).ToArray();
                points.Add((t, capacity, distinct, fractions.Length > 0 ? SizeLabel(fractions.Min()) : PublishedSize));
            }
        }
        // The ARC paper's sizes last, so that the figure's legend lists the fractions first.
        points = [.. points.OrderBy(q => q.Size == PublishedSize).ThenBy(q => q.Trace).ThenBy(q => q.Capacity)];

        // Job j of point k: replicates 0..Seeds-1 of ours, then of the peer, then the peer unseeded.
        int perPoint = 2 * p.Seeds + 1;
        var ratios = new double[points.Count * perPoint];
        var order = Enumerable.Range(0, ratios.Length).OrderByDescending(i => traces[points[i / perPoint].Trace].Length).ThenBy(i => i).ToArray();
        int done = 0;
        Parallel.ForEach(order, new ParallelOptions { MaxDegreeOfParallelism = p.Parallelism, CancellationToken = cancellation }, i =>
        {
            var (t, capacity, _, _) = points[i / perPoint];
            int j = i % perPoint;
            ICachePolicy policy = j < p.Seeds ? CachePolicies.Create(p.Policy, capacity, seed + j)
                : j < 2 * p.Seeds ? new BitFasterLfuPolicy(capacity, hashSeed: seed + (j - p.Seeds))
                : new BitFasterLfuPolicy(capacity);
            ratios[i] = CacheSimulator.Replay(policy, traces[t], cancellation: cancellation).HitRatio;
            int now = Interlocked.Increment(ref done);
            if (now % 64 == 0 || now == ratios.Length) progress?.Report(new ExperimentProgress(now, ratios.Length, $"{labels[t]} @ {capacity}"));
        });

        var table = new ResultTable("trace", "capacity", "distinct_keys", "size", "seeds",
            "ours_mean", "ours_sd", "ours_min", "ours_max", "peer_mean", "peer_sd", "peer_min", "peer_max", "peer_unseeded",
            "gap_points", "gap_low_points", "gap_high_points", "bar_points", "verdict");
        for (int k = 0; k < points.Count; k++)
        {
            var (t, capacity, distinct, size) = points[k];
            var ours = ratios[(k * perPoint)..(k * perPoint + p.Seeds)];
            var peer = ratios[(k * perPoint + p.Seeds)..(k * perPoint + 2 * p.Seeds)];
            double oMean = ours.Average(), oSd = SampleStatistics.StandardDeviation(ours, oMean), pMean = peer.Average(), pSd = SampleStatistics.StandardDeviation(peer, pMean);
            var (gap, low, high) = WelchInterval(oMean, oSd, pMean, pSd, p.Seeds);
            table.AddRow(labels[t], capacity, distinct, size, p.Seeds,
                oMean, oSd, ours.Min(), ours.Max(), pMean, pSd, peer.Min(), peer.Max(), ratios[k * perPoint + 2 * p.Seeds],
                100 * gap, 100 * low, 100 * high, -p.BarPoints, Verdict(100 * gap, 100 * high, p.BarPoints));
        }
        return table;
    }

    /// <summary>The verdict of one point: mean gap and the upper end of its interval, in points, against the bar.</summary>
    public static string Verdict(double gapPoints, double highPoints, double barPoints) =>
        gapPoints >= -barPoints ? Within : highPoints >= -barPoints ? BelowWithinNoise : Below;

    /// <summary>The difference of two means of <paramref name="n"/> samples each and its 95% Welch interval
    /// (Welch 1947: the Student t quantile at the Welch–Satterthwaite degrees of freedom); with no spread
    /// in either sample the interval is the difference itself.</summary>
    public static (double Gap, double Low, double High) WelchInterval(double meanA, double sdA, double meanB, double sdB, int n)
    {
        double gap = meanA - meanB;
        double va = sdA * sdA / n, vb = sdB * sdB / n, se2 = va + vb;
        if (!(se2 > 0)) return (gap, gap, gap);
        double df = se2 * se2 / (va * va / (n - 1) + vb * vb / (n - 1));
        double half = StudentT.InvCDF(0, 1, df, 0.975) * Math.Sqrt(se2);
        return (gap, gap - half, gap + half);
    }

    private static string SizeLabel(double fraction) => (100 * fraction).ToString("0.##", CultureInfo.InvariantCulture) + "%";

    public override IReadOnlyList<FigureSpec> Figures(PeerSeedsParameters p) =>
    [
        new FigureSpec(
            "peer-gap",
            $"{p.Policy} minus BitFaster ConcurrentLfu, mean over {p.Seeds} hash seeds each\n(colour: cache size as a share of the trace's keys; bars: 95% confidence interval; dashed: the bar, {(-p.BarPoints).ToString(CultureInfo.InvariantCulture)} points)",
            new AxisSpec("trace", "trace"),
            new AxisSpec("gap_points", "hit ratio gap (percentage points)"),
            [new SeriesSpec("gap_points", "", SeriesStyle.Points, "gap_low_points", "gap_high_points")],
            GroupBy: "size",
            Levels: [new LevelLine(-p.BarPoints, ""), new LevelLine(0, "", Dashed: false)]),
    ];
}
