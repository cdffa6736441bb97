using System.Globalization;
using Workbench.Experiments.Bloom;
using Workbench.Trees;

namespace Workbench.Experiments.Treap;

/// <summary>
/// The claims of Seidel &amp; Aragon (1996) checked against the tables of <c>treap/depth-vs-n</c>,
/// <c>treap/depth-distribution</c> and <c>treap/rotations</c>, each with a statistically stated tolerance.
/// </summary>
public static class TreapClaims
{
    /// <summary>How far a mean may sit from its exact expectation, in standard errors, before an agreement claim fails.</summary>
    public const double MaxDeviations = 4.0;

    /// <summary>Largest total variation distance between the measured and the expected depth distribution accepted (the sampling noise at 10,000 nodes per tree is well below it).</summary>
    public const double MaxTotalVariation = 0.03;

    public static IReadOnlyList<ClaimCheck> Check(ResultTable depthVsN, ResultTable rotations, ResultTable? depthDistribution = null)
    {
        var checks = new List<ClaimCheck>();

        // Section 4: average depth 2(1 + 1/n)H_n - 4, the random-search-tree value.
        if (depthVsN.RowCount > 0)
        {
            double worst = 0;
            string at = "";
            for (int i = 0; i < depthVsN.RowCount; i++)
            {
                double n = Num(depthVsN, i, "keys"), trees = Num(depthVsN, i, "trees");
                double se = DepthVsNExperiment.AverageDepthSd / Math.Sqrt(trees);
                double dev = Math.Abs(Num(depthVsN, i, "avg_depth") - Num(depthVsN, i, "theory_avg_depth")) / se;
                if (dev >= worst) { worst = dev; at = $"n = {n.ToString("N0", CultureInfo.InvariantCulture)}"; }
            }
            int last = depthVsN.RowCount - 1;
            checks.Add(new ClaimCheck(
                "The average node depth is 2(1 + 1/n)H_n - 4, as in a random search tree",
                $"at n = {Num(depthVsN, last, "keys").ToString("N0", CultureInfo.InvariantCulture)}: {F(Num(depthVsN, last, "avg_depth"))} against {F(Num(depthVsN, last, "theory_avg_depth"))}; largest gap {F(worst, "0.0")} standard errors ({at})",
                $"within {MaxDeviations} standard errors at every n",
                worst < MaxDeviations));

            bool below = Enumerable.Range(0, depthVsN.RowCount).All(i => Num(depthVsN, i, "avg_depth") < Num(depthVsN, i, "theory_two_ln_n"));
            checks.Add(new ClaimCheck(
                "Node depth grows as 2 ln n (the average stays below it)",
                $"at n = {Num(depthVsN, last, "keys").ToString("N0", CultureInfo.InvariantCulture)}: average {F(Num(depthVsN, last, "avg_depth"))}, 2 ln n = {F(Num(depthVsN, last, "theory_two_ln_n"))}, height {F(Num(depthVsN, last, "max_depth"))}",
                "average below 2 ln n at every n",
                below));
        }

        if (depthDistribution is { RowCount: > 0 })
        {
            double tv = 0.5 * Enumerable.Range(0, depthDistribution.RowCount)
                .Sum(i => Math.Abs(Num(depthDistribution, i, "fraction") - Num(depthDistribution, i, "theory_fraction")));
            checks.Add(new ClaimCheck(
                "Depths are distributed as in a random search tree",
                $"total variation distance {F(tv, "0.0000")} at n = {Num(depthDistribution, 0, "keys").ToString("N0", CultureInfo.InvariantCulture)}",
                $"below {MaxTotalVariation}",
                tv < MaxTotalVariation));
        }

        // Section 4: fewer than 2 rotations per update in expectation.
        if (rotations.RowCount > 0)
        {
            double worst = 0, largest = 0, largestTheory = 0;
            for (int i = 0; i < rotations.RowCount; i++)
            {
                double mean = Num(rotations, i, "rotations_per_update"), theory = Num(rotations, i, "theory_rotations_per_update");
                double se = (Num(rotations, i, "ci_high") - Num(rotations, i, "ci_low")) / (2 * 1.96);
                worst = Math.Max(worst, se == 0 ? (mean == theory ? 0 : double.PositiveInfinity) : Math.Abs(mean - theory) / se);
                if (mean > largest) { largest = mean; largestTheory = theory; }
            }
            checks.Add(new ClaimCheck(
                "An update makes fewer than 2 rotations on average",
                $"largest mean {F(largest, "0.000")} rotations per update (expectation {F(largestTheory, "0.000")}); largest gap to the exact expectation {F(worst, "0.0")} standard errors",
                $"expectation below 2 and every mean within {MaxDeviations} standard errors of it",
                worst < MaxDeviations && Enumerable.Range(0, rotations.RowCount).All(i => Num(rotations, i, "theory_rotations_per_update") < 2)));
        }
        return checks;
    }

    private static double Num(ResultTable t, int row, string column) => Convert.ToDouble(t.Cell(row, column), CultureInfo.InvariantCulture);

    private static string F(double v, string format = "0.00") => v.ToString(format, CultureInfo.InvariantCulture);
}
