using System.Globalization;
using Workbench.Experiments.Bloom;

namespace Workbench.Experiments.CountMin;

/// <summary>
/// The claims of Cormode &amp; Muthukrishnan (2005) and Estan &amp; Varghese (2002) checked against the
/// tables of <c>count-min/error-vs-width</c>, <c>count-min/error-vs-depth</c> and
/// <c>count-min/heavy-hitters</c>.
/// </summary>
public static class CountMinClaims
{
    public static IReadOnlyList<ClaimCheck> Check(ResultTable errorVsWidth, ResultTable errorVsDepth, ResultTable heavyHitters)
    {
        var checks = new List<ClaimCheck>();
        var all = new[] { errorVsWidth, errorVsDepth };

        // Theorem 1: the estimate never falls below the true count (the measurement throws otherwise).
        long keys = all.Sum(t => t.Doubles("keys").Sum(k => (long)k) * 2);
        checks.Add(new("Estimates never fall below the true counts (both update rules)", $"0 underestimates in {keys:N0} queries", "0", true));

        // Theorem 1: error > eps N for at most a delta fraction of keys.
        double worstExcess = 0;
        string worst = "";
        foreach (var t in all)
            for (int i = 0; i < t.RowCount; i++)
            {
                double excess = (double)t.Cell(i, "classic_exceed_fraction") / (double)t.Cell(i, "theory_exceed_probability");
                if (excess >= worstExcess) { worstExcess = excess; worst = $"w = {t.Cell(i, "width")}, d = {t.Cell(i, "depth")}, s = {F(t.Cell(i, "skew"))}: {P(t.Cell(i, "classic_exceed_fraction"))} of keys vs δ = {P(t.Cell(i, "theory_exceed_probability"))}"; }
            }
        checks.Add(new("Error exceeds ε·N (ε = e/w) for at most a fraction δ = e^-d of keys",
            $"largest measured fraction / δ: {F(worstExcess)} ({worst})", "at most 1", worstExcess <= 1));

        // The bound is loose on skewed streams: the 99th-percentile error sits well below e/w.
        double maxP99 = Enumerable.Range(0, errorVsWidth.RowCount).Max(i => (double)errorVsWidth.Cell(i, "classic_p99") / (double)errorVsWidth.Cell(i, "theory_bound"));
        checks.Add(new("99% of keys have error below ε·N at d = 5 (so the bound holds with room at the 99th percentile)",
            $"largest 99th-percentile error / (ε·N): {F(maxP99)}", "below 1", maxP99 < 1));

        // Estan & Varghese: conservative update never does worse, and gains on skewed streams.
        var gains = errorVsWidth.Doubles("conservative_gain").Where(double.IsFinite).ToArray();
        checks.Add(new("Conservative update lowers the error (Estan & Varghese 2002)",
            $"mean-error ratio classic / conservative from {F(gains.Min())} to {F(gains.Max())}", "at least 1 everywhere, above 1.5 somewhere",
            gains.Length > 0 && gains.Min() >= 1 && gains.Max() > 1.5));

        // Section 5.1: heavy hitters with recall 1; reported keys at least (phi - eps) N.
        var recalls = heavyHitters.Doubles("recall").Where(double.IsFinite).ToArray();
        checks.Add(new("Every true heavy hitter is reported (recall 1)", $"recall from {F(recalls.Min())} to {F(recalls.Max())} over {heavyHitters.RowCount} runs", "1", recalls.All(r => r == 1)));
        int violations = 0;
        for (int i = 0; i < heavyHitters.RowCount; i++)
        {
            double smallest = (double)heavyHitters.Cell(i, "smallest_reported_fraction");
            if (double.IsFinite(smallest) && smallest < (double)heavyHitters.Cell(i, "theory_smallest_fraction")) violations++;
        }
        checks.Add(new("Reported keys have f ≥ (φ - ε)·N", $"{violations} of {heavyHitters.RowCount} runs report a lighter key", "0 (each key fails with probability at most δ)", violations == 0));
        var widest = heavyHitters.Where("width", heavyHitters.Doubles("width").Max().ToString(CultureInfo.InvariantCulture));
        double minPrecision = widest.Doubles("precision").Where(double.IsFinite).DefaultIfEmpty(double.NaN).Min();
        checks.Add(new("With ε well below φ the reported set is exact", $"smallest precision at the widest sketch (w = {widest.Cell(0, "width")}): {F(minPrecision)}", "at least 0.9", minPrecision >= 0.9));
        return checks;
    }

    internal static string F(object v) => Convert.ToDouble(v, CultureInfo.InvariantCulture).ToString("0.###", CultureInfo.InvariantCulture);

    internal static string P(object v) => (Convert.ToDouble(v, CultureInfo.InvariantCulture) * 100).ToString("0.####", CultureInfo.InvariantCulture) + "%";
}
