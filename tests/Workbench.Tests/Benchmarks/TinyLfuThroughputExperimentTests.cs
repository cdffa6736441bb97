using Workbench.Benchmarks;
using Workbench.Benchmarks.TinyLfu;

namespace Workbench.Tests.Benchmarks;

public class TinyLfuThroughputExperimentTests
{
    [Fact]
    public void Quick_run_measures_every_cache_with_positive_times_and_a_ratio_to_bitfaster()
    {
        var experiment = new TinyLfuThroughputExperiment();
        var table = experiment.Run(experiment.Quick, seed: 1).Table;
        Assert.Equal(TinyLfuThroughputExperiment.Columns, table.Columns);
        Assert.Equal(experiment.Quick.Caches, table.Distinct("cache"));
        Assert.All(table.Doubles("ns_per_op"), ns => Assert.True(ns > 0 && double.IsFinite(ns)));
        Assert.All(table.Doubles("ratio_to_bitfaster"), r => Assert.True(r > 0 && double.IsFinite(r)));
        Assert.All(table.Doubles("hit_ratio"), h => Assert.InRange(h, 0.05, 1));
        Assert.Contains(BenchmarkExperiments.Registry.All, e => e.Id == "tinylfu/throughput");
    }

    [Theory]
    [InlineData("caches", "redis")]
    [InlineData("capacities", "10")]
    [InlineData("job", "forever")]
    public void Bad_parameters_are_rejected_naming_the_parameter(string name, string value)
    {
        var experiment = new TinyLfuThroughputExperiment();
        var e = Assert.Throws<ParameterException>(() => ParameterBinder.Bind(experiment.Defaults, [new(name, value)]));
        Assert.Contains(name, e.Message);
    }
}
