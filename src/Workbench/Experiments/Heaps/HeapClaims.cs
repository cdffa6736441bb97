using System.Globalization;
using Workbench.Experiments.Bloom;

namespace Workbench.Experiments.Heaps;

/// <summary>
/// The counting claims of the heap papers checked against a <c>heaps/cache-lines</c> table, at
/// its largest n: Johnson (1975) for levels and comparisons of a d-ary heap, LaMarca &amp; Ladner
/// (1996) for cache lines. Each claim that the table cannot check (d = 2, 4 or 8 missing) is
/// reported as not measured.
/// </summary>
public static class HeapClaims
{
    /// <summary>How far measured lines per pop may sit from the theory, relative.</summary>
    public const double LineTolerance = 0.15;

    public static IReadOnlyList<ClaimCheck> Check(ResultTable cacheLines)
    {
        var checks = new List<ClaimCheck>();
        long n = (long)cacheLines.Doubles("n").Max();
        var at = cacheLines.Where("n", n.ToString(CultureInfo.InvariantCulture));
        double? Get(int d, string column)
        {
            var row = at.Where("arity", d.ToString(CultureInfo.InvariantCulture));
            return row.RowCount == 1 ? (double)row.Cell(0, column) : null;
        }
        string N = n.ToString("N0", CultureInfo.InvariantCulture);

        const string halfLevels = "A 4-ary heap has about half the levels of a binary heap (log_4 n = log_2 n / 2)";
        if (Get(2, "levels_per_pop") is double l2 && Get(4, "levels_per_pop") is double l4)
            checks.Add(new(halfLevels, $"levels per pop at n = {N}: d=4 {F(l4)}, d=2 {F(l2)} (ratio {F(l4 / l2)})", "ratio about 0.5 (0.4 to 0.6)", l4 / l2 is > 0.4 and < 0.6));
        else checks.Add(NotMeasured(halfLevels));

        const string sameComparisons = "d = 4 costs about the comparisons of d = 2 (d·log_d n is equal), d = 8 about a third more";
        if (Get(2, "comparisons_per_pop") is double c2 && Get(4, "comparisons_per_pop") is double c4 && Get(8, "comparisons_per_pop") is double c8)
            checks.Add(new(sameComparisons, $"comparisons per pop at n = {N}: d=2 {F(c2)}, d=4 {F(c4)}, d=8 {F(c8)}", "d=4 / d=2 within 0.85 to 1.25; d=8 / d=2 within 1.15 to 1.6",
                c4 / c2 is > 0.85 and < 1.25 && c8 / c2 is > 1.15 and < 1.6));
        else checks.Add(NotMeasured(sameComparisons));

        const string fewestLines = "d = 4 touches the fewest cache lines per pop (children in one 64-byte line, half the levels)";
        if (Get(2, "lines_per_pop") is double k2 && Get(4, "lines_per_pop") is double k4 && Get(8, "lines_per_pop") is double k8)
            checks.Add(new(fewestLines, $"lines per pop at n = {N}: d=2 {F(k2)}, d=4 {F(k4)}, d=8 {F(k8)}", "d=4 below both", k4 < k2 && k4 < k8));
        else checks.Add(NotMeasured(fewestLines));

        const string alignment = "Alignment matters: unaligned, a 4-ary heap's children straddle two lines";
        if (Get(4, "lines_per_pop") is double a4 && Get(4, "unaligned_lines_per_pop") is double u4)
            checks.Add(new(alignment, $"d=4 lines per pop at n = {N}: aligned {F(a4)}, unaligned {F(u4)} (ratio {F(u4 / a4)})", "unaligned at least 1.3 times aligned", u4 >= 1.3 * a4));
        else checks.Add(NotMeasured(alignment));

        const string theory = "Lines per pop follow ⌈16d/64⌉·log_d n + 2";
        var gaps = Enumerable.Range(0, at.RowCount).Select(i => Math.Abs((double)at.Cell(i, "lines_per_pop") / (double)at.Cell(i, "theory_lines_per_pop") - 1)).ToList();
        if (gaps.Count > 0)
            checks.Add(new(theory, $"largest relative gap at n = {N}: {gaps.Max():P1}", $"under {LineTolerance:P0}", gaps.Max() < LineTolerance));
        else checks.Add(NotMeasured(theory));
        return checks;
    }

    private static string F(double v) => v.ToString("0.00", CultureInfo.InvariantCulture);

    private static ClaimCheck NotMeasured(string claim) => new(claim, "not measured: needs d = 2, 4 and 8 in arities", "", false);
}
