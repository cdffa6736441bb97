using Workbench.Filters;

namespace Workbench.Experiments.FilterComparison;

/// <summary>Parameters of <c>xor-filter/space</c> and <c>binary-fuse-filter/space</c>.</summary>
/// <param name="Keys">Key-set sizes n.</param>
/// <param name="FingerprintBits">f: 8, 16 or both.</param>
/// <param name="Trials">Filters built per size with different seeds (for the retry counts); the FPR is measured on the first.</param>
/// <param name="NegativeProbes">Lookups of absent keys per (size, f).</param>
/// <param name="Confidence">Two-sided level of the Wilson interval.</param>
public sealed record StaticFilterSpaceParameters(long[] Keys, int[] FingerprintBits, int Trials, long NegativeProbes, double Confidence) : IExperimentParameters
{
    public IEnumerable<string> Validate()
    {
        if (Keys is null || Keys.Length == 0) yield return "keys must list at least one size";
        else foreach (var n in Keys)
        {
            if (n < 1 || n > 50_000_000) { yield return $"keys values must be between 1 and 50000000 (got {n})"; break; }
        }
        if (FingerprintBits is null || FingerprintBits.Length == 0 || FingerprintBits.Any(f => f is not (8 or 16)))
            yield return $"fingerprint_bits must list 8 and/or 16 (got {ParameterBinder.Format(FingerprintBits ?? [])})";
        foreach (var e in Check.InRange("trials", Trials, 1, 100)) yield return e;
        foreach (var e in Check.Positive("negative_probes", NegativeProbes)) yield return e;
        foreach (var e in Check.InRange("confidence", Confidence, 0.5, 0.999999)) yield return e;
    }

    public override string ToString() => $"keys={ParameterBinder.Format(Keys)}, fingerprint_bits={ParameterBinder.Format(FingerprintBits)}, trials={Trials}, negative_probes={NegativeProbes}, confidence={Confidence}";
}

/// <summary>
/// Space, false-positive rate and construction retries of a static filter (xor or binary fuse)
/// against the key count: bits per key and their ratio to the information-theoretic bound
/// log2(1/ε) = f, beside the paper's asymptotic ratio (1.23 for xor, 1.125 for binary fuse) and
/// the exact ratio of the reference code's sizing; the measured FPR beside 2^-f; and the number of
/// construction attempts over <see cref="StaticFilterSpaceParameters.Trials"/> seeds.
/// </summary>
public abstract class StaticFilterSpaceExperiment : Experiment<StaticFilterSpaceParameters>
{
    /// <summary>Name of the filter in the table, e.g. <c>xor</c>.</summary>
    protected abstract string FilterName { get; }

    /// <summary>The paper's space overhead factor, bits per key over f.</summary>
    public abstract double PaperRatio { get; }

    /// <summary>Slots the reference sizing allocates for n keys.</summary>
    public abstract long SlotsFor(long keys);

    public abstract IStaticMembershipFilter Build(ReadOnlySpan<ulong> keys, int fingerprintBits, long seed);

    public override StaticFilterSpaceParameters Defaults { get; } = new([1_000, 10_000, 100_000, 1_000_000, 10_000_000], [8, 16], 5, 10_000_000, 0.95);
    public override StaticFilterSpaceParameters Quick { get; } = new([1_000, 10_000, 100_000, 1_000_000], [8, 16], 3, 1_000_000, 0.95);

    protected override ResultTable Execute(StaticFilterSpaceParameters p, int seed, IProgress<ExperimentProgress>? progress, CancellationToken cancellation)
    {
        var table = new ResultTable("filter", "fingerprint_bits", "keys", "slots", "bits_per_key", "ratio_to_bound", "theory_ratio", "paper_ratio",
            "trials", "attempts_total", "retries", "max_attempts", "probes", "false_positives", "fpr", "ci_low", "ci_high", "theory_fpr");
        long total = (long)p.Keys.Length * p.FingerprintBits.Length, done = 0;
        foreach (int f in p.FingerprintBits)
        {
            foreach (long n in p.Keys)
            {
                string stage = $"{FilterName}{f}, {n:N0} keys";
                progress?.Report(new ExperimentProgress(done, total, stage));
                var members = FilterMeasurement.Members(seed, n);
                var first = Build(members, f, seed);
                int attempts = first.Attempts, max = first.Attempts;
                for (int t = 1; t < p.Trials; t++)
                {
                    cancellation.ThrowIfCancellationRequested();
                    int a = Build(members, f, (long)seed * 1000 + t).Attempts;
                    attempts += a;
                    max = Math.Max(max, a);
                }
                var s = FilterMeasurement.Measure(first.MayContain, members, p.NegativeProbes, seed, p.Confidence, stage, cancellation);
                double bpk = (double)first.SizeInBits / n;
                table.AddRow(FilterName, f, n, SlotsFor(n), bpk, bpk / f, (double)SlotsFor(n) / n, PaperRatio,
                    p.Trials, attempts, attempts - p.Trials, max, s.Probes, s.FalsePositives, s.Fpr, s.CiLow, s.CiHigh, Math.Pow(2, -f));
                progress?.Report(new ExperimentProgress(++done, total, stage));
            }
        }
        return table;
    }

    public override IReadOnlyList<FigureSpec> Figures(StaticFilterSpaceParameters p) =>
    [
        new FigureSpec(
            "space",
            $"{Title}: bits per key over log2(1/ε) against key count",
            new AxisSpec("keys", "keys in the filter (n)", Log: true),
            new AxisSpec("ratio_to_bound", "bits per key / log2(1/ε) (1 = information-theoretic bound)"),
            [
                new SeriesSpec("ratio_to_bound", "measured", SeriesStyle.Measured),
                new SeriesSpec("paper_ratio", $"paper: {PaperRatio}", SeriesStyle.Published),
            ],
            GroupBy: "fingerprint_bits"),
        new FigureSpec(
            "fpr",
            $"{Title}: false-positive rate against key count",
            new AxisSpec("keys", "keys in the filter (n)", Log: true),
            new AxisSpec("fpr", "false-positive rate (fraction of absent keys)", Log: true),
            [
                new SeriesSpec("fpr", "measured", SeriesStyle.Measured, "ci_low", "ci_high"),
                new SeriesSpec("theory_fpr", "theory 2^-f", SeriesStyle.Theory),
            ],
            GroupBy: "fingerprint_bits"),
    ];
}
