using System.Globalization;
using Workbench.Filters;

namespace Workbench.Experiments.Bloom;

/// <summary>One claim of a paper checked against measurements: what was measured, what the paper or the closed form says, and whether they agree.</summary>
public sealed record ClaimCheck(string Claim, string Measured, string Expected, bool Holds);

/// <summary>One row of the measured-against-theory table of <c>bloom/fpr-vs-bits</c>.</summary>
public sealed record FprComparison(string Filter, long BitsPerKey, long K, string Measured, string Theory, double Ratio, bool TheoryInInterval);

/// <summary>
/// The claims of the Bloom papers checked against the tables of <c>bloom/fpr-vs-bits</c> and
/// <c>bloom/fpr-vs-k</c>: Bloom (1970) for the rate at 10 bits per key and the optimal k, Kirsch
/// &amp; Mitzenmacher (2006) for double hashing matching the independent-hash formula, Putze,
/// Sanders &amp; Singler (2007) for the blocked filter's extra false positives.
/// </summary>
public static class BloomClaims
{
    /// <summary>How far a measurement may sit from the closed form, in binomial standard deviations, before the agreement claims fail.</summary>
    public const double MaxDeviations = 4.0;

    /// <summary>Measured against theory, one row per memory budget of <paramref name="filter"/>.</summary>
    public static IReadOnlyList<FprComparison> Compare(ResultTable fprVsBits, string filter = BloomFilters.Classic)
    {
        var t = fprVsBits.Where("filter", filter);
        return [.. Enumerable.Range(0, t.RowCount).Select(i => new FprComparison(
            filter,
            (long)t.Cell(i, "bits_per_key"),
            (long)t.Cell(i, "k"),
            Percent((double)t.Cell(i, "fpr")),
            Percent((double)t.Cell(i, "theory_fpr")),
            Math.Round((double)t.Cell(i, "fpr") / (double)t.Cell(i, "theory_fpr"), 3),
            (double)t.Cell(i, "ci_low") <= (double)t.Cell(i, "theory_fpr") && (double)t.Cell(i, "theory_fpr") <= (double)t.Cell(i, "ci_high")))];
    }

    /// <summary>Every claim that the two tables can check; a claim whose data is missing (e.g. 10 bits per key not in the sweep) is reported as not measured.</summary>
    public static IReadOnlyList<ClaimCheck> Check(ResultTable fprVsBits, ResultTable fprVsK)
    {
        var checks = new List<ClaimCheck>();
        var classic = fprVsBits.Where("filter", BloomFilters.Classic);
        var blocked = fprVsBits.Where("filter", BloomFilters.Blocked);

        // Bloom 1970: 10 bits per key with k = round(10 ln 2) = 7 gives about 1%.
        var at10 = classic.Where("bits_per_key", "10");
        if (at10.RowCount == 1)
        {
            double fpr = (double)at10.Cell(0, "fpr"), theory = (double)at10.Cell(0, "theory_fpr");
            checks.Add(new ClaimCheck(
                "10 bits per key give about 1% false positives (classic, k = 7)",
                $"measured FPR at 10 bits/key: {Percent(fpr)}",
                $"theory {Percent(theory)}",
                fpr is > 0.005 and < 0.015 && Deviations(at10, 0) < MaxDeviations));
        }
        else checks.Add(NotMeasured("10 bits per key give about 1% false positives (classic, k = 7)", "bits_per_key does not include 10"));

        // No false negatives: FprMeasurement looks up every member and throws on a miss.
        long members = fprVsBits.Doubles("keys").Sum(k => (long)k) + fprVsK.Doubles("keys").Sum(k => (long)k);
        checks.Add(new ClaimCheck(
            "No false negatives",
            $"0 misses in {members:N0} lookups of added keys",
            "0",
            true));

        // Kirsch & Mitzenmacher 2006: two hashes, g_i = a + i·b, match the k-independent-hash formula.
        if (classic.RowCount > 0)
        {
            double worst = Enumerable.Range(0, classic.RowCount).Max(i => Deviations(classic, i));
            checks.Add(new ClaimCheck(
                "Two hash functions suffice: double hashing matches the independent-hash formula",
                $"largest gap over {classic.RowCount} memory budgets: {worst.ToString("0.0", CultureInfo.InvariantCulture)} standard deviations",
                $"under {MaxDeviations} standard deviations",
                worst < MaxDeviations));
        }

        // Bloom 1970: at fixed memory the rate is lowest near k = (m/n) ln 2.
        var kClassic = fprVsK.Where("filter", BloomFilters.Classic);
        if (kClassic.RowCount > 0)
        {
            int best = Enumerable.Range(0, kClassic.RowCount).MinBy(i => (double)kClassic.Cell(i, "fpr"));
            long bestK = (long)kClassic.Cell(best, "k");
            double bpk = (double)kClassic.Cell(0, "bits_per_key");
            double optimal = BloomMath.OptimalK(bpk);
            checks.Add(new ClaimCheck(
                $"At {bpk.ToString(CultureInfo.InvariantCulture)} bits per key the rate is lowest near k = (m/n) ln 2",
                $"lowest measured FPR at k = {bestK} ({Percent((double)kClassic.Cell(best, "fpr"))})",
                $"k = {optimal.ToString("0.00", CultureInfo.InvariantCulture)}",
                Math.Abs(bestK - optimal) <= 1.0));
        }

        // Putze, Sanders & Singler 2007: one cache line per lookup costs a little accuracy.
        var blocked10 = blocked.Where("bits_per_key", "10");
        if (at10.RowCount == 1 && blocked10.RowCount == 1)
        {
            double c = (double)at10.Cell(0, "fpr"), b = (double)blocked10.Cell(0, "fpr");
            double? equal = BitsForRate(blocked, c);
            checks.Add(new ClaimCheck(
                "Blocking costs a little accuracy at the same memory",
                $"blocked {Percent(b)} vs classic {Percent(c)} at 10 bits/key ({(b / c).ToString("0.00", CultureInfo.InvariantCulture)}x)" +
                    (equal is double e ? $"; blocked needs {e.ToString("0.0", CultureInfo.InvariantCulture)} bits/key to match" : ""),
                "blocked worse, within a few times classic",
                b >= c && b < 4 * c));
        }
        else checks.Add(NotMeasured("Blocking costs a little accuracy at the same memory", "needs both filters at 10 bits per key"));
        return checks;
    }

    /// <summary>|measured - theory| in binomial standard deviations of the probe count.</summary>
    private static double Deviations(ResultTable t, int row)
    {
        double probes = Convert.ToDouble(t.Cell(row, "probes"), CultureInfo.InvariantCulture);
        double fp = Convert.ToDouble(t.Cell(row, "false_positives"), CultureInfo.InvariantCulture);
        double p = (double)t.Cell(row, "theory_fpr");
        double sd = Math.Sqrt(probes * p * (1 - p));
        return sd == 0 ? (fp == 0 ? 0 : double.PositiveInfinity) : Math.Abs(fp - probes * p) / sd;
    }

    /// <summary>Bits per key at which a filter's measured rate falls to <paramref name="rate"/>, by log-linear interpolation between neighbouring budgets.</summary>
    private static double? BitsForRate(ResultTable t, double rate)
    {
        var points = Enumerable.Range(0, t.RowCount)
            .Select(i => (Bits: Convert.ToDouble(t.Cell(i, "bits_per_key"), CultureInfo.InvariantCulture), Fpr: (double)t.Cell(i, "fpr")))
            .OrderBy(p => p.Bits).ToList();
        for (int i = 1; i < points.Count; i++)
        {
            var (b0, f0) = points[i - 1];
            var (b1, f1) = points[i];
            if (f0 >= rate && f1 <= rate && f0 > 0 && f1 > 0 && f0 != f1)
                return b0 + (b1 - b0) * (Math.Log(f0) - Math.Log(rate)) / (Math.Log(f0) - Math.Log(f1));
        }
        return null;
    }

    private static ClaimCheck NotMeasured(string claim, string why) => new(claim, "not measured: " + why, "", false);

    /// <summary>A rate as a percentage with three significant digits, e.g. <c>0.822%</c>.</summary>
    public static string Percent(double fraction) =>
        (fraction * 100).ToString(fraction >= 0.01 ? "0.00" : fraction >= 0.0001 ? "0.000" : "0.00000", CultureInfo.InvariantCulture) + "%";
}
