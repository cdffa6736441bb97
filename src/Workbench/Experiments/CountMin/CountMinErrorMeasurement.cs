using Workbench.Sketches;
using Workbench.Workloads;

namespace Workbench.Experiments.CountMin;

/// <summary>A Zipf stream and its exact counts: the ground truth every count-min measurement compares against.</summary>
/// <param name="Ranks">The stream, one rank (the key) per arrival, 1..keys.</param>
/// <param name="Exact">Exact count of every rank (index 0 unused).</param>
/// <param name="Skew">Zipf exponent s.</param>
public sealed record ZipfStream(int[] Ranks, long[] Exact, double Skew)
{
    /// <summary>N arrivals of ranks 1..<paramref name="keys"/> drawn from Zipf(<paramref name="skew"/>) with <paramref name="seed"/>.</summary>
    public static ZipfStream Generate(int keys, double skew, long length, long seed)
    {
        var zipf = new ZipfGenerator(keys, skew, seed);
        var ranks = new int[length];
        var exact = new long[keys + 1];
        for (long i = 0; i < length; i++) exact[ranks[i] = zipf.Next()]++;
        return new(ranks, exact, skew);
    }

    public long Length => Ranks.LongLength;

    public int Keys => Exact.Length - 1;
}

/// <summary>The error distribution of one sketch over every key of the universe, each error divided by N.</summary>
public sealed record ErrorStats(double Mean, double P50, double P90, double P99, double Max, double ExceedFraction);

/// <summary>
/// Measures a count-min sketch on a <see cref="ZipfStream"/>: after the whole stream, every key of
/// the universe (seen or not: the guarantee is per query) is estimated and its error est - f,
/// never negative, is divided by N. The quantiles are the nearest-rank quantiles of those errors;
/// <see cref="ErrorStats.ExceedFraction"/> is the fraction of keys whose error exceeds ε·N.
/// </summary>
public static class CountMinErrorMeasurement
{
    public static ErrorStats Measure(ZipfStream stream, int width, int depth, CountMinUpdate update, double epsilon, long seed, CancellationToken cancellation = default)
    {
        var sketch = new CountMinSketch(width, depth, seed, update);
        var ranks = stream.Ranks;
        for (int i = 0; i < ranks.Length; i++)
        {
            sketch.Add((ulong)ranks[i]);
            if ((i & 0xFFFFF) == 0) cancellation.ThrowIfCancellationRequested();
        }
        double n = stream.Length;
        var errors = new double[stream.Keys];
        int exceed = 0;
        double sum = 0;
        for (int r = 1; r <= stream.Keys; r++)
        {
            long error = sketch.Estimate((ulong)r) - stream.Exact[r];
            if (error < 0) throw new InvalidOperationException($"count-min underestimated key {r} ({error}): the sketch is broken");
            errors[r - 1] = error / n;
            sum += error / n;
            if (error > epsilon * n) exceed++;
        }
        Array.Sort(errors);
        return new(sum / errors.Length, Quantile(errors, 0.5), Quantile(errors, 0.9), Quantile(errors, 0.99), errors[^1], (double)exceed / errors.Length);
    }

    /// <summary>Nearest-rank quantile of sorted values.</summary>
    public static double Quantile(double[] sorted, double q) => sorted[Math.Clamp((int)Math.Ceiling(q * sorted.Length) - 1, 0, sorted.Length - 1)];

    /// <summary>Columns shared by the error experiments.</summary>
    public static readonly string[] Columns =
    [
        "skew", "epsilon", "width", "depth", "stream_length", "keys",
        "classic_mean", "classic_p50", "classic_p90", "classic_p99", "classic_max", "classic_exceed_fraction",
        "conservative_mean", "conservative_p50", "conservative_p90", "conservative_p99", "conservative_max", "conservative_exceed_fraction",
        "conservative_gain", "theory_bound", "theory_exceed_probability",
    ];

    /// <summary>Adds the row of one (skew, width, depth): both update rules on the same stream and seed.</summary>
    public static void AddRow(ResultTable table, ZipfStream stream, int width, int depth, long seed, CancellationToken cancellation)
    {
        double epsilon = CountMinMath.EpsilonFor(width);
        var c = Measure(stream, width, depth, CountMinUpdate.Classic, epsilon, seed, cancellation);
        var v = Measure(stream, width, depth, CountMinUpdate.Conservative, epsilon, seed, cancellation);
        table.AddRow(stream.Skew, epsilon, width, depth, stream.Length, stream.Keys,
            c.Mean, c.P50, c.P90, c.P99, c.Max, c.ExceedFraction,
            v.Mean, v.P50, v.P90, v.P99, v.Max, v.ExceedFraction,
            v.Mean > 0 ? c.Mean / v.Mean : double.NaN, epsilon, CountMinMath.DeltaFor(depth));
    }

    /// <summary>One row per skew, depth and width; one stream per skew, shared by all its sketches.</summary>
    public static ResultTable Sweep(CountMinErrorParameters p, int seed, IProgress<ExperimentProgress>? progress, CancellationToken cancellation)
    {
        var table = new ResultTable(Columns);
        long total = (long)p.Skews.Length * p.Widths.Length * p.Depths.Length, done = 0;
        foreach (double skew in p.Skews)
        {
            var stream = ZipfStream.Generate(p.Keys, skew, p.StreamLength, seed);
            foreach (int depth in p.Depths)
                foreach (int width in p.Widths)
                {
                    progress?.Report(new ExperimentProgress(done, total, $"s = {skew}, w = {width}, d = {depth}"));
                    AddRow(table, stream, width, depth, seed, cancellation);
                    progress?.Report(new ExperimentProgress(++done, total, $"s = {skew}, w = {width}, d = {depth}"));
                }
        }
        return table;
    }

}
