using Workbench.Experiments.Treap;
using Workbench.Trees;

namespace Workbench.Tests.Experiments;

/// <summary>The treap experiments in their quick form: the paper's claims hold, results are byte-identical per seed, bad parameters are named.</summary>
public class TreapExperimentTests
{
    private static readonly Lazy<(ExperimentResult Depth, ExperimentResult Distribution, ExperimentResult Rotations)> QuickRuns = new(() =>
    (
        new DepthVsNExperiment().Run(new DepthVsNExperiment().Quick, seed: 42),
        new DepthDistributionExperiment().Run(new DepthDistributionExperiment().Quick, seed: 42),
        new RotationsExperiment().Run(new RotationsExperiment().Quick, seed: 42)
    ));

    [Fact]
    public void Every_treap_claim_holds_in_the_quick_profile()
    {
        var (depth, distribution, rotations) = QuickRuns.Value;
        var checks = TreapClaims.Check(depth.Table, rotations.Table, distribution.Table);
        Assert.Equal(4, checks.Count);
        Assert.All(checks, c => Assert.True(c.Holds, $"{c.Claim}: {c.Measured}; expected {c.Expected}"));
    }

    [Fact]
    public void Depth_table_has_one_row_per_n_with_theory_beside_it()
    {
        var (depth, _, _) = QuickRuns.Value;
        Assert.Equal(DepthVsNExperiment.Columns, depth.Table.Columns);
        Assert.Equal(new DepthVsNExperiment().Quick.Keys.Select(k => (double)k), depth.Table.Doubles("keys"));
        Assert.All(depth.Table.Doubles("theory_avg_depth").Zip(depth.Table.Keys()), x => Assert.Equal(TreapMath.ExpectedAverageDepth((long)x.Second), x.First));
        Assert.Equal(["depth-vs-n", "height-vs-n"], depth.Figures.Select(f => f.Name));
        var figure = depth.Figures[0];
        Assert.True(figure.X.Log);
        Assert.Contains(figure.Series, s => s.Style == SeriesStyle.Theory && s.YColumn == "theory_avg_depth");
    }

    [Fact]
    public void Depth_distribution_counts_every_node_once()
    {
        var (_, distribution, _) = QuickRuns.Value;
        var p = new DepthDistributionExperiment().Quick;
        Assert.Equal(p.Keys * p.Trees, (long)distribution.Table.Doubles("count").Sum());
        Assert.Equal(1.0, distribution.Table.Doubles("fraction").Sum(), 9);
        Assert.Equal(1.0, distribution.Table.Doubles("theory_fraction").Sum(), 6);
        Assert.Equal(0, distribution.Table.Doubles("depth").First());
    }

    [Fact]
    public void Rotations_table_has_an_insert_and_a_delete_row_per_order_and_n()
    {
        var (_, _, rotations) = QuickRuns.Value;
        var p = new RotationsExperiment().Quick;
        Assert.Equal(2 * p.Orders.Length * p.Keys.Length, rotations.Table.RowCount);
        Assert.All(rotations.Table.Doubles("theory_rotations_per_update"), t => Assert.True(t < 2));
        Assert.Equal(["random insert", "random delete", "sequential insert", "sequential delete"], rotations.Table.Distinct("series"));
    }

    [Fact]
    public void Same_seed_gives_byte_identical_csv_and_another_seed_does_not()
    {
        var depth = new DepthVsNExperiment();
        var dp = depth.Quick with { Keys = [100, 2_000], Trees = 3 };
        Assert.Equal(depth.Run(dp, 7).Table.ToCsv(), depth.Run(dp, 7).Table.ToCsv());
        Assert.NotEqual(depth.Run(dp, 7).Table.ToCsv(), depth.Run(dp, 8).Table.ToCsv());

        var rotations = new RotationsExperiment();
        var rp = rotations.Quick with { Keys = [500], Trees = 2 };
        Assert.Equal(rotations.Run(rp, 7).Table.ToCsv(), rotations.Run(rp, 7).Table.ToCsv());

        var distribution = new DepthDistributionExperiment();
        var xp = distribution.Quick with { Keys = 1_000, Trees = 2 };
        Assert.Equal(distribution.Run(xp, 7).Table.ToCsv(), distribution.Run(xp, 7).Table.ToCsv());
    }

    [Theory]
    [InlineData("treap/depth-vs-n", "keys", "0")]
    [InlineData("treap/depth-vs-n", "trees", "0")]
    [InlineData("treap/depth-distribution", "keys", "100000000")]
    [InlineData("treap/rotations", "orders", "zigzag")]
    [InlineData("treap/rotations", "keys", "-5")]
    public void Bad_parameters_are_rejected_naming_the_parameter(string id, string name, string value)
    {
        var experiment = ExperimentRegistry.Library.Find(id)!;
        var e = Assert.Throws<ParameterException>(() => ParameterBinder.Bind(experiment.Defaults, [new(name, value)]));
        Assert.Contains(name, e.Message);
    }

    [Fact]
    public void Treap_experiments_are_registered_under_the_treap_paper()
    {
        Assert.Equal(["treap/depth-vs-n", "treap/depth-distribution", "treap/rotations"], ExperimentRegistry.Library.ForPaper("treap").Select(e => e.Id));
        Assert.NotNull(Papers.Find("treap"));
    }
}

internal static class TableExtensions
{
    public static IEnumerable<double> Keys(this ResultTable t) => t.Doubles("keys");
}
