using Workbench.Experiments;
using Workbench.Experiments.CountMin;
using Workbench.Experiments.HyperLogLog;

namespace Workbench.Tests.Sketches;

/// <summary>The count-min and HyperLogLog experiments in their quick form: the claims hold, results are deterministic, bad parameters are named.</summary>
public class SketchExperimentTests
{
    [Fact]
    public void Every_count_min_claim_holds_on_the_quick_profile()
    {
        var w = new ErrorVsWidthExperiment();
        var d = new ErrorVsDepthExperiment();
        var h = new HeavyHittersExperiment();
        var checks = CountMinClaims.Check(w.Run(w.Quick, 42).Table, d.Run(d.Quick, 42).Table, h.Run(h.Quick, 42).Table);
        Assert.All(checks, c => Assert.True(c.Holds, $"{c.Claim}: {c.Measured} (expected {c.Expected})"));
    }

    [Fact]
    public void Every_hyperloglog_claim_holds_on_the_quick_profile()
    {
        var c = new ErrorVsCardinalityExperiment();
        var m = new ErrorVsMemoryExperiment();
        var checks = HyperLogLogClaims.Check(c.Run(c.Quick, 42).Table, m.Run(m.Quick, 42).Table);
        Assert.All(checks, x => Assert.True(x.Holds, $"{x.Claim}: {x.Measured} (expected {x.Expected})"));
    }

    [Fact]
    public void Sketch_experiments_give_byte_identical_csv_for_the_same_seed_and_differ_across_seeds()
    {
        IExperiment[] experiments =
        [
            new ErrorVsWidthExperiment(), new ErrorVsDepthExperiment(), new HeavyHittersExperiment(),
            new ErrorVsCardinalityExperiment(), new ErrorVsMemoryExperiment(),
        ];
        foreach (var e in experiments)
        {
            var small = Small(e);
            string first = e.Run(small, 7).Table.ToCsv();
            Assert.Equal(first, e.Run(small, 7).Table.ToCsv());
            Assert.NotEqual(first, e.Run(small, 8).Table.ToCsv());
        }
    }

    private static IExperimentParameters Small(IExperiment e) => e switch
    {
        ErrorVsWidthExperiment w => w.Quick with { StreamLength = 20_000, Keys = 2_000 },
        ErrorVsDepthExperiment d => d.Quick with { StreamLength = 20_000, Keys = 2_000 },
        HeavyHittersExperiment h => h.Quick with { StreamLength = 20_000, Keys = 2_000 },
        ErrorVsCardinalityExperiment c => c.Quick with { MaxCardinality = 10_000, Trials = 4, LongTrials = 2, TrialLimit = 1_000 },
        ErrorVsMemoryExperiment m => m.Quick with { Cardinality = 5_000, Trials = 3 },
        _ => e.Quick,
    };

    [Fact]
    public void Sketch_experiments_are_registered_under_their_papers()
    {
        Assert.Equal(["count-min/error-vs-width", "count-min/error-vs-depth", "count-min/heavy-hitters"], ExperimentRegistry.Library.ForPaper("count-min").Select(e => e.Id));
        Assert.Equal(["hyperloglog/error-vs-cardinality", "hyperloglog/error-vs-memory"], ExperimentRegistry.Library.ForPaper("hyperloglog").Select(e => e.Id));
        Assert.NotNull(Papers.Find("count-min"));
        Assert.NotNull(Papers.Find("hyperloglog"));
    }

    [Fact]
    public void Bad_parameters_are_refused_naming_the_parameter()
    {
        var w = new ErrorVsWidthExperiment();
        Assert.Contains("widths", Assert.Throws<ParameterException>(() => ParameterBinder.Bind(w.Quick, [new("widths", "0")])).Message);
        Assert.Contains("skews", Assert.Throws<ParameterException>(() => ParameterBinder.Bind(w.Quick, [new("skews", "-1")])).Message);
        var h = new HeavyHittersExperiment();
        Assert.Contains("phis", Assert.Throws<ParameterException>(() => ParameterBinder.Bind(h.Quick, [new("phis", "1.5")])).Message);
        var c = new ErrorVsCardinalityExperiment();
        Assert.Contains("precisions", Assert.Throws<ParameterException>(() => ParameterBinder.Bind(c.Quick, [new("precisions", "3,19")])).Message);
        Assert.Contains("max_cardinality", Assert.Throws<ParameterException>(() => ParameterBinder.Bind(c.Quick, [new("max_cardinality", "2000000000")])).Message);
        Assert.Contains("long_trials", Assert.Throws<ParameterException>(() => ParameterBinder.Bind(c.Quick, [new("long_trials", "100")])).Message);
    }
}
