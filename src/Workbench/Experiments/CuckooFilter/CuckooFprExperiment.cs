using Workbench.Experiments.FilterComparison;
using Workbench.Filters;

namespace Workbench.Experiments.Cuckoo;

/// <summary>Parameters of <c>cuckoo-filter/fpr-vs-bits</c>.</summary>
/// <param name="Slots">Table size in slots (a power of two).</param>
/// <param name="Load">Fraction of the slots filled before measuring.</param>
/// <param name="FingerprintBits">The fingerprint sizes f to measure (1 to 16).</param>
/// <param name="NegativeProbes">Lookups of absent keys per filter.</param>
/// <param name="Confidence">Two-sided level of the Wilson interval.</param>
public sealed record CuckooFprParameters(long Slots, double Load, int[] FingerprintBits, long NegativeProbes, double Confidence) : IExperimentParameters
{
    public IEnumerable<string> Validate() =>
        (Slots < 8 || Slots > 1L << 26 || (Slots & (Slots - 1)) != 0 ? [$"slots must be a power of two between 8 and 67108864 (got {Slots})"] : Array.Empty<string>())
            .Concat(Check.InRange("load", Load, 0.01, 0.94))
            .Concat(Check.AllInRange("fingerprint_bits", FingerprintBits, 1, 16))
            .Concat(Check.Positive("negative_probes", NegativeProbes))
            .Concat(Check.InRange("confidence", Confidence, 0.5, 0.999999));

    public override string ToString() => $"slots={Slots}, load={Load}, fingerprint_bits={ParameterBinder.Format(FingerprintBits)}, negative_probes={NegativeProbes}, confidence={Confidence}";
}

/// <summary>
/// <c>cuckoo-filter/fpr-vs-bits</c>: the false-positive rate against the fingerprint size f at a
/// fixed load, beside the exact expectation <c>1 - (1 - 1/(2^f - 1))^(8α)</c> and the paper's bound
/// 2b/2^f (Fan et al., section 4: "the upper bound of the total probability of a false
/// fingerprint hit is 1 - (1 - 1/2^f)^2b ≈ 2b/2^f"). Memory is f/α bits per key.
/// </summary>
public sealed class CuckooFprExperiment : Experiment<CuckooFprParameters>
{
    public override string Id => "cuckoo-filter/fpr-vs-bits";
    public override string Title => "Cuckoo filter false-positive rate against fingerprint bits";

    public override CuckooFprParameters Defaults { get; } = new(1L << 20, 0.94, [4, 6, 8, 10, 12, 14, 16], 10_000_000, 0.95);
    public override CuckooFprParameters Quick { get; } = new(1L << 17, 0.94, [4, 8, 12, 16], 1_000_000, 0.95);

    protected override ResultTable Execute(CuckooFprParameters p, int seed, IProgress<ExperimentProgress>? progress, CancellationToken cancellation)
    {
        var table = new ResultTable("fingerprint_bits", "slots", "keys", "load_factor", "bits_per_key", "probes", "false_positives", "fpr", "ci_low", "ci_high", "theory_fpr", "bound_fpr");
        long keys = (long)(p.Slots * p.Load);
        var members = FilterMeasurement.Members(seed, keys);
        int done = 0;
        foreach (int f in p.FingerprintBits)
        {
            progress?.Report(new ExperimentProgress(done, p.FingerprintBits.Length, $"f = {f}"));
            var filter = Fill(p.Slots, f, seed, members);
            var s = FilterMeasurement.Measure(filter.MayContain, members, p.NegativeProbes, seed, p.Confidence, $"cuckoo filter f = {f}", cancellation);
            table.AddRow(f, p.Slots, keys, filter.LoadFactor, (double)filter.SizeInBits / keys, s.Probes, s.FalsePositives, s.Fpr, s.CiLow, s.CiHigh,
                CuckooFilter.TheoryFpr(f, filter.LoadFactor), CuckooFilter.FprBound(f));
            progress?.Report(new ExperimentProgress(++done, p.FingerprintBits.Length, $"f = {f}"));
        }
        return table;
    }

    /// <summary>A table of <paramref name="slots"/> slots holding <paramref name="members"/>; throws if an insert fails (a load too close to the maximum).</summary>
    public static CuckooFilter Fill(long slots, int fingerprintBits, int seed, ReadOnlySpan<ulong> members)
    {
        var filter = new CuckooFilter((long)(slots * 0.96), fingerprintBits, seed);
        foreach (var k in members)
        {
            if (!filter.TryAdd(k) || filter.IsFull)
                throw new InvalidOperationException($"cuckoo filter of {slots:N0} slots (f = {fingerprintBits}) full at load {filter.LoadFactor:P2}; lower the load");
        }
        return filter;
    }

    public override IReadOnlyList<FigureSpec> Figures(CuckooFprParameters p) =>
    [
        new FigureSpec(
            "fpr-vs-bits",
            $"Cuckoo filter false-positive rate against fingerprint size ({p.Slots:N0} slots, load {p.Load:P0})",
            new AxisSpec("fingerprint_bits", "fingerprint size f (bits)"),
            new AxisSpec("fpr", "false-positive rate (fraction of absent keys)", Log: true),
            [
                new SeriesSpec("fpr", "measured", SeriesStyle.Measured, "ci_low", "ci_high"),
                new SeriesSpec("theory_fpr", "theory 1 - (1 - 1/(2^f - 1))^(8α)", SeriesStyle.Theory),
                new SeriesSpec("bound_fpr", "paper's bound 2b/2^f", SeriesStyle.Published),
            ]),
    ];
}
