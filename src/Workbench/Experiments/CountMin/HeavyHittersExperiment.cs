using Workbench.Sketches;

namespace Workbench.Experiments.CountMin;

/// <summary>Parameters of <c>count-min/heavy-hitters</c>.</summary>
/// <param name="StreamLength">N, arrivals per stream.</param>
/// <param name="Keys">Size of the key universe.</param>
/// <param name="Skew">Zipf exponent s of the stream.</param>
/// <param name="Phis">Heavy-hitter thresholds φ: a key is heavy when f ≥ φ·N.</param>
/// <param name="Widths">Sketch widths w (ε = e/w).</param>
/// <param name="Depth">Sketch depth d.</param>
public sealed record HeavyHittersParameters(long StreamLength, int Keys, double Skew, double[] Phis, int[] Widths, int Depth) : IExperimentParameters
{
    public IEnumerable<string> Validate()
    {
        foreach (var e in Check.Positive("stream_length", StreamLength)) yield return e;
        if (StreamLength > 100_000_000) yield return $"stream_length must be at most 100000000 (got {StreamLength})";
        if (Keys < 1 || Keys > 10_000_000) yield return $"keys must be between 1 and 10000000 (got {Keys})";
        foreach (var e in Check.InRange("skew", Skew, 0, 4)) yield return e;
        if (Phis is null || Phis.Length == 0) yield return "phis must list at least one value";
        else if (Phis.Any(f => !(f > 0 && f < 1))) yield return $"phis values must be in (0, 1) (got {ParameterBinder.Format(Phis)})";
        foreach (var e in Check.AllInRange("widths", Widths ?? [], 1, 1 << 24)) yield return e;
        foreach (var e in Check.InRange("depth", Depth, 1, CountMinSketch.MaxDepth)) yield return e;
    }

    public override string ToString() =>
        $"stream_length={StreamLength}, keys={Keys}, skew={Skew}, phis={ParameterBinder.Format(Phis)}, widths={ParameterBinder.Format(Widths)}, depth={Depth}";
}

/// <summary>
/// <c>count-min/heavy-hitters</c>: φ-heavy hitters recovered with a count-min sketch and a heap
/// of candidates (<see cref="CountMinHeavyHitters"/>; Cormode &amp; Muthukrishnan 2005, section 5.1)
/// on a Zipf stream, against the exact counts: recall (true heavy hitters reported, 1 in theory:
/// no estimate falls below its count) and precision (reported keys that are truly heavy), against
/// the width, for classic and conservative update. Also the smallest true frequency among the
/// reported keys, which the paper bounds below by (φ - ε)·N with probability 1 - δ per key.
/// </summary>
public sealed class HeavyHittersExperiment : Experiment<HeavyHittersParameters>
{
    public override string Id => "count-min/heavy-hitters";
    public override string Title => "Heavy hitters from a count-min sketch: precision and recall";

    public override HeavyHittersParameters Defaults { get; } = new(2_000_000, 100_000, 1.0, [0.0005, 0.002, 0.01], [64, 128, 256, 512, 1024, 2048, 4096, 8192], 4);
    public override HeavyHittersParameters Quick { get; } = new(200_000, 20_000, 1.0, [0.002, 0.01], [128, 512, 2048], 4);

    public static readonly string[] Columns =
        ["case", "update", "phi", "width", "depth", "epsilon", "stream_length", "true_heavy", "reported", "true_positives", "precision", "recall", "smallest_reported_fraction", "theory_recall", "theory_smallest_fraction"];

    protected override ResultTable Execute(HeavyHittersParameters p, int seed, IProgress<ExperimentProgress>? progress, CancellationToken cancellation)
    {
        var table = new ResultTable(Columns);
        var stream = ZipfStream.Generate(p.Keys, p.Skew, p.StreamLength, seed);
        long total = 2L * p.Phis.Length * p.Widths.Length, done = 0;
        foreach (var update in (CountMinUpdate[])[CountMinUpdate.Classic, CountMinUpdate.Conservative])
            foreach (double phi in p.Phis)
            {
                var truth = new HashSet<ulong>();
                for (int r = 1; r <= stream.Keys; r++) if (stream.Exact[r] >= phi * stream.Length) truth.Add((ulong)r);
                foreach (int width in p.Widths)
                {
                    string stage = $"{update}, φ = {phi}, w = {width}";
                    progress?.Report(new ExperimentProgress(done, total, stage));
                    var hh = new CountMinHeavyHitters(new CountMinSketch(width, p.Depth, seed, update), phi);
                    var ranks = stream.Ranks;
                    for (int i = 0; i < ranks.Length; i++)
                    {
                        hh.Add((ulong)ranks[i]);
                        if ((i & 0xFFFFF) == 0) cancellation.ThrowIfCancellationRequested();
                    }
                    var reported = hh.HeavyHitters();
                    int tp = reported.Count(c => truth.Contains(c.Key));
                    double smallest = reported.Count == 0 ? double.NaN : reported.Min(c => stream.Exact[c.Key]) / (double)stream.Length;
                    double epsilon = CountMinMath.EpsilonFor(width);
                    string name = update == CountMinUpdate.Classic ? "classic" : "conservative";
                    table.AddRow($"{name}, φ = {phi}", name, phi, width, p.Depth, epsilon, stream.Length, truth.Count, reported.Count, tp,
                        reported.Count == 0 ? double.NaN : (double)tp / reported.Count,
                        truth.Count == 0 ? double.NaN : (double)tp / truth.Count,
                        smallest, 1.0, Math.Max(0, phi - epsilon));
                    progress?.Report(new ExperimentProgress(++done, total, stage));
                }
            }
        return table;
    }

    public override IReadOnlyList<FigureSpec> Figures(HeavyHittersParameters p) =>
    [
        new FigureSpec(
            "heavy-hitters-precision",
            $"Heavy hitters: precision against width (Zipf s = {p.Skew}, N = {p.StreamLength:N0}, d = {p.Depth})",
            new AxisSpec("width", "width w (counters per row)", Log: true),
            new AxisSpec("precision", "precision (reported keys that are truly heavy)"),
            [new SeriesSpec("precision", "measured", SeriesStyle.Measured)],
            GroupBy: "case"),
        new FigureSpec(
            "heavy-hitters-recall",
            $"Heavy hitters: recall against width (theory: 1, estimates never fall below counts)",
            new AxisSpec("width", "width w (counters per row)", Log: true),
            new AxisSpec("recall", "recall (true heavy hitters reported)"),
            [
                new SeriesSpec("recall", "measured", SeriesStyle.Measured),
                new SeriesSpec("theory_recall", "theory", SeriesStyle.Theory),
            ],
            GroupBy: "case"),
    ];
}
