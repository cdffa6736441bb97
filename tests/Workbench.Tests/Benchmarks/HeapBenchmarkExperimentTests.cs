using Workbench.Benchmarks;
using Workbench.Benchmarks.Heaps;

namespace Workbench.Tests.Benchmarks;

public class HeapBenchmarkExperimentTests
{
    [Fact]
    public void Throughput_dry_run_measures_each_heap_and_workload_with_positive_times()
    {
        var e = new HeapThroughputExperiment();
        var p = e.Quick with { Heaps = [HeapFixture.D4, HeapFixture.PriorityQueue] };
        var t = e.Run(p, seed: 1).Table;
        Assert.Equal(HeapThroughputExperiment.Columns, t.Columns);
        Assert.Equal(["d4", "priority-queue"], t.Strings("heap"));
        Assert.All(t.Doubles("hold_ns_per_op"), ns => Assert.True(ns > 0 && double.IsFinite(ns), $"hold_ns_per_op {ns}"));
        Assert.True((double)t.Where("heap", "d4").Cell(0, "decrease_key_ns_per_op") > 0);
        // PriorityQueue has no decrease-key: that cell is missing, not zero.
        Assert.True(double.IsNaN((double)t.Where("heap", "priority-queue").Cell(0, "decrease_key_ns_per_op")));
        Assert.Equal(2, e.Figures(p).Count);
        Assert.False(e.Deterministic);
        Assert.Contains(BenchmarkExperiments.Registry.All, x => x.Id == "heaps/throughput");
    }

    [Fact]
    public void Dijkstra_dry_run_reports_time_per_edge_for_each_queue()
    {
        var e = new DijkstraExperiment();
        var p = e.Quick with { Graphs = ["grid"], Nodes = [400], Heaps = [HeapFixture.PriorityQueue, HeapFixture.D4] };
        var t = e.Run(p, seed: 1).Table;
        Assert.Equal(2, t.RowCount);
        Assert.Equal(["priority-queue", "d4"], t.Strings("heap"));
        Assert.All(t.Doubles("edges"), m => Assert.Equal(4 * 20 * 19, m));
        Assert.All(t.Doubles("ns_per_edge"), ns => Assert.True(ns > 0 && double.IsFinite(ns)));
        Assert.Contains(BenchmarkExperiments.Registry.All, x => x.Id == "heaps/dijkstra");
    }

    [Theory]
    [InlineData("heaps/throughput", "heaps", "fibonacci")]
    [InlineData("heaps/throughput", "workloads", "meld")]
    [InlineData("heaps/throughput", "sizes", "3")]
    [InlineData("heaps/throughput", "job", "forever")]
    [InlineData("heaps/dijkstra", "graphs", "tree")]
    [InlineData("heaps/dijkstra", "nodes", "0")]
    [InlineData("heaps/dijkstra", "heaps", "d3")]
    public void Bad_parameters_are_rejected_naming_the_parameter(string id, string name, string value)
    {
        var experiment = BenchmarkExperiments.Registry.Find(id)!;
        var error = Assert.Throws<ParameterException>(() => ParameterBinder.Bind(experiment.Defaults, [new(name, value)]));
        Assert.Contains(name, error.Message);
    }

    [Fact]
    public void Every_heap_name_has_a_benchmark_method()
    {
        foreach (var h in HeapFixture.HeapNames)
        {
            Assert.NotNull(typeof(HeapHoldBySize).GetMethod(HeapFixture.MethodOf(h)));
            if (h != HeapFixture.PriorityQueue) Assert.NotNull(typeof(HeapDecreaseKeyBySize).GetMethod(HeapFixture.MethodOf(h)));
        }
        foreach (var h in HeapFixture.DijkstraNames) Assert.NotNull(typeof(DijkstraBenchmarks).GetMethod(HeapFixture.MethodOf(h)));
    }
}
