using System.Globalization;
using Workbench.Experiments.Bloom;

namespace Workbench.Experiments.HyperLogLog;

/// <summary>
/// The claims of Flajolet et al. (2007) and Heule, Nunkesser &amp; Hall (2013) checked against
/// <c>hyperloglog/error-vs-cardinality</c> and <c>hyperloglog/error-vs-memory</c>.
/// </summary>
public static class HyperLogLogClaims
{
    /// <summary>
    /// Allowed ratio of measured RMS error to 1.04/sqrt(m) where the estimate is asymptotic. With
    /// T trials the sample RMS is sigma·sqrt(chi²_T / T); for T ≥ 30 its 99.99% range is within
    /// [0.6, 1.4], and 1.04/sqrt(m) itself is the large-m limit (about 3% low at m = 16).
    /// </summary>
    public static (double Low, double High) RatioRange(int trials) => (1 - 3.9 / Math.Sqrt(2.0 * trials) - 0.03, 1 + 3.9 / Math.Sqrt(2.0 * trials) + 0.03);

    /// <summary>RMS error over the trials, pooled over the checkpoints from 10m up to the trial limit (all trials present), per precision.</summary>
    public static IReadOnlyList<(int Precision, double RmsOverTheory, int Samples)> PooledRatio(ResultTable errorVsCardinality)
    {
        var result = new List<(int, double, int)>();
        long maxTrials = (long)errorVsCardinality.Doubles("trials").Max();
        foreach (var pr in errorVsCardinality.Distinct("precision"))
        {
            var t = errorVsCardinality.Where("precision", pr);
            double sumSq = 0;
            int samples = 0;
            for (int i = 0; i < t.RowCount; i++)
            {
                long n = (long)t.Cell(i, "cardinality"), m = (long)t.Cell(i, "registers"), k = (long)t.Cell(i, "trials");
                if (n < 10 * m || k < maxTrials) continue;
                double rms = (double)t.Cell(i, "hllpp_rms_error");
                sumSq += rms * rms * k;
                samples += (int)k;
            }
            if (samples > 0) result.Add((int.Parse(pr, CultureInfo.InvariantCulture), Math.Sqrt(sumSq / samples) / (1.04 / Math.Sqrt(1 << int.Parse(pr, CultureInfo.InvariantCulture))), samples));
        }
        return result;
    }

    public static IReadOnlyList<ClaimCheck> Check(ResultTable errorVsCardinality, ResultTable errorVsMemory)
    {
        var checks = new List<ClaimCheck>();
        int trials = (int)errorVsMemory.Doubles("trials").Min();
        var (low, high) = RatioRange(trials);
        var ratios = errorVsMemory.Doubles("rms_over_theory").ToArray();
        checks.Add(new("The relative standard error is 1.04/sqrt(m) (error against memory, every precision)",
            $"RMS / (1.04/√m) from {F(ratios.Min())} to {F(ratios.Max())} over p = {errorVsMemory.Strings("precision").First()}..{errorVsMemory.Strings("precision").Last()}",
            $"within [{F(low)}, {F(high)}] ({trials} trials)", ratios.All(r => r >= low && r <= high)));

        int maxTrials = (int)errorVsCardinality.Doubles("trials").Max();
        var (cl, ch) = RatioRange(maxTrials);
        var pooled = PooledRatio(errorVsCardinality);
        checks.Add(new("Above 10m distinct keys the error stays at 1.04/sqrt(m), whatever the cardinality",
            string.Join(", ", pooled.Select(x => $"p = {x.Precision}: {F(x.RmsOverTheory)}")),
            $"each within [{F(cl)}, {F(ch)}]", pooled.Count > 0 && pooled.All(x => x.RmsOverTheory >= cl && x.RmsOverTheory <= ch)));

        // Small range: linear counting (and the sparse mode) make tiny cardinalities nearly exact.
        // Up to m/8 keys every precision from 8 up is still in sparse mode (it converts when list and buffer outgrow m bytes).
        var small = Enumerable.Range(0, errorVsCardinality.RowCount)
            .Where(i => (long)errorVsCardinality.Cell(i, "cardinality") is var n && n <= 100 && n <= (long)errorVsCardinality.Cell(i, "registers") / 8).ToList();
        double worstSmall = small.Count == 0 ? double.NaN : small.Max(i => (double)errorVsCardinality.Cell(i, "hllpp_rms_error"));
        checks.Add(new("Small cardinalities (n ≤ 100 and n ≤ m/8) are counted almost exactly (sparse mode, linear counting at 2^25)",
            $"largest RMS relative error over {small.Count} such points: {Pct(worstSmall)}", "below 1%", worstSmall < 0.01));

        // HLL++: the bias correction removes the 2007 estimator's bias between 2.5m and 5m.
        double worstPp = 0, worstOriginal = 0;
        foreach (var pr in errorVsCardinality.Distinct("precision"))
        {
            var t = errorVsCardinality.Where("precision", pr);
            for (int i = 0; i < t.RowCount; i++)
            {
                double n = Convert.ToDouble(t.Cell(i, "cardinality"), CultureInfo.InvariantCulture), m = Convert.ToDouble(t.Cell(i, "registers"), CultureInfo.InvariantCulture);
                if (n < 2.5 * m || n > 5 * m) continue;
                double se = (double)t.Cell(i, "theory_standard_error");
                worstPp = Math.Max(worstPp, Math.Abs((double)t.Cell(i, "hllpp_mean_error")) / se);
                worstOriginal = Math.Max(worstOriginal, Math.Abs((double)t.Cell(i, "original_mean_error")) / se);
            }
        }
        // The mean of T trials has standard deviation se/sqrt(T): 3 of those bound an unbiased estimator's mean.
        double allowed = 3 / Math.Sqrt(maxTrials);
        checks.Add(new("HLL++'s estimate is unbiased between 2.5m and 5m, where the raw estimate is biased (bias correction)",
            $"largest |mean error| in standard errors 1.04/√m: HLL++ {F(worstPp)}, 2007 estimator {F(worstOriginal)}",
            $"HLL++ within {F(allowed)} (3/√trials)", worstPp <= allowed));
        return checks;
    }

    internal static string F(double v) => v.ToString("0.###", CultureInfo.InvariantCulture);

    internal static string Pct(double v) => (v * 100).ToString("0.###", CultureInfo.InvariantCulture) + "%";
}
