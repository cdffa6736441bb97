using BenchmarkDotNet.Running;
using Workbench.Experiments;

namespace Workbench.Benchmarks.TinyLfu;

/// <summary>Parameters of <c>tinylfu/throughput</c>.</summary>
/// <param name="Capacities">Cache sizes in entries (the key space is 10 × each).</param>
/// <param name="Caches">Which caches: <c>wtinylfu</c>, <c>wtinylfu-adaptive</c>, <c>bitfaster-lfu</c>, <c>bitfaster-lfu-background</c>, <c>concurrent-dictionary</c>.</param>
/// <param name="Job">BenchmarkDotNet job: <c>dry</c> (smoke run, numbers not to be quoted), <c>short</c>, <c>sweep</c>, <c>medium</c>, <c>default</c>.</param>
public sealed record TinyLfuThroughputParameters(int[] Capacities, string[] Caches, string Job) : IExperimentParameters
{
    public IEnumerable<string> Validate()
    {
        foreach (var e in Check.AllInRange("capacities", Capacities ?? [], 100, 10_000_000)) yield return e;
        foreach (var e in Check.OneOf("caches", Caches ?? [], TinyLfuFixture.Caches)) yield return e;
        foreach (var e in Check.OneOf("job", [Job ?? ""], InProcessBenchmark.JobNames)) yield return e;
    }

    public override string ToString() => $"capacities={ParameterBinder.Format(Capacities)}, caches={ParameterBinder.Format(Caches)}, job={Job}";
}

/// <summary>
/// <c>tinylfu/throughput</c>: single-threaded get-or-add operations per second on a Zipf(0.9)
/// workload, our fast W-TinyLFU against BitFaster.Caching's ConcurrentLfu and ConcurrentDictionary
/// (no eviction, the ceiling), measured by BenchmarkDotNet in this process
/// (<see cref="TinyLfuGetOrAdd"/>). Each row also carries the cache's hit ratio on the same
/// workload and its throughput relative to ConcurrentLfu with the foreground scheduler in the same
/// run. Timing experiment: not deterministic; ratios within one run are what count.
/// </summary>
public sealed class TinyLfuThroughputExperiment : Experiment<TinyLfuThroughputParameters>
{
    public override string Id => "tinylfu/throughput";
    public override string Title => "Get-or-add throughput: W-TinyLFU against BitFaster ConcurrentLfu and ConcurrentDictionary";
    public override bool Deterministic => false;

    public override TinyLfuThroughputParameters Defaults { get; } = new([.. TinyLfuFixture.DefaultCapacities], TinyLfuFixture.Caches, "short");

    public override TinyLfuThroughputParameters Quick { get; } = new([1_000], TinyLfuFixture.Caches, "dry");

    public static readonly string[] Columns =
        ["cache", "capacity", "keys", "zipf_s", "hit_ratio", "ns_per_op", "ns_per_op_ci_low", "ns_per_op_ci_high", "ops_per_second", "ratio_to_bitfaster", "job"];

    protected override ResultTable Execute(TinyLfuThroughputParameters p, int seed, IProgress<ExperimentProgress>? progress, CancellationToken cancellation)
    {
        // The workload uses TinyLfuFixture.Seed: a timing experiment's numbers do not depend on which keys are drawn.
        var table = new ResultTable(Columns);
        var config = InProcessBenchmark.CreateConfig(InProcessBenchmark.JobFor(p.Job), typeof(TinyLfuGetOrAdd).Assembly);
        var rows = new List<(string Cache, int Capacity, double Hit, double Mean, double Low, double High)>();
        lock (TinyLfuSweep.Gate)
        {
            var saved = TinyLfuSweep.Capacities;
            try
            {
                TinyLfuSweep.Capacities = [.. p.Capacities.Distinct()];
                using var all = BenchmarkConverter.TypeToBenchmarks(typeof(TinyLfuGetOrAdd), config);
                var methods = p.Caches.ToDictionary(TinyLfuGetOrAdd.MethodFor);
                var cases = all.BenchmarksCases
                    .Where(c => methods.ContainsKey(c.Descriptor.WorkloadMethod.Name))
                    .Select(c => (Case: c, Cache: methods[c.Descriptor.WorkloadMethod.Name], Capacity: (int)c.Parameters["Capacity"]))
                    .OrderBy(c => c.Capacity).ThenBy(c => Array.IndexOf(p.Caches, c.Cache))
                    .ToList();
                for (int i = 0; i < cases.Count; i++)
                {
                    cancellation.ThrowIfCancellationRequested();
                    var (c, cache, capacity) = cases[i];
                    string stage = $"{cache} at {capacity} entries";
                    progress?.Report(new ExperimentProgress(i, cases.Count, stage));
                    var summary = BenchmarkRunner.Run(new BenchmarkRunInfo([c], typeof(TinyLfuGetOrAdd), all.Config));
                    var report = summary.Reports.FirstOrDefault()
                        ?? throw new InvalidOperationException($"BenchmarkDotNet produced no report for {stage}: {string.Join("; ", summary.ValidationErrors.Select(e => e.Message))}");
                    if (!report.Success) throw new InvalidOperationException($"benchmark failed for {stage}");
                    var (mean, low, high) = InProcessBenchmark.Timing(report);
                    double hit = TinyLfuFixture.HitRatio(cache, capacity, TinyLfuFixture.Workload(capacity));
                    rows.Add((cache, capacity, hit, mean, low, high));
                    progress?.Report(new ExperimentProgress(i + 1, cases.Count, stage));
                }
            }
            finally
            {
                TinyLfuSweep.Capacities = saved;
            }
        }
        foreach (var r in rows)
        {
            var baseline = rows.FirstOrDefault(b => b.Capacity == r.Capacity && b.Cache == "bitfaster-lfu");
            double ratio = baseline.Cache is null ? double.NaN : baseline.Mean / r.Mean;
            table.AddRow(r.Cache, r.Capacity, (long)r.Capacity * TinyLfuFixture.KeysPerEntry, TinyLfuFixture.ZipfExponent, r.Hit,
                r.Mean, r.Low, r.High, 1e9 / r.Mean, ratio, p.Job);
        }
        return table;
    }

    public override IReadOnlyList<FigureSpec> Figures(TinyLfuThroughputParameters p) =>
    [
        new FigureSpec(
            "throughput",
            "Single-threaded get-or-add throughput, Zipf(0.9) over 10 x capacity keys",
            new AxisSpec("capacity", "cache capacity (entries)", Log: true),
            new AxisSpec("ops_per_second", "operations per second (one thread)", Log: true),
            [new SeriesSpec("ops_per_second", "measured")],
            GroupBy: "cache"),
    ];
}
