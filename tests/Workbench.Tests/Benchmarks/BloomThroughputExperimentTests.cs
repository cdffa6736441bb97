using Workbench.Benchmarks;
using Workbench.Benchmarks.Bloom;

namespace Workbench.Tests.Benchmarks;

public class BloomThroughputExperimentTests
{
    [Fact]
    public void Quick_run_measures_every_filter_and_size_with_positive_times()
    {
        var experiment = new BloomThroughputExperiment();
        var progress = new List<ExperimentProgress>();
        var result = experiment.Run(experiment.Quick, seed: 1, new SynchronousProgress(progress.Add));

        var table = result.Table;
        Assert.Equal(BloomThroughputExperiment.Columns, table.Columns);
        Assert.Equal(experiment.Quick.Filters.Length * experiment.Quick.FilterBytes.Length, table.RowCount);
        Assert.Equal(experiment.Quick.Filters, table.Distinct("filter"));
        Assert.All(table.Doubles("ns_per_lookup"), ns => Assert.True(ns > 0 && double.IsFinite(ns), $"ns_per_lookup {ns}"));
        Assert.All(table.Doubles("lookups_per_second"), v => Assert.True(v > 0 && double.IsFinite(v), $"lookups_per_second {v}"));
        Assert.All(table.Doubles("keys"), v => Assert.True(v > 0));
        Assert.All(table.Doubles("k"), v => Assert.True(v >= 1));
        Assert.Equal(table.RowCount, progress.Max(p => p.Done));
        Assert.False(experiment.Deterministic);
        Assert.Contains(BenchmarkExperiments.Registry.All, e => e.Id == "bloom/throughput");
    }

    [Fact]
    public void Figure_plots_lookups_per_second_against_log_filter_size_by_filter()
    {
        var experiment = new BloomThroughputExperiment();
        var figure = Assert.Single(experiment.Figures(experiment.Defaults));
        Assert.True(figure.X.Log);
        Assert.Equal("filter_bytes", figure.X.Column);
        Assert.Equal("filter", figure.GroupBy);
        Assert.Equal("lookups_per_second", figure.Y.Column);
        Assert.All(figure.Markers ?? [], m => Assert.Matches(@"^L\dd? \d+ [KMG]iB$", m.Label));
    }

    [Theory]
    [InlineData("filter_bytes", "100")]
    [InlineData("filter_bytes", "65537")]
    [InlineData("filters", "cuckoo")]
    [InlineData("job", "forever")]
    [InlineData("bits_per_key", "0")]
    public void Bad_parameters_are_rejected_naming_the_parameter(string name, string value)
    {
        var experiment = new BloomThroughputExperiment();
        var e = Assert.Throws<ParameterException>(() => ParameterBinder.Bind(experiment.Defaults, [new(name, value)]));
        Assert.Contains(name, e.Message);
    }

    /// <summary>Progress&lt;T&gt; posts to the thread pool; this one records in order, on the caller's thread.</summary>
    private sealed class SynchronousProgress(Action<ExperimentProgress> report) : IProgress<ExperimentProgress>
    {
        public void Report(ExperimentProgress value) => report(value);
    }
}
