using MathNet.Numerics.Distributions;
using Workbench.Traces;

namespace Workbench.Tests.Traces;

/// <summary>The <c>synthetic:</c> workloads: syntax, determinism, shapes, and errors naming the parameter.</summary>
public sealed class SyntheticTraceTests
{
    [Fact]
    public void The_same_spec_gives_the_same_keys_and_load_matches_open()
    {
        const string spec = "synthetic:zipf?keys=1000&s=0.9&requests=20000&seed=3";
        var a = TraceSource.Load(spec);
        Assert.Equal(20_000, a.Length);
        Assert.Equal(a, TraceSource.Load(spec));
        Assert.Equal(a, TraceSource.Open(spec).ToArray());
        Assert.All(a, k => Assert.InRange(k, 0, 999));
        Assert.NotEqual(a, TraceSource.Load("synthetic:zipf?keys=1000&s=0.9&requests=20000&seed=4"));
    }

    /// <summary>Sorted key frequencies of a synthetic Zipf trace against MathNet's probability mass function (the hottest ranks).</summary>
    [Fact]
    public void Zipf_key_frequencies_follow_the_mathnet_pmf()
    {
        const int keys = 1000, requests = 400_000;
        const double s = 0.9;
        var counts = TraceSource.Load($"synthetic:zipf?keys={keys}&s={s}&requests={requests}&seed=11")
            .GroupBy(k => k).Select(g => g.Count()).OrderByDescending(c => c).ToArray();
        for (int rank = 1; rank <= 10; rank++)
        {
            double expected = requests * Zipf.PMF(s, keys, rank);
            Assert.InRange(counts[rank - 1], expected - 5 * Math.Sqrt(expected) - 1, expected + 5 * Math.Sqrt(expected) + 1);
        }
    }

    [Fact]
    public void Loop_and_scan_have_their_shapes()
    {
        Assert.Equal([5, 6, 7, 5, 6, 7, 5], TraceSource.Load("synthetic:loop?keys=3&requests=7&offset=5"));
        var scan = TraceSource.Load("synthetic:scan?requests=4");
        Assert.Equal([SyntheticTrace.ScanBase, SyntheticTrace.ScanBase + 1, SyntheticTrace.ScanBase + 2, SyntheticTrace.ScanBase + 3], scan);
    }

    [Fact]
    public void Phases_follow_one_another_zipf_phases_share_their_hot_set_and_scans_never_repeat()
    {
        var trace = SyntheticTrace.Parse("synthetic:zipf?keys=100&requests=1000&seed=2+scan?requests=50+zipf?keys=100&requests=1000&seed=2+scan?requests=50");
        Assert.Equal(2100, trace.Requests);
        Assert.Equal(4, trace.Phases.Count);
        var keys = TraceSource.Load(trace.Spec);
        Assert.Equal(keys, trace.Keys().ToArray());
        var first = keys[..1000];
        var second = keys[1050..2050];
        Assert.NotEqual(first, second);
        static long Hottest(long[] k) => k.GroupBy(x => x).OrderByDescending(g => g.Count()).First().Key;
        Assert.Equal(Hottest(first), Hottest(second));
        var scans = keys[1000..1050].Concat(keys[2050..]).ToArray();
        Assert.Equal(100, scans.Distinct().Count());
        Assert.Empty(scans.Intersect(first));
    }

    [Theory]
    [InlineData("synthetic:zipf?keys=100&requests=10&s=abc", "s")]
    [InlineData("synthetic:zipf?keys=100&requests=10&s=-1", "s")]
    [InlineData("synthetic:zipf?requests=10", "keys")]
    [InlineData("synthetic:zipf?keys=0&requests=10", "keys")]
    [InlineData("synthetic:zipf?keys=100", "requests")]
    [InlineData("synthetic:zipf?keys=100&requests=10&seed=x", "seed")]
    [InlineData("synthetic:zipf?keys=100&requests=10&skew=1", "skew")]
    [InlineData("synthetic:loop?keys=10&requests=-5", "requests")]
    [InlineData("synthetic:scan?requests=10&keys=5", "keys")]
    [InlineData("synthetic:zipf?keys=10&requests=10&keys=5", "keys")]
    [InlineData("synthetic:pareto?keys=10", "trace")]
    [InlineData("synthetic:", "trace")]
    [InlineData("synthetic:zipf?keys=10&requests=10+", "trace")]
    public void Bad_specs_name_the_parameter(string spec, string parameter)
    {
        var e = Assert.Throws<TraceSpecException>(() => TraceSource.Open(spec));
        Assert.Equal(parameter, e.ParamName);
        Assert.Contains($"'{parameter}'", parameter == "trace" ? $"'{parameter}'" : e.Message);
        Assert.DoesNotContain("(Parameter", e.Message);
    }

    [Fact]
    public void Load_refuses_a_synthetic_trace_larger_than_its_limit_before_allocating()
    {
        var e = Assert.Throws<TraceSpecException>(() => TraceSource.Load("synthetic:scan?requests=1000000000000"));
        Assert.Equal("requests", e.ParamName);
        Assert.Equal(5, TraceSource.Open("synthetic:scan?requests=1000000000000").Take(5).Count());
    }
}
