using Workbench.Benchmarks;
using Workbench.Benchmarks.Sketches;

namespace Workbench.Tests.Benchmarks;

public class SketchThroughputExperimentTests
{
    [Fact]
    public void Count_min_quick_run_times_every_sketch_and_operation_beside_bitfaster()
    {
        var e = new CountMinThroughputExperiment();
        var t = e.Run(e.Quick, seed: 1).Table;
        Assert.Equal(CountMinThroughputExperiment.Columns, t.Columns);
        Assert.Equal(7 * e.Quick.MaximumSizes.Length, t.RowCount);
        Assert.Equal(["bitfaster", "blocked", "classic"], t.Where("operation", "estimate").Distinct("sketch"));
        Assert.All(t.Doubles("ns_per_op"), ns => Assert.True(ns > 0 && double.IsFinite(ns), $"ns_per_op {ns}"));
        Assert.All(t.Where("sketch", "bitfaster").Doubles("ratio_to_bitfaster"), r => Assert.Equal(1.0, r));
        Assert.Contains(BenchmarkExperiments.Registry.All, x => x.Id == "count-min/throughput");
        Assert.False(e.Deterministic);
    }

    [Fact]
    public void Hyperloglog_quick_run_times_add_and_estimate()
    {
        var e = new HyperLogLogThroughputExperiment();
        var t = e.Run(e.Quick, seed: 1).Table;
        Assert.Equal(["add", "estimate", "reference add"], t.Distinct("operation"));
        Assert.All(t.Doubles("ns_per_op"), ns => Assert.True(ns > 0 && double.IsFinite(ns), $"ns_per_op {ns}"));
        Assert.Contains(BenchmarkExperiments.Registry.All, x => x.Id == "hyperloglog/throughput");
    }

    [Fact]
    public void Bad_sizes_and_jobs_are_refused_naming_the_parameter()
    {
        var e = new CountMinThroughputExperiment();
        Assert.Contains("maximum_sizes", Assert.Throws<ParameterException>(() => ParameterBinder.Bind(e.Quick, [new("maximum_sizes", "1")])).Message);
        Assert.Contains("job", Assert.Throws<ParameterException>(() => ParameterBinder.Bind(e.Quick, [new("job", "forever")])).Message);
        var h = new HyperLogLogThroughputExperiment();
        Assert.Contains("precisions", Assert.Throws<ParameterException>(() => ParameterBinder.Bind(h.Quick, [new("precisions", "20")])).Message);
    }
}
