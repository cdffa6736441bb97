using Workbench.Caching;
using Workbench.Hashing;
using Workbench.Workloads;

namespace Workbench.Experiments.TinyLfu;

/// <summary>Parameters of <c>tinylfu/sketch-error-vs-memory</c>.</summary>
/// <param name="Capacity">Cache size the sketch serves, in entries; the stream is one sample, W − 1 = 10 × capacity − 1 requests, so no reset happens.</param>
/// <param name="Keys">Size of the Zipf key space.</param>
/// <param name="ZipfExponent">Skew s of the stream.</param>
/// <param name="BytesPerEntry">Memory budgets: sketch (and doorkeeper) bytes per cache entry; the counter table is rounded down to a power of two of 64-bit words.</param>
/// <param name="Variants">Which sketches: <c>plain</c>, <c>doorkeeper</c>, <c>conservative</c>, <c>doorkeeper-conservative</c>.</param>
public sealed record SketchErrorParameters(int Capacity, int Keys, double ZipfExponent, double[] BytesPerEntry, string[] Variants) : IExperimentParameters
{
    public static readonly string[] VariantNames = ["plain", "doorkeeper", "conservative", "doorkeeper-conservative"];

    public IEnumerable<string> Validate()
    {
        foreach (var e in Check.InRange("capacity", Capacity, 64, 10_000_000)) yield return e;
        foreach (var e in Check.InRange("keys", Keys, 1, 1 << 26)) yield return e;
        foreach (var e in Check.InRange("zipf_exponent", ZipfExponent, 0, 3)) yield return e;
        if (BytesPerEntry is null || BytesPerEntry.Length == 0) yield return "bytes_per_entry must list at least one value";
        else if (BytesPerEntry.Any(b => !(b >= 0.125 && b <= 64))) yield return $"bytes_per_entry values must be between 0.125 and 64 (got {ParameterBinder.Format(BytesPerEntry)})";
        foreach (var e in Check.OneOf("variants", Variants ?? [], VariantNames)) yield return e;
    }

    public override string ToString() => $"capacity={Capacity}, keys={Keys}, zipf_exponent={ZipfExponent}, bytes_per_entry={ParameterBinder.Format(BytesPerEntry)}, variants={ParameterBinder.Format(Variants)}";
}

/// <summary>
/// <c>tinylfu/sketch-error-vs-memory</c>: how well TinyLFU's 4-bit count-min sketch
/// (<see cref="FrequencySketch"/>) estimates frequencies against the memory it is given, plain, with
/// a doorkeeper (Einziger, Friedman &amp; Manes 2017, §3.4.2) and with conservative update (Estan &amp;
/// Varghese 2002). One sample of a Zipf stream (W − 1 requests, before the first reset); for every
/// key of the stream the error is the estimate minus the true count capped at 15 (what 4-bit
/// counters can hold). Beside it the count-min bound (Cormode &amp; Muthukrishnan 2005): with width w
/// counters per row and depth d = 4, an estimate exceeds the truth by more than e·N/w with
/// probability at most e^-4 ≈ 1.8%; here w = 4 × words (a key picks one of 2 words × 16 counters in
/// its block, and one of words/8 blocks). With a doorkeeper, half the budget goes to the Bloom filter.
/// Deterministic for the seed.
/// </summary>
public sealed class SketchErrorExperiment : Experiment<SketchErrorParameters>
{
    public override string Id => "tinylfu/sketch-error-vs-memory";
    public override string Title => "TinyLFU sketch: frequency estimation error against memory";

    public override SketchErrorParameters Defaults { get; } = new(100_000, 1_000_000, 0.9, [0.5, 1, 2, 4, 8, 16], SketchErrorParameters.VariantNames);
    public override SketchErrorParameters Quick { get; } = new(10_000, 100_000, 0.9, [0.5, 2, 8], SketchErrorParameters.VariantNames);

    public static readonly string[] Columns =
        ["variant", "bytes_per_entry_budget", "bytes_per_entry", "words", "doorkeeper_bits", "requests", "distinct_keys",
         "mean_error", "mean_abs_error", "max_error", "fraction_underestimated", "cm_bound", "fraction_within_bound", "theory_fraction_within_bound"];

    protected override ResultTable Execute(SketchErrorParameters p, int seed, IProgress<ExperimentProgress>? progress, CancellationToken cancellation)
    {
        int sample = FrequencySketch.SampleFor(p.Capacity);
        int requests = sample - 1;
        var zipf = new ZipfGenerator(p.Keys, p.ZipfExponent, seed);
        var stream = new long[requests];
        var truth = new Dictionary<long, int>();
        ulong scramble = KeyHash.Mix((ulong)seed);
        for (int i = 0; i < requests; i++)
        {
            long key = (long)KeyHash.Mix((ulong)zipf.Next() ^ scramble);
            stream[i] = key;
            truth[key] = truth.GetValueOrDefault(key) + 1;
        }
        var keys = truth.Keys.Order().ToArray();
        var table = new ResultTable(Columns);
        long total = (long)p.Variants.Length * p.BytesPerEntry.Length, done = 0;
        foreach (string variant in p.Variants)
        {
            bool door = variant.StartsWith("doorkeeper", StringComparison.Ordinal), conservative = variant.EndsWith("conservative", StringComparison.Ordinal);
            foreach (double budget in p.BytesPerEntry)
            {
                cancellation.ThrowIfCancellationRequested();
                double bytes = budget * p.Capacity;
                double counterBytes = door ? bytes / 2 : bytes;
                int words = (int)Math.Max(8, PowerOfTwoAtMost(counterBytes / 8));
                long doorBits = door ? Math.Max(64, (long)(bytes * 8 - words * 64L)) : 0;
                var sketch = new FrequencySketch(words, sample, seed, doorBits, conservative);
                foreach (long key in stream) sketch.Increment(key);
                double width = 4.0 * words, bound = Math.E * requests / width;
                long under = 0, within = 0, maxError = 0;
                double sum = 0, sumAbs = 0;
                foreach (long key in keys)
                {
                    int error = sketch.Estimate(key) - Math.Min(truth[key], 15);
                    sum += error;
                    sumAbs += Math.Abs(error);
                    maxError = Math.Max(maxError, error);
                    if (error < 0) under++;
                    if (error <= bound) within++;
                }
                table.AddRow(variant, budget, (double)sketch.Bytes / p.Capacity, words, doorBits, requests, keys.Length,
                    sum / keys.Length, sumAbs / keys.Length, maxError, (double)under / keys.Length, bound, (double)within / keys.Length, 1 - Math.Exp(-4));
                progress?.Report(new ExperimentProgress(++done, total, $"{variant} at {budget} bytes per entry"));
            }
        }
        return table;
    }

    private static long PowerOfTwoAtMost(double x) => x < 1 ? 1 : 1L << (int)Math.Floor(Math.Log2(x));

    public override IReadOnlyList<FigureSpec> Figures(SketchErrorParameters p) =>
    [
        new FigureSpec(
            "error",
            $"Sketch estimation error against memory (Zipf {p.ZipfExponent}, one sample of {FrequencySketch.SampleFor(p.Capacity) - 1:N0} requests)",
            new AxisSpec("bytes_per_entry", "sketch memory (bytes per cache entry)", Log: true),
            new AxisSpec("mean_abs_error", "mean absolute error of the estimate (counts)", Log: true),
            [new SeriesSpec("mean_abs_error", "measured"), new SeriesSpec("cm_bound", "count-min bound e·N/w (98% of keys)", SeriesStyle.Theory)],
            GroupBy: "variant"),
        new FigureSpec(
            "within-bound",
            "Fraction of keys whose error is within the count-min bound",
            new AxisSpec("bytes_per_entry", "sketch memory (bytes per cache entry)", Log: true),
            new AxisSpec("fraction_within_bound", "fraction of keys within e·N/w"),
            [new SeriesSpec("fraction_within_bound", "measured"), new SeriesSpec("theory_fraction_within_bound", "count-min guarantee 1 - e^-4", SeriesStyle.Theory)],
            GroupBy: "variant"),
    ];
}
