using Workbench.Experiments.TinyLfu;
using Workbench.Tests.Traces;

namespace Workbench.Tests.Experiments;

/// <summary><c>tinylfu/hit-ratio-vs-size</c> and <c>tinylfu/adaptivity</c>: determinism, shape, published values, errors.</summary>
public sealed class TinyLfuExperimentTests
{
    private const string SmallZipf = "synthetic:zipf?keys=3000&s=0.9&requests=30000&seed=1";

    [Fact]
    public void Hit_ratio_vs_size_is_the_same_for_any_parallelism_and_has_one_figure_per_trace()
    {
        var experiment = new HitRatioVsSizeExperiment();
        var p = experiment.Quick with { Traces = [SmallZipf, "synthetic:loop?keys=500&requests=5000"], Policies = ["lru", "wtinylfu", "opt"], SizeFractions = [0.05, 0.5] };
        var serial = experiment.Run(p with { Parallelism = 1 }, seed: 42);
        var parallel = experiment.Run(p with { Parallelism = 2 }, seed: 42);
        Assert.Equal(serial.Table.ToCsv(), parallel.Table.ToCsv());
        Assert.Equal(2 * 3 * 2, serial.Table.RowCount);
        Assert.Equal(["hit-ratio-vs-size-zipf0.9", "hit-ratio-vs-size-loop"], serial.Figures.Select(f => f.Name));
        var loop = serial.Table.Where("trace", "loop");
        // A loop over 500 keys in 250 entries: LRU never hits, OPT keeps about half.
        Assert.Equal(0.0, loop.Where("policy", "lru").Where("capacity", "250").Doubles("hit_ratio").Single());
        Assert.InRange(loop.Where("policy", "opt").Where("capacity", "250").Doubles("hit_ratio").Single(), 0.4, 0.5);
    }

    [SharedTracesFact]
    public void Published_values_sit_beside_the_measurements_at_the_published_sizes()
    {
        var experiment = new HitRatioVsSizeExperiment();
        var result = experiment.Run(experiment.Quick with { Traces = ["lirs/cs.trace.gz"], Policies = ["lru"], SizeFractions = [0.1] }, seed: 1);
        Assert.All(result.Table.Doubles("published_hit_ratio"), v => Assert.True(double.IsNaN(v)));
        Assert.Equal([10, 141], HitRatioVsSizeExperiment.Capacities([0.001, 0.1], 1409, "cs"));
        Assert.Equal([1_000, 1_869, 2_000, 15_000], HitRatioVsSizeExperiment.Capacities([0.01], 186_880, "OLTP"));
    }

    [Fact]
    public void An_unknown_trace_or_policy_names_the_parameter()
    {
        var experiment = new HitRatioVsSizeExperiment();
        var e = Assert.Throws<ParameterException>(() => experiment.Run(experiment.Quick with { Traces = ["no/such.trace.gz"] }, 1));
        Assert.StartsWith("traces: trace 'no/such.trace.gz' not found", e.Message);
        var p = Assert.Throws<ParameterException>(() => experiment.Run(experiment.Quick with { Policies = ["lru", "mru"] }, 1));
        Assert.Contains("policies", p.Message);
    }

    [Fact]
    public void Adaptivity_measures_each_window_and_marks_the_phase_changes()
    {
        var experiment = new AdaptivityExperiment();
        var a = experiment.Run(experiment.Quick, seed: 42);
        var b = experiment.Run(experiment.Quick, seed: 42);
        Assert.Equal(a.Table.ToCsv(), b.Table.ToCsv());
        Assert.Equal(3 * 60, a.Table.RowCount);
        var markers = a.Figures.Single().Markers!;
        Assert.Equal([40_000.0, 80_000.0], markers.Select(m => m.X));
        // During the loop over 800 fresh keys in a 1,000-entry cache, LRU soon hits on every request.
        var lru = a.Table.Where("policy", "lru");
        Assert.Equal(1.0, lru.Rows.Where(r => (long)r[2] > 50_000 && (long)r[2] <= 80_000).Select(r => (double)r[5]).Min());
    }
}
