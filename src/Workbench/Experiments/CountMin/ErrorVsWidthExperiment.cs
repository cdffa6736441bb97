using Workbench.Sketches;

namespace Workbench.Experiments.CountMin;

/// <summary>Parameters of <c>count-min/error-vs-width</c> and <c>count-min/error-vs-depth</c>.</summary>
/// <param name="StreamLength">N, arrivals per stream.</param>
/// <param name="Keys">Size of the key universe (Zipf ranks 1..keys); every key is queried.</param>
/// <param name="Skews">Zipf exponents s of the streams.</param>
/// <param name="Widths">Counters per row w; each gives ε = e/w.</param>
/// <param name="Depths">Rows d; each gives δ = e^-d.</param>
public sealed record CountMinErrorParameters(long StreamLength, int Keys, double[] Skews, int[] Widths, int[] Depths) : IExperimentParameters
{
    public IEnumerable<string> Validate()
    {
        foreach (var e in Check.Positive("stream_length", StreamLength)) yield return e;
        if (StreamLength > 100_000_000) yield return $"stream_length must be at most 100000000 (got {StreamLength})";
        if (Keys < 1 || Keys > 10_000_000) yield return $"keys must be between 1 and 10000000 (got {Keys})";
        if (Skews is null || Skews.Length == 0) yield return "skews must list at least one value";
        else if (Skews.Any(s => !(s >= 0 && s <= 4))) yield return $"skews values must be between 0 and 4 (got {ParameterBinder.Format(Skews)})";
        foreach (var e in Check.AllInRange("widths", Widths ?? [], 1, 1 << 24)) yield return e;
        foreach (var e in Check.AllInRange("depths", Depths ?? [], 1, CountMinSketch.MaxDepth)) yield return e;
    }

    public override string ToString() =>
        $"stream_length={StreamLength}, keys={Keys}, skews={ParameterBinder.Format(Skews)}, widths={ParameterBinder.Format(Widths)}, depths={ParameterBinder.Format(Depths)}";
}

/// <summary>
/// <c>count-min/error-vs-width</c>: the distribution of the count-min error over all keys of
/// Zipf streams of several skews, against the width w, at the depth d = 5 of δ ≈ 0.7%, beside the
/// bound of Cormode &amp; Muthukrishnan (2005, Theorem 1): error ≤ ε·N with ε = e/w, except for a
/// fraction δ = e^-d of keys. Both update rules run on the same stream and hash; the conservative
/// gain (Estan &amp; Varghese 2002) is the ratio of their mean errors.
/// </summary>
public sealed class ErrorVsWidthExperiment : Experiment<CountMinErrorParameters>
{
    public override string Id => "count-min/error-vs-width";
    public override string Title => "Count-min error against width, classic and conservative update";

    public override CountMinErrorParameters Defaults { get; } = new(2_000_000, 100_000, [0.8, 1.0, 1.2], [32, 64, 128, 256, 512, 1024, 2048, 4096, 8192], [5]);
    public override CountMinErrorParameters Quick { get; } = new(200_000, 20_000, [0.8, 1.2], [64, 256, 1024, 4096], [5]);

    protected override ResultTable Execute(CountMinErrorParameters p, int seed, IProgress<ExperimentProgress>? progress, CancellationToken cancellation) =>
        CountMinErrorMeasurement.Sweep(p, seed, progress, cancellation);

    public override IReadOnlyList<FigureSpec> Figures(CountMinErrorParameters p) =>
    [
        new FigureSpec(
            "error-vs-width",
            $"Count-min error against width (classic update, d = {ParameterBinder.Format(p.Depths)}, N = {p.StreamLength:N0}, all {p.Keys:N0} keys)",
            new AxisSpec("width", "width w (counters per row)", Log: true),
            new AxisSpec("classic_p99", "error / N (99th percentile over keys)", Log: true),
            [
                new SeriesSpec("classic_p99", "measured 99th percentile", SeriesStyle.Measured),
                new SeriesSpec("theory_bound", "bound ε = e/w", SeriesStyle.Theory),
            ],
            GroupBy: "skew"),
        new FigureSpec(
            "conservative-gain",
            "Conservative update's gain: classic mean error / conservative mean error",
            new AxisSpec("width", "width w (counters per row)", Log: true),
            new AxisSpec("conservative_gain", "mean error ratio, classic / conservative"),
            [new SeriesSpec("conservative_gain", "measured", SeriesStyle.Measured)],
            GroupBy: "skew"),
    ];
}

/// <summary>
/// <c>count-min/error-vs-depth</c>: at a fixed width, the fraction of keys whose error exceeds
/// ε·N (ε = e/w) against the depth d, beside the bound δ = e^-d of Cormode &amp; Muthukrishnan (2005,
/// Theorem 1), and the 99th-percentile error against d.
/// </summary>
public sealed class ErrorVsDepthExperiment : Experiment<CountMinErrorParameters>
{
    public override string Id => "count-min/error-vs-depth";
    public override string Title => "Count-min error against depth";

    public override CountMinErrorParameters Defaults { get; } = new(2_000_000, 100_000, [0.8, 1.0, 1.2], [272], [1, 2, 3, 4, 5, 6, 7, 8]);
    public override CountMinErrorParameters Quick { get; } = new(200_000, 20_000, [0.8, 1.2], [272], [1, 2, 3, 4, 6]);

    protected override ResultTable Execute(CountMinErrorParameters p, int seed, IProgress<ExperimentProgress>? progress, CancellationToken cancellation) =>
        CountMinErrorMeasurement.Sweep(p, seed, progress, cancellation);

    public override IReadOnlyList<FigureSpec> Figures(CountMinErrorParameters p) =>
    [
        new FigureSpec(
            "exceed-vs-depth",
            $"Fraction of keys with error above ε·N against depth (w = {ParameterBinder.Format(p.Widths)}, ε = e/w)",
            new AxisSpec("depth", "depth d (rows)"),
            new AxisSpec("classic_exceed_fraction", "fraction of keys with error > ε·N", Log: true),
            [
                new SeriesSpec("classic_exceed_fraction", "measured (classic)", SeriesStyle.Measured),
                new SeriesSpec("theory_exceed_probability", "bound δ = e^-d", SeriesStyle.Theory),
            ],
            GroupBy: "skew"),
        new FigureSpec(
            "error-vs-depth",
            $"Count-min 99th-percentile error against depth (w = {ParameterBinder.Format(p.Widths)})",
            new AxisSpec("depth", "depth d (rows)"),
            new AxisSpec("classic_p99", "error / N (99th percentile over keys)", Log: true),
            [
                new SeriesSpec("classic_p99", "measured (classic)", SeriesStyle.Measured),
                new SeriesSpec("theory_bound", "ε = e/w", SeriesStyle.Theory),
            ],
            GroupBy: "skew"),
    ];
}
