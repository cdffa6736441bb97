using Workbench.Trees;

namespace Workbench.Experiments.Treap;

/// <summary>Parameters of <c>treap/rotations</c>.</summary>
/// <param name="Keys">The tree sizes n: n keys are inserted into an empty treap, then all deleted.</param>
/// <param name="Orders">Key orders: <c>random</c> (insert and delete in two seeded shuffles), <c>sequential</c> (ascending both times).</param>
/// <param name="Trees">Independently seeded runs per n and order.</param>
public sealed record RotationsParameters(long[] Keys, string[] Orders, int Trees) : IExperimentParameters
{
    public IEnumerable<string> Validate() =>
        TreapWorkload.KeysInRange("keys", Keys, DepthVsNParameters.MaxKeys)
            .Concat(Check.OneOf("orders", Orders ?? [], TreapWorkload.Orders))
            .Concat(Check.Positive("trees", Trees))
            .Concat(Trees > 1000 ? [$"trees must be at most 1000 (got {Trees})"] : []);

    public override string ToString() => $"keys={ParameterBinder.Format(Keys)}, orders={ParameterBinder.Format(Orders)}, trees={Trees}";
}

/// <summary>
/// <c>treap/rotations</c>: rotations per insertion and per deletion against n. Seidel &amp; Aragon
/// (1996, section 4): updating the l-th of n keys makes as many rotations as the right spine of its
/// left subtree plus the left spine of its right subtree, expected <c>(1 - 1/l) + (1 - 1/(n-l+1))</c>,
/// always below 2. Inserting n keys in random order (each lands at a uniform rank) and deleting them in
/// random order expects <c>2 - (2/n) Σ H_m/m</c> per update; ascending order (always the largest
/// key in, the smallest out) expects <c>1 - H_n/n</c>. Deletion rotates the node down to a leaf, as in
/// the paper. Deterministic.
/// </summary>
public sealed class RotationsExperiment : Experiment<RotationsParameters>
{
    public override string Id => "treap/rotations";
    public override string Title => "Rotations per insertion and per deletion against the number of keys";

    public override RotationsParameters Defaults { get; } = new([100, 1_000, 10_000, 100_000, 1_000_000], TreapWorkload.Orders, 3);
    public override RotationsParameters Quick { get; } = new([100, 1_000, 10_000], TreapWorkload.Orders, 5);

    public static readonly string[] Columns =
        ["order", "update", "series", "keys", "trees", "updates", "rotations", "rotations_per_update", "ci_low", "ci_high", "theory_rotations_per_update"];

    protected override ResultTable Execute(RotationsParameters p, int seed, IProgress<ExperimentProgress>? progress, CancellationToken cancellation)
    {
        var table = new ResultTable(Columns);
        long total = (long)p.Orders.Length * p.Keys.Length * p.Trees, done = 0;
        foreach (var order in p.Orders)
        {
            foreach (long n in p.Keys)
            {
                var insert = new Moments();
                var delete = new Moments();
                for (int t = 0; t < p.Trees; t++)
                {
                    cancellation.ThrowIfCancellationRequested();
                    string stage = $"{order} order, n = {n:N0}, run {t + 1} of {p.Trees}";
                    progress?.Report(new ExperimentProgress(done, total, stage));
                    long treeSeed = TreapWorkload.TreeSeed(seed, n, t);
                    var treap = new Trees.Treap(treeSeed, (int)n);
                    foreach (var k in TreapWorkload.Keys(n, order, treeSeed + 1))
                    {
                        long before = treap.Rotations;
                        treap.Add(k);
                        insert.Add(treap.Rotations - before);
                    }
                    foreach (var k in TreapWorkload.Keys(n, order, treeSeed + 2))
                    {
                        long before = treap.Rotations;
                        treap.Remove(k);
                        delete.Add(treap.Rotations - before);
                    }
                    progress?.Report(new ExperimentProgress(++done, total, stage));
                }
                double theory = order == TreapWorkload.Random ? TreapMath.ExpectedRotationsPerRandomUpdate(n) : TreapMath.ExpectedRotationsPerSequentialUpdate(n);
                foreach (var (update, m) in new[] { ("insert", insert), ("delete", delete) })
                {
                    double half = 1.96 * m.StandardError;
                    table.AddRow(order, update, $"{order} {update}", n, p.Trees, m.Count, m.Sum, m.Mean, m.Mean - half, m.Mean + half, theory);
                }
            }
        }
        return table;
    }

    /// <summary>Count, sum and sum of squares of per-update rotation counts (exact integers).</summary>
    private sealed class Moments
    {
        public long Count, Sum, SumOfSquares;

        public void Add(long x) { Count++; Sum += x; SumOfSquares += x * x; }

        public double Mean => (double)Sum / Count;

        public double StandardError => Count < 2 ? 0 : Math.Sqrt(Math.Max(0, ((double)SumOfSquares - (double)Sum * Sum / Count) / (Count - 1)) / Count);
    }

    public override IReadOnlyList<FigureSpec> Figures(RotationsParameters p) =>
    [
        new FigureSpec(
            "rotations",
            $"Treap rotations per update against n ({p.Trees} seeded runs per point; the paper's bound is 2)",
            new AxisSpec("keys", "keys n", Log: true),
            new AxisSpec("rotations_per_update", "rotations per update (mean)"),
            [
                new SeriesSpec("rotations_per_update", "measured (95% CI)", SeriesStyle.Measured, "ci_low", "ci_high"),
                new SeriesSpec("theory_rotations_per_update", "exact expectation", SeriesStyle.Theory),
            ],
            GroupBy: "series"),
    ];
}
