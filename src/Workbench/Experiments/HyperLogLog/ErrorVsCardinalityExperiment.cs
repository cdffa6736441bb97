using Workbench.Hashing;
using Workbench.Sketches;

namespace Workbench.Experiments.HyperLogLog;

/// <summary>Parameters of <c>hyperloglog/error-vs-cardinality</c>.</summary>
/// <param name="Precisions">Precisions p (m = 2^p registers), 4 to 18.</param>
/// <param name="MaxCardinality">Largest number of distinct keys, up to 10^9.</param>
/// <param name="PointsPerDecade">Checkpoints per factor of ten, from 1 to <see cref="MaxCardinality"/>.</param>
/// <param name="Trials">Independent sketches (distinct key streams) per precision up to <see cref="TrialLimit"/> keys.</param>
/// <param name="LongTrials">How many of the trials continue beyond <see cref="TrialLimit"/> keys (the long runs cost N hashes each).</param>
/// <param name="TrialLimit">Cardinality where all but <see cref="LongTrials"/> trials stop.</param>
public sealed record ErrorVsCardinalityParameters(int[] Precisions, long MaxCardinality, int PointsPerDecade, int Trials, int LongTrials, long TrialLimit) : IExperimentParameters
{
    public IEnumerable<string> Validate()
    {
        foreach (var e in Check.AllInRange("precisions", Precisions ?? [], Sketches.HyperLogLog.MinPrecision, Sketches.HyperLogLog.MaxPrecision)) yield return e;
        if (MaxCardinality < 1 || MaxCardinality > 1_000_000_000) yield return $"max_cardinality must be between 1 and 1000000000 (got {MaxCardinality})";
        if (PointsPerDecade < 1 || PointsPerDecade > 20) yield return $"points_per_decade must be between 1 and 20 (got {PointsPerDecade})";
        if (Trials < 2 || Trials > 100_000) yield return $"trials must be between 2 and 100000 (got {Trials})";
        if (LongTrials < 1 || LongTrials > Trials) yield return $"long_trials must be between 1 and trials ({Trials}) (got {LongTrials})";
        foreach (var e in Check.Positive("trial_limit", TrialLimit)) yield return e;
    }

    public override string ToString() =>
        $"precisions={ParameterBinder.Format(Precisions)}, max_cardinality={MaxCardinality}, points_per_decade={PointsPerDecade}, trials={Trials}, long_trials={LongTrials}, trial_limit={TrialLimit}";
}

/// <summary>
/// <c>hyperloglog/error-vs-cardinality</c>: the relative error of HyperLogLog against the number
/// of distinct keys, 1 to 10^9, for several precisions, beside the standard error 1.04/sqrt(m)
/// (Flajolet et al. 2007, Theorem 1), for the HLL++ estimator (Heule, Nunkesser &amp; Hall 2013)
/// and the 2007 estimator on the same registers. The distinct keys are generated, never stored:
/// key i of trial t is <c>KeyStream.Members(seed + t)[i]</c>, a bijection of i, and one hash per
/// key feeds the sketches of every precision (same seed). RMS and mean of (estimate / n - 1) over
/// the trials at each checkpoint.
/// </summary>
public sealed class ErrorVsCardinalityExperiment : Experiment<ErrorVsCardinalityParameters>
{
    public override string Id => "hyperloglog/error-vs-cardinality";
    public override string Title => "HyperLogLog relative error against cardinality";

    public override ErrorVsCardinalityParameters Defaults { get; } = new([10, 14, 18], 1_000_000_000, 4, 64, 3, 10_000_000);
    public override ErrorVsCardinalityParameters Quick { get; } = new([8, 12], 1_000_000, 3, 24, 4, 100_000);

    public static readonly string[] Columns =
    [
        "precision", "registers", "cardinality", "trials",
        "hllpp_rms_error", "hllpp_mean_error", "original_rms_error", "original_mean_error",
        "theory_standard_error", "hllpp_rms_over_theory", "mean_bytes",
    ];

    /// <summary>The checkpoints: round(10^(k / points_per_decade)), distinct, from 1 to the maximum.</summary>
    public static long[] Checkpoints(long max, int perDecade)
    {
        var points = new SortedSet<long>();
        for (int k = 0; ; k++)
        {
            long n = (long)Math.Round(Math.Pow(10, (double)k / perDecade));
            if (n > max) break;
            points.Add(n);
        }
        points.Add(max);
        return [.. points];
    }

    protected override ResultTable Execute(ErrorVsCardinalityParameters p, int seed, IProgress<ExperimentProgress>? progress, CancellationToken cancellation)
    {
        var checkpoints = Checkpoints(p.MaxCardinality, p.PointsPerDecade);
        int P = p.Precisions.Length, C = checkpoints.Length;
        var sq = new double[P, C, 2];
        var sum = new double[P, C, 2];
        var bytes = new double[P, C];
        var count = new int[C];
        double work = 0, done = 0;
        for (int t = 0; t < p.Trials; t++) work += t < p.LongTrials ? p.MaxCardinality : Math.Min(p.MaxCardinality, p.TrialLimit);
        for (int t = 0; t < p.Trials; t++)
        {
            long limit = t < p.LongTrials ? p.MaxCardinality : Math.Min(p.MaxCardinality, p.TrialLimit);
            var sketches = p.Precisions.Select(pr => new Sketches.HyperLogLog(pr, seed)).ToArray();
            var keys = KeyStream.Members(seed + t);
            long n = 0;
            for (int c = 0; c < C && checkpoints[c] <= limit; c++)
            {
                for (; n < checkpoints[c]; n++)
                {
                    ulong h = sketches[0].Hash(keys[n]);
                    foreach (var s in sketches) s.AddHash(h);
                    if ((n & 0xFFFFFF) == 0)
                    {
                        cancellation.ThrowIfCancellationRequested();
                        progress?.Report(new ExperimentProgress((long)(done + n), (long)work, $"trial {t + 1} of {p.Trials}, {n:N0} keys"));
                    }
                }
                count[c]++;
                for (int i = 0; i < P; i++)
                {
                    double pp = sketches[i].Estimate(HllEstimator.HllPlusPlus) / n - 1;
                    double orig = sketches[i].Estimate(HllEstimator.Original) / n - 1;
                    sq[i, c, 0] += pp * pp; sum[i, c, 0] += pp;
                    sq[i, c, 1] += orig * orig; sum[i, c, 1] += orig;
                    bytes[i, c] += sketches[i].SizeInBytes;
                }
            }
            done += limit;
        }
        var table = new ResultTable(Columns);
        for (int i = 0; i < P; i++)
        {
            int m = 1 << p.Precisions[i];
            double theory = 1.04 / Math.Sqrt(m);
            for (int c = 0; c < C; c++)
            {
                int k = count[c];
                double rms = Math.Sqrt(sq[i, c, 0] / k);
                table.AddRow(p.Precisions[i], m, checkpoints[c], k, rms, sum[i, c, 0] / k, Math.Sqrt(sq[i, c, 1] / k), sum[i, c, 1] / k, theory, rms / theory, bytes[i, c] / k);
            }
        }
        return table;
    }

    public override IReadOnlyList<FigureSpec> Figures(ErrorVsCardinalityParameters p) =>
    [
        new FigureSpec(
            "error-vs-cardinality",
            $"HyperLogLog (HLL++) RMS relative error against cardinality ({p.Trials} trials, {p.LongTrials} beyond {p.TrialLimit:N0} keys)",
            new AxisSpec("cardinality", "distinct keys n", Log: true),
            new AxisSpec("hllpp_rms_error", "RMS relative error |estimate/n - 1|", Log: true),
            [
                new SeriesSpec("hllpp_rms_error", "HLL++ measured", SeriesStyle.Measured),
                new SeriesSpec("theory_standard_error", "1.04/√m", SeriesStyle.Theory),
            ],
            GroupBy: "precision"),
        new FigureSpec(
            "bias-vs-cardinality",
            "Mean relative error (bias) against cardinality: HLL++ against the 2007 estimator",
            new AxisSpec("cardinality", "distinct keys n", Log: true),
            new AxisSpec("hllpp_mean_error", "mean relative error, estimate/n - 1"),
            [
                new SeriesSpec("hllpp_mean_error", "HLL++", SeriesStyle.Measured),
                new SeriesSpec("original_mean_error", "2007 estimator (dotted)", SeriesStyle.Published),
            ],
            GroupBy: "precision"),
    ];
}
