using Workbench.Statistics;
using Workbench.Trees;

namespace Workbench.Experiments.Treap;

/// <summary>Parameters of <c>treap/depth-vs-n</c>.</summary>
/// <param name="Keys">The tree sizes n to measure.</param>
/// <param name="Trees">Independently seeded treaps per n; the mean depth's interval narrows as 1/sqrt of this.</param>
public sealed record DepthVsNParameters(long[] Keys, int Trees) : IExperimentParameters
{
    /// <summary>Largest n accepted (each tree holds n keys at 24 bytes per node).</summary>
    public const long MaxKeys = 20_000_000;

    public IEnumerable<string> Validate() =>
        TreapWorkload.KeysInRange("keys", Keys, MaxKeys)
            .Concat(Check.Positive("trees", Trees))
            .Concat(Trees > 1000 ? [$"trees must be at most 1000 (got {Trees})"] : []);

    public override string ToString() => $"keys={ParameterBinder.Format(Keys)}, trees={Trees}";
}

/// <summary>
/// <c>treap/depth-vs-n</c>: the average and the largest node depth (edges from the root) of seeded
/// treaps of n keys, against n. Seidel &amp; Aragon (1996, section 4): a treap has the shape of a
/// random binary search tree, so the l-th key's expected depth is <c>H_l + H_(n-l+1) - 2</c>, at
/// most about <c>2 ln n</c>, and the expected average over the nodes is exactly
/// <c>2(1 + 1/n)H_n - 4</c>. Beside the measurements: that exact expectation, the <c>2 ln n</c>
/// bound, and the leading terms of the expected height, <c>4.311 ln n - 1.953 ln ln n</c> (Reed 2003),
/// for the largest depth. Deterministic: the same parameters and seed give the same table.
/// </summary>
public sealed class DepthVsNExperiment : Experiment<DepthVsNParameters>
{
    /// <summary>Standard deviation of one random search tree's average depth for large n: sqrt(7 - 2π²/3) ≈ 0.648 (the variance of the internal path length is (7 - 2π²/3)n² + o(n²)).</summary>
    public static readonly double AverageDepthSd = Math.Sqrt(7 - 2 * Math.PI * Math.PI / 3);

    public override string Id => "treap/depth-vs-n";
    public override string Title => "Node depth of a treap against the number of keys";

    public override DepthVsNParameters Defaults { get; } = new([100, 1_000, 10_000, 100_000, 1_000_000], 10);
    public override DepthVsNParameters Quick { get; } = new([100, 1_000, 10_000], 10);

    public static readonly string[] Columns =
        ["keys", "trees", "avg_depth", "avg_depth_ci_low", "avg_depth_ci_high", "max_depth", "max_depth_largest", "theory_avg_depth", "theory_two_ln_n", "theory_height_asymptote"];

    protected override ResultTable Execute(DepthVsNParameters p, int seed, IProgress<ExperimentProgress>? progress, CancellationToken cancellation)
    {
        var table = new ResultTable(Columns);
        long total = (long)p.Keys.Length * p.Trees, done = 0;
        foreach (long n in p.Keys)
        {
            var averages = new double[p.Trees];
            var heights = new int[p.Trees];
            for (int t = 0; t < p.Trees; t++)
            {
                cancellation.ThrowIfCancellationRequested();
                progress?.Report(new ExperimentProgress(done, total, $"n = {n:N0}, tree {t + 1} of {p.Trees}"));
                var treap = TreapWorkload.Build(n, TreapWorkload.TreeSeed(seed, n, t));
                var depths = treap.NodeDepths();
                long sum = 0;
                int max = 0;
                foreach (int d in depths) { sum += d; max = Math.Max(max, d); }
                averages[t] = (double)sum / n;
                heights[t] = max;
                progress?.Report(new ExperimentProgress(++done, total, $"n = {n:N0}, tree {t + 1} of {p.Trees}"));
            }
            double mean = averages.Average();
            double half = 1.96 * SampleStatistics.StandardDeviation(averages, mean) / Math.Sqrt(p.Trees);
            table.AddRow(n, p.Trees, mean, mean - half, mean + half, heights.Average(), heights.Max(),
                TreapMath.ExpectedAverageDepth(n), TreapMath.TwoLnN(n), TreapMath.HeightAsymptote(n));
        }
        return table;
    }

    /// <summary>
    /// Two figures from one table: the average depth beside its exact expectation and the paper's
    /// 2 ln n (drawn as the paper's stated value), and the height beside its asymptote.
    /// </summary>
    public override IReadOnlyList<FigureSpec> Figures(DepthVsNParameters p) =>
    [
        new FigureSpec(
            "depth-vs-n",
            $"Treap average node depth against n ({p.Trees} seeded trees per n)",
            new AxisSpec("keys", "keys n", Log: true),
            new AxisSpec("avg_depth", "average depth (edges from the root)"),
            [
                new SeriesSpec("avg_depth", "measured (95% CI)", SeriesStyle.Measured, "avg_depth_ci_low", "avg_depth_ci_high"),
                new SeriesSpec("theory_avg_depth", "exact expectation 2(1+1/n)H_n − 4", SeriesStyle.Theory),
                new SeriesSpec("theory_two_ln_n", "Seidel & Aragon: about 2 ln n", SeriesStyle.Published),
            ]),
        new FigureSpec(
            "height-vs-n",
            $"Treap height (largest node depth) against n ({p.Trees} seeded trees per n)",
            new AxisSpec("keys", "keys n", Log: true),
            new AxisSpec("max_depth", "height (edges from the root to the deepest node)"),
            [
                new SeriesSpec("max_depth", "measured, mean over trees", SeriesStyle.Measured),
                new SeriesSpec("theory_height_asymptote", "asymptote 4.311 ln n − 1.953 ln ln n (Reed 2003)", SeriesStyle.Theory),
            ]),
    ];
}
