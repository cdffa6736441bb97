namespace Workbench.Experiments.Bloom;

/// <summary>Parameters of <c>bloom/fpr-vs-bits</c>.</summary>
/// <param name="Keys">n, keys inserted into each filter.</param>
/// <param name="BitsPerKey">The memory budgets m/n to measure.</param>
/// <param name="NegativeProbes">Lookups of absent keys per filter; the confidence interval narrows as 1/sqrt of this.</param>
/// <param name="Filters">Which filters: <c>classic</c>, <c>blocked</c>.</param>
/// <param name="Confidence">Two-sided level of the Wilson interval.</param>
public sealed record FprVsBitsParameters(long Keys, int[] BitsPerKey, long NegativeProbes, string[] Filters, double Confidence) : IExperimentParameters
{
    public IEnumerable<string> Validate() =>
        Check.Positive("keys", Keys)
            .Concat(Keys > 100_000_000 ? ["keys must be at most 100000000 (got " + Keys + ")"] : [])
            .Concat(Check.AllInRange("bits_per_key", BitsPerKey, 1, 64))
            .Concat(Check.Positive("negative_probes", NegativeProbes))
            .Concat(Check.OneOf("filters", Filters, BloomFilters.Names))
            .Concat(Check.InRange("confidence", Confidence, 0.5, 0.999999));

    public override string ToString() => $"keys={Keys}, bits_per_key={ParameterBinder.Format(BitsPerKey)}, negative_probes={NegativeProbes}, filters={ParameterBinder.Format(Filters)}, confidence={Confidence}";
}

/// <summary>
/// <c>bloom/fpr-vs-bits</c>: the false-positive rate of the classic and the blocked Bloom filter
/// against memory (bits per key 4 to 20), each at its own optimal k, beside the closed forms
/// (Bloom 1970 for classic; Putze, Sanders &amp; Singler 2007, section 3, for blocked). The claim: at
/// 10 bits per key the classic filter errs on about 1% of absent keys, and every extra 1.44 bits
/// halve that; the blocked filter pays a little more memory for the same rate.
/// </summary>
public sealed class FprVsBitsExperiment : Experiment<FprVsBitsParameters>
{
    public override string Id => "bloom/fpr-vs-bits";
    public override string Title => "False-positive rate against bits per key";

    public override FprVsBitsParameters Defaults { get; } = new(1_000_000, [.. Enumerable.Range(4, 17)], 10_000_000, BloomFilters.Names, 0.95);
    public override FprVsBitsParameters Quick { get; } = new(100_000, [4, 6, 8, 10, 12, 14, 16, 20], 1_000_000, BloomFilters.Names, 0.95);

    protected override ResultTable Execute(FprVsBitsParameters p, int seed, IProgress<ExperimentProgress>? progress, CancellationToken cancellation)
    {
        var table = new ResultTable("filter", "bits_per_key", "k", "keys", "filter_bits", "probes", "false_positives", "fpr", "ci_low", "ci_high", "theory_fpr");
        long total = (long)p.Filters.Length * p.BitsPerKey.Length, done = 0;
        foreach (var name in p.Filters)
        {
            foreach (int bpk in p.BitsPerKey)
            {
                progress?.Report(new ExperimentProgress(done, total, $"{name} filter, {bpk} bits per key"));
                int k = BloomFilters.OptimalHashCount(name, bpk);
                var filter = BloomFilters.Create(name, p.Keys * bpk, k, seed);
                var s = FprMeasurement.Measure(filter, p.Keys, p.NegativeProbes, seed, p.Confidence, cancellation);
                table.AddRow(name, bpk, k, p.Keys, filter.SizeInBits, s.Probes, s.FalsePositives, s.Fpr, s.CiLow, s.CiHigh,
                    BloomFilters.TheoryFpr(name, filter.SizeInBits, p.Keys, k));
                progress?.Report(new ExperimentProgress(++done, total, $"{name} filter, {bpk} bits per key"));
            }
        }
        return table;
    }

    public override IReadOnlyList<FigureSpec> Figures(FprVsBitsParameters p) =>
    [
        new FigureSpec(
            "fpr-vs-bits",
            $"Bloom filter false-positive rate against memory (n = {p.Keys:N0}, optimal k)",
            new AxisSpec("bits_per_key", "memory (bits per key)"),
            new AxisSpec("fpr", "false-positive rate (fraction of absent keys)", Log: true),
            [
                new SeriesSpec("fpr", "measured", SeriesStyle.Measured, "ci_low", "ci_high"),
                new SeriesSpec("theory_fpr", "theory", SeriesStyle.Theory),
            ],
            GroupBy: "filter"),
    ];
}
