using Workbench.Benchmarks;
using Workbench.Benchmarks.Treap;

namespace Workbench.Tests.Benchmarks;

public class TreapThroughputExperimentTests
{
    [Fact]
    public void Dry_run_measures_every_structure_and_operation_with_positive_times()
    {
        var experiment = new TreapThroughputExperiment();
        var p = experiment.Quick with { Orders = [TreapFixture.Random] };
        var progress = new List<ExperimentProgress>();
        var result = experiment.Run(p, seed: 1, new SynchronousProgress(progress.Add));

        var table = result.Table;
        Assert.Equal(TreapThroughputExperiment.Columns, table.Columns);
        Assert.Equal(TreapFixture.Structures, table.Distinct("structure"));
        Assert.Equal(3, table.RowCount);
        foreach (var op in TreapFixture.Operations)
        {
            var values = table.Doubles($"{op}_ns").ToList();
            for (int i = 0; i < values.Count; i++)
            {
                bool supported = TreapFixture.Supports((string)table.Cell(i, "structure"), op);
                Assert.True(supported ? values[i] > 0 && double.IsFinite(values[i]) : double.IsNaN(values[i]), $"{op} of row {i}: {values[i]}");
            }
        }
        Assert.Equal(1.0, (double)table.Where("structure", TreapFixture.SortedSetName).Cell(0, "lookup_ratio_to_sortedset"));
        Assert.Equal(11, progress.Max(x => x.Done));
        Assert.False(experiment.Deterministic);
        Assert.Contains(BenchmarkExperiments.Registry.All, e => e.Id == "treap/throughput");
        Assert.Equal(TreapFixture.Operations.Select(op => $"throughput-{op}"), result.Figures.Select(f => f.Name));
    }

    [Fact]
    public void Defaults_are_the_full_grid_and_quick_is_a_dry_run_of_every_order()
    {
        var experiment = new TreapThroughputExperiment();
        Assert.Equal([1_000L, 10_000, 100_000, 1_000_000, 10_000_000], experiment.Defaults.Keys);
        Assert.Equal(TreapFixture.Orders, experiment.Defaults.Orders);
        Assert.True(experiment.Defaults.AllOrdersUpTo >= experiment.Defaults.Keys.Max());
        Assert.Equal("sweep", experiment.Defaults.Job);
        Assert.Equal(TreapFixture.Orders, experiment.Quick.Orders);
        Assert.Equal([1_000L], experiment.Quick.Keys);
        Assert.Equal("dry", experiment.Quick.Job);
    }

    [Fact]
    public void Jobs_run_one_invocation_per_iteration_without_forced_collections_and_more_iterations_at_small_sizes()
    {
        foreach (var name in InProcessBenchmark.JobNames)
        {
            var job = TreapThroughputExperiment.JobFor(name, 1_000);
            Assert.Equal(1, job.Run.InvocationCount);
            Assert.Equal(1, job.Run.UnrollFactor);
            Assert.False(job.Environment.Gc.Force);
        }
        Assert.Equal(41, TreapThroughputExperiment.JobFor("sweep", 1_000).Run.IterationCount);
        Assert.Equal(21, TreapThroughputExperiment.JobFor("sweep", 1_000_000).Run.IterationCount);
        Assert.Equal(15, TreapThroughputExperiment.JobFor("sweep", 10_000_000).Run.IterationCount);
    }

    [Fact]
    public void Zipf_updates_take_hot_keys_first()
    {
        // The fixture maps Zipf ranks to keys through a seeded permutation; the lookups' hottest keys
        // (from a Zipf stream) must be among the first distinct update keys.
        var updates = TreapFixture.DistinctIndices(100_000, TreapFixture.Zipf, 2_000);
        var hottest = TreapFixture.Indices(100_000, TreapFixture.Zipf, 50_000).CountBy(i => i).OrderByDescending(e => e.Value).Take(20).Select(e => e.Key);
        Assert.True(hottest.Count(updates.Contains) >= 18, "the 20 most frequent Zipf lookup keys are among the first 2,000 Zipf update keys");
        Assert.Equal(updates, TreapFixture.DistinctIndices(100_000, TreapFixture.Zipf, 2_000));
    }

    [Theory]
    [InlineData("keys", "10")]
    [InlineData("keys", "100000000")]
    [InlineData("orders", "backwards")]
    [InlineData("structures", "skiplist")]
    [InlineData("operations", "sort")]
    [InlineData("job", "forever")]
    [InlineData("all_orders_up_to", "0")]
    public void Bad_parameters_are_rejected_naming_the_parameter(string name, string value)
    {
        var experiment = new TreapThroughputExperiment();
        var e = Assert.Throws<ParameterException>(() => ParameterBinder.Bind(experiment.Defaults, [new(name, value)]));
        Assert.Contains(name, e.Message);
    }

    [Theory]
    [InlineData("sequential")]
    [InlineData("random")]
    [InlineData("zipf")]
    public void Update_keys_are_distinct_and_lookups_stay_in_range(string order)
    {
        var distinct = TreapFixture.DistinctIndices(1_000, order, 500);
        Assert.Equal(500, distinct.Distinct().Count());
        Assert.All(distinct, i => Assert.InRange(i, 0, 999));
        Assert.All(TreapFixture.Indices(1_000, order, 5_000), i => Assert.InRange(i, 0, 999));
        Assert.Equal(TreapFixture.Indices(1_000, order, 100), TreapFixture.Indices(1_000, order, 100));
    }

    private sealed class SynchronousProgress(Action<ExperimentProgress> report) : IProgress<ExperimentProgress>
    {
        public void Report(ExperimentProgress value) => report(value);
    }
}
