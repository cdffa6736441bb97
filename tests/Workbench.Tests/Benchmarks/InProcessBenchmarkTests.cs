using BenchmarkDotNet.Attributes;
using Workbench.Benchmarks;

namespace Workbench.Tests.Benchmarks;

public class InProcessBenchmarkTests
{
    [Fact]
    public void Quick_run_returns_a_tidy_table_and_a_markdown_summary()
    {
        var (table, markdown) = InProcessBenchmark.Run<TinyBenchmark>(quick: true);
        Assert.Equal(2, table.RowCount);
        Assert.All(table.Doubles("ns_per_op"), ns => Assert.True(ns > 0));
        Assert.Contains("| Method", markdown);
        Assert.Contains(nameof(TinyBenchmark.Sum), markdown);
    }

    [Fact]
    public void Unknown_job_is_rejected() => Assert.Throws<ArgumentException>(() => InProcessBenchmark.JobFor("forever"));

    public class TinyBenchmark
    {
        private readonly int[] _data = [.. Enumerable.Range(0, 1000)];

        [Benchmark(Baseline = true)]
        public int Sum()
        {
            int s = 0;
            foreach (var x in _data) s += x;
            return s;
        }

        [Benchmark]
        public int Max() => _data.Max();
    }
}
