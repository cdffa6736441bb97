using Workbench.Caching;
using Workbench.Experiments.TinyLfu;
using Workbench.Tests.Traces;
using Workbench.Traces;

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

    [Fact]
    public void Peer_seeds_is_the_same_for_any_parallelism_and_reports_each_point_with_its_interval()
    {
        var experiment = new PeerSeedsExperiment();
        var p = experiment.Quick with { Traces = [SmallZipf], SizeFractions = [0.01, 0.2], Seeds = 4 };
        var serial = experiment.Run(p with { Parallelism = 1 }, seed: 7);
        var parallel = experiment.Run(p with { Parallelism = 2 }, seed: 7);
        Assert.Equal(serial.Table.ToCsv(), parallel.Table.ToCsv());
        Assert.Equal(2, serial.Table.RowCount);
        Assert.Equal(["28", "562"], serial.Table.Rows.Select(r => ResultTable.FormatCell(r[1])));
        Assert.Equal(["1%", "20%"], serial.Table.Rows.Select(r => (string)r[3]));
        var trace = TraceSource.Load(SmallZipf);
        for (int k = 0; k < 2; k++)
        {
            int capacity = (int)(long)serial.Table.Rows[k][1];
            // The means are those of the replays with seeds 7 to 10, ours through its sketch and the peer's through its comparer.
            double ours = Enumerable.Range(7, 4).Average(s => CacheSimulator.Replay(CachePolicies.Create("wtinylfu-adaptive", capacity, s), trace).HitRatio);
            double peer = Enumerable.Range(7, 4).Average(s => CacheSimulator.Replay(new BitFasterLfuPolicy(capacity, hashSeed: s), trace).HitRatio);
            double unseeded = CacheSimulator.Replay(CachePolicies.Create("bitfaster-lfu", capacity), trace).HitRatio;
            var row = serial.Table.Where("capacity", capacity.ToString(System.Globalization.CultureInfo.InvariantCulture));
            Assert.Equal(ours, row.Doubles("ours_mean").Single(), 12);
            Assert.Equal(peer, row.Doubles("peer_mean").Single(), 12);
            Assert.Equal(unseeded, row.Doubles("peer_unseeded").Single());
            double gap = row.Doubles("gap_points").Single();
            Assert.Equal(100 * (ours - peer), gap, 9);
            Assert.InRange(gap, row.Doubles("gap_low_points").Single(), row.Doubles("gap_high_points").Single());
        }
        Assert.Equal("peer-gap", serial.Figures.Single().Name);
    }

    [Fact]
    public void Peer_seeds_verdicts_and_welch_interval()
    {
        // Means 0.50 and 0.52 from samples with standard deviations 0.01 and 0.02, 10 each: the standard
        // error is sqrt(0.00001 + 0.00004) = 0.0070711, the Welch-Satterthwaite degrees of freedom 13.24, so
        // t(0.975) lies between t(14) = 2.1448 and t(13) = 2.1604.
        var (gap, low, high) = PeerSeedsExperiment.WelchInterval(0.50, 0.01, 0.52, 0.02, 10);
        Assert.Equal(-0.02, gap, 12);
        Assert.Equal(high - gap, gap - low, 12);
        Assert.InRange((high - gap) / 0.0070711, 2.1448, 2.1604);
        Assert.Equal((0.1, 0.1, 0.1), PeerSeedsExperiment.WelchInterval(0.3, 0, 0.2, 0, 5) is var w ? (Math.Round(w.Gap, 12), Math.Round(w.Low, 12), Math.Round(w.High, 12)) : default);
        Assert.Equal(PeerSeedsExperiment.Within, PeerSeedsExperiment.Verdict(-0.3, -0.1, 0.3));
        Assert.Equal(PeerSeedsExperiment.BelowWithinNoise, PeerSeedsExperiment.Verdict(-0.5, -0.2, 0.3));
        Assert.Equal(PeerSeedsExperiment.Below, PeerSeedsExperiment.Verdict(-0.5, -0.35, 0.3));
        var experiment = new PeerSeedsExperiment();
        Assert.Contains("policy", Assert.Throws<ParameterException>(() => experiment.Run(experiment.Quick with { Policy = "lru" }, 1)).Message);
        Assert.Contains("seeds", Assert.Throws<ParameterException>(() => experiment.Run(experiment.Quick with { Seeds = 1 }, 1)).Message);
    }
}
