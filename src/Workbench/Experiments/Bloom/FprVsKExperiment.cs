using Workbench.Filters;

namespace Workbench.Experiments.Bloom;

/// <summary>Parameters of <c>bloom/fpr-vs-k</c>.</summary>
/// <param name="Keys">n, keys inserted into each filter.</param>
/// <param name="BitsPerKey">The fixed memory budget m/n.</param>
/// <param name="HashCounts">The numbers of probes k to measure.</param>
/// <param name="NegativeProbes">Lookups of absent keys per filter.</param>
/// <param name="Filters">Which filters: <c>classic</c>, <c>blocked</c>.</param>
/// <param name="Confidence">Two-sided level of the Wilson interval.</param>
public sealed record FprVsKParameters(long Keys, double BitsPerKey, int[] HashCounts, long NegativeProbes, string[] Filters, double Confidence) : IExperimentParameters
{
    public IEnumerable<string> Validate() =>
        Check.Positive("keys", Keys)
            .Concat(Keys > 100_000_000 ? ["keys must be at most 100000000 (got " + Keys + ")"] : [])
            .Concat(Check.InRange("bits_per_key", BitsPerKey, 1, 64))
            .Concat(Check.AllInRange("hash_counts", HashCounts, 1, 64))
            .Concat(Check.Positive("negative_probes", NegativeProbes))
            .Concat(Check.OneOf("filters", Filters, BloomFilters.Names))
            .Concat(Check.InRange("confidence", Confidence, 0.5, 0.999999));

    public override string ToString() => $"keys={Keys}, bits_per_key={BitsPerKey}, hash_counts={ParameterBinder.Format(HashCounts)}, negative_probes={NegativeProbes}, filters={ParameterBinder.Format(Filters)}, confidence={Confidence}";
}

/// <summary>
/// <c>bloom/fpr-vs-k</c>: at fixed memory, the false-positive rate against the number of probes k.
/// Too few probes leave each test weak; too many fill the array. The classic rate
/// <c>(1 - e^(-kn/m))^k</c> is minimised at <c>k = (m/n) ln 2</c> (Bloom 1970), where half the
/// bits are set; the blocked filter's optimum sits a little lower.
/// </summary>
public sealed class FprVsKExperiment : Experiment<FprVsKParameters>
{
    public override string Id => "bloom/fpr-vs-k";
    public override string Title => "False-positive rate against the number of probes k at fixed memory";

    public override FprVsKParameters Defaults { get; } = new(1_000_000, 10, [.. Enumerable.Range(1, 16)], 10_000_000, BloomFilters.Names, 0.95);
    public override FprVsKParameters Quick { get; } = new(100_000, 10, [1, 2, 3, 4, 5, 6, 7, 8, 10, 12, 14, 16], 1_000_000, BloomFilters.Names, 0.95);

    protected override ResultTable Execute(FprVsKParameters p, int seed, IProgress<ExperimentProgress>? progress, CancellationToken cancellation)
    {
        var table = new ResultTable("filter", "k", "bits_per_key", "keys", "filter_bits", "probes", "false_positives", "fpr", "ci_low", "ci_high", "theory_fpr", "theory_optimal_k");
        long total = (long)p.Filters.Length * p.HashCounts.Length, done = 0;
        long bits = (long)Math.Ceiling(p.Keys * p.BitsPerKey);
        foreach (var name in p.Filters)
        {
            double optimal = name == BloomFilters.Blocked ? BloomMath.OptimalBlockedHashCount(p.BitsPerKey) : BloomMath.OptimalK(p.BitsPerKey);
            foreach (int k in p.HashCounts)
            {
                progress?.Report(new ExperimentProgress(done, total, $"{name} filter, k = {k}"));
                var filter = BloomFilters.Create(name, bits, k, seed);
                var s = FprMeasurement.Measure(filter, p.Keys, p.NegativeProbes, seed, p.Confidence, cancellation);
                table.AddRow(name, k, p.BitsPerKey, p.Keys, filter.SizeInBits, s.Probes, s.FalsePositives, s.Fpr, s.CiLow, s.CiHigh,
                    BloomFilters.TheoryFpr(name, filter.SizeInBits, p.Keys, k), optimal);
                progress?.Report(new ExperimentProgress(++done, total, $"{name} filter, k = {k}"));
            }
        }
        return table;
    }

    public override IReadOnlyList<FigureSpec> Figures(FprVsKParameters p) =>
    [
        new FigureSpec(
            "fpr-vs-k",
            $"False-positive rate against probes per key at {p.BitsPerKey} bits per key (n = {p.Keys:N0})",
            new AxisSpec("k", "probes per key k"),
            new AxisSpec("fpr", "false-positive rate (fraction of absent keys)", Log: true),
            [
                new SeriesSpec("fpr", "measured", SeriesStyle.Measured, "ci_low", "ci_high"),
                new SeriesSpec("theory_fpr", "theory", SeriesStyle.Theory),
            ],
            GroupBy: "filter",
            Markers: [new MarkerLine(BloomMath.OptimalK(p.BitsPerKey), $"(m/n) ln 2 = {BloomMath.OptimalK(p.BitsPerKey):0.##}")]),
    ];
}
