using Workbench.Trees;

namespace Workbench.Experiments.Treap;

/// <summary>Parameters of <c>treap/depth-distribution</c>.</summary>
/// <param name="Keys">n, keys per tree.</param>
/// <param name="Trees">Independently seeded treaps whose depths are pooled.</param>
public sealed record DepthDistributionParameters(long Keys, int Trees) : IExperimentParameters
{
    public IEnumerable<string> Validate() =>
        TreapWorkload.KeysInRange("keys", [Keys], DepthVsNParameters.MaxKeys)
            .Concat(Check.Positive("trees", Trees))
            .Concat(Trees > 1000 ? [$"trees must be at most 1000 (got {Trees})"] : []);

    public override string ToString() => $"keys={Keys}, trees={Trees}";
}

/// <summary>
/// <c>treap/depth-distribution</c>: how node depths are spread in a treap of n keys, the histogram
/// behind the average of <c>treap/depth-vs-n</c>, pooled over seeded trees, beside the exact expected
/// depth profile of a random binary search tree (the shape of a treap, Seidel &amp; Aragon 1996,
/// section 3), from <see cref="TreapMath.ExpectedDepthProfile"/>. Most nodes sit within a few levels
/// of <c>2 ln n - 2.85</c>; the tail toward the height is thin. Deterministic.
/// </summary>
public sealed class DepthDistributionExperiment : Experiment<DepthDistributionParameters>
{
    public override string Id => "treap/depth-distribution";
    public override string Title => "Distribution of node depths in a treap";

    public override DepthDistributionParameters Defaults { get; } = new(1_000_000, 5);
    public override DepthDistributionParameters Quick { get; } = new(10_000, 10);

    public static readonly string[] Columns = ["depth", "count", "keys", "trees", "fraction", "theory_fraction", "theory_count"];

    protected override ResultTable Execute(DepthDistributionParameters p, int seed, IProgress<ExperimentProgress>? progress, CancellationToken cancellation)
    {
        var counts = new List<long>();
        for (int t = 0; t < p.Trees; t++)
        {
            cancellation.ThrowIfCancellationRequested();
            progress?.Report(new ExperimentProgress(t, p.Trees + 1, $"tree {t + 1} of {p.Trees}"));
            var treap = TreapWorkload.Build(p.Keys, TreapWorkload.TreeSeed(seed, p.Keys, t));
            foreach (int d in treap.NodeDepths())
            {
                while (counts.Count <= d) counts.Add(0);
                counts[d]++;
            }
        }
        progress?.Report(new ExperimentProgress(p.Trees, p.Trees + 1, "expected depth profile"));
        var profile = TreapMath.ExpectedDepthProfile((int)p.Keys);
        var table = new ResultTable(Columns);
        double total = (double)p.Keys * p.Trees;
        for (int d = 0; d < Math.Max(counts.Count, profile.Length); d++)
        {
            long c = d < counts.Count ? counts[d] : 0;
            double theory = d < profile.Length ? profile[d] : 0;
            if (c == 0 && theory < 1e-6) continue;
            table.AddRow(d, c, p.Keys, p.Trees, c / total, theory / p.Keys, theory * p.Trees);
        }
        progress?.Report(new ExperimentProgress(p.Trees + 1, p.Trees + 1, "done"));
        return table;
    }

    public override IReadOnlyList<FigureSpec> Figures(DepthDistributionParameters p) =>
    [
        new FigureSpec(
            "depth-distribution",
            $"Distribution of node depths, n = {p.Keys:N0} ({p.Trees} seeded treaps pooled)",
            new AxisSpec("depth", "depth (edges from the root)"),
            new AxisSpec("fraction", "fraction of nodes"),
            [
                new SeriesSpec("fraction", "measured", SeriesStyle.Measured),
                new SeriesSpec("theory_fraction", "exact expectation (random search tree profile)", SeriesStyle.Theory),
            ],
            Markers: [new MarkerLine(TreapMath.ExpectedAverageDepth(p.Keys), $"mean 2(1+1/n)H_n − 4 = {TreapMath.ExpectedAverageDepth(p.Keys):0.00}")]),
    ];
}
