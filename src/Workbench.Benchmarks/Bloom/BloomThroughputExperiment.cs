using BenchmarkDotNet.Running;
using Workbench.Experiments;
using Workbench.Experiments.Bloom;

namespace Workbench.Benchmarks.Bloom;

/// <summary>Parameters of <c>bloom/throughput</c>.</summary>
/// <param name="FilterBytes">Filter sizes in bytes (each filter is filled to <c>bytes · 8 / bits_per_key</c> keys).</param>
/// <param name="BitsPerKey">Memory per key, m/n; each filter uses its own optimal k at this memory.</param>
/// <param name="Filters">Which filters: <c>classic</c>, <c>blocked</c>.</param>
/// <param name="Job">BenchmarkDotNet job: <c>dry</c> (smoke run, numbers not to be quoted), <c>short</c>, <c>medium</c>, <c>default</c>.</param>
public sealed record BloomThroughputParameters(long[] FilterBytes, double BitsPerKey, string[] Filters, string Job) : IExperimentParameters
{
    /// <summary>Smallest filter accepted: 4 KiB.</summary>
    public const long MinFilterBytes = 4L << 10;

    /// <summary>Largest filter accepted: 1 GiB (the run holds one filter at a time).</summary>
    public const long MaxFilterBytes = 1L << 30;

    public IEnumerable<string> Validate()
    {
        if (FilterBytes is null || FilterBytes.Length == 0) yield return "filter_bytes must list at least one size";
        else
        {
            foreach (var b in FilterBytes)
            {
                if (b < MinFilterBytes || b > MaxFilterBytes) { yield return $"filter_bytes values must be between {MinFilterBytes} and {MaxFilterBytes} (got {b})"; break; }
                if (b % 64 != 0) { yield return $"filter_bytes values must be multiples of 64, whole cache lines (got {b})"; break; }
            }
        }
        foreach (var e in Check.InRange("bits_per_key", BitsPerKey, 1, 64)) yield return e;
        foreach (var e in Check.OneOf("filters", Filters ?? [], BloomFilters.Names)) yield return e;
        foreach (var e in Check.OneOf("job", [Job ?? ""], InProcessBenchmark.JobNames)) yield return e;
    }

    public override string ToString() => $"filter_bytes={ParameterBinder.Format(FilterBytes)}, bits_per_key={BitsPerKey}, filters={ParameterBinder.Format(Filters)}, job={Job}";
}

/// <summary>
/// <c>bloom/throughput</c>: lookups per second (and nanoseconds per lookup) against filter size, classic against blocked,
/// measured by BenchmarkDotNet (<see cref="BloomLookupBySize"/>) in this process. The claim (Putze,
/// Sanders &amp; Singler 2007, section 1): while the filter fits in cache both are cheap; once it
/// spills out of the last-level cache, every probe of the classic filter is a cache miss, while the
/// blocked filter pays one miss per key, so it is several times faster on large filters. Markers on
/// the figure show this machine's cache sizes. Timing experiment: not deterministic.
/// </summary>
public sealed class BloomThroughputExperiment : Experiment<BloomThroughputParameters>
{
    public override string Id => "bloom/throughput";
    public override string Title => "Lookup cost against filter size, classic and blocked Bloom filters";
    public override bool Deterministic => false;

    public override BloomThroughputParameters Defaults { get; } = new([.. BloomFixture.DefaultFilterBytes], BloomFixture.DefaultBitsPerKey, BloomFilters.Names, "sweep");

    public override BloomThroughputParameters Quick { get; } = new([64L << 10, 256L << 10], BloomFixture.DefaultBitsPerKey, BloomFilters.Names, "dry");

    /// <summary>Columns of the result table.</summary>
    public static readonly string[] Columns =
        ["filter", "filter_bytes", "keys", "bits_per_key", "k", "ns_per_lookup", "ns_per_lookup_ci_low", "ns_per_lookup_ci_high", "lookups_per_second", "lookups_per_second_ci_low", "lookups_per_second_ci_high", "job"];

    protected override ResultTable Execute(BloomThroughputParameters p, int seed, IProgress<ExperimentProgress>? progress, CancellationToken cancellation)
    {
        // The benchmark's keys use BloomFixture.Seed: a timing experiment's numbers do not depend on which keys are drawn.
        var table = new ResultTable(Columns);
        var config = InProcessBenchmark.CreateConfig(InProcessBenchmark.JobFor(p.Job), typeof(BloomLookupBySize).Assembly);
        lock (BloomSweep.Gate)
        {
            var (savedBytes, savedBits) = (BloomSweep.FilterBytes, BloomSweep.BitsPerKey);
            try
            {
                BloomSweep.FilterBytes = [.. p.FilterBytes.Distinct()];
                BloomSweep.BitsPerKey = p.BitsPerKey;
                using var all = BenchmarkConverter.TypeToBenchmarks(typeof(BloomLookupBySize), config);
                var cases = all.BenchmarksCases
                    .Select(c => (Case: c, Filter: c.Descriptor.WorkloadMethod.Name.ToLowerInvariant(), Bytes: (long)c.Parameters["FilterBytes"]))
                    .Where(c => p.Filters.Contains(c.Filter))
                    .OrderBy(c => Array.IndexOf(p.Filters, c.Filter)).ThenBy(c => c.Bytes)
                    .ToList();
                for (int i = 0; i < cases.Count; i++)
                {
                    cancellation.ThrowIfCancellationRequested();
                    var (c, filter, bytes) = cases[i];
                    string stage = $"{filter} filter, {CacheLevel.FormatBytes(bytes)}";
                    progress?.Report(new ExperimentProgress(i, cases.Count, stage));
                    var summary = BenchmarkRunner.Run(new BenchmarkRunInfo([c], typeof(BloomLookupBySize), all.Config));
                    var report = summary.Reports.FirstOrDefault()
                        ?? throw new InvalidOperationException($"BenchmarkDotNet produced no report for {stage}: {string.Join("; ", summary.ValidationErrors.Select(e => e.Message))}");
                    if (!report.Success) throw new InvalidOperationException($"benchmark failed for {stage}");
                    var (mean, low, high) = InProcessBenchmark.Timing(report);
                    table.AddRow(filter, bytes, BloomFixture.KeysFor(bytes, p.BitsPerKey), p.BitsPerKey, BloomFixture.HashCountFor(filter, p.BitsPerKey),
                        mean, low, high, 1e9 / mean, PerSecond(high), PerSecond(low), p.Job);
                    progress?.Report(new ExperimentProgress(i + 1, cases.Count, stage));
                }
            }
            finally
            {
                (BloomSweep.FilterBytes, BloomSweep.BitsPerKey) = (savedBytes, savedBits);
            }
        }
        return table;
    }

    /// <summary>Lookups per second from nanoseconds per lookup; NaN stays NaN (no interval from a dry job).</summary>
    private static double PerSecond(double nanoseconds) => double.IsNaN(nanoseconds) || nanoseconds <= 0 ? double.NaN : 1e9 / nanoseconds;

    public override IReadOnlyList<FigureSpec> Figures(BloomThroughputParameters p) =>
    [
        new FigureSpec(
            "throughput",
            $"Bloom filter lookup cost against filter size ({p.BitsPerKey} bits per key, absent keys)",
            new AxisSpec("filter_bytes", "filter size (bytes)", Log: true),
            new AxisSpec("lookups_per_second", "lookups per second (one thread)", Log: true),
            [new SeriesSpec("lookups_per_second", "measured", SeriesStyle.Measured, "lookups_per_second_ci_low", "lookups_per_second_ci_high")],
            GroupBy: "filter",
            Markers: [.. CacheSizes.Detect().Select(l => new MarkerLine(l.Bytes, l.ToString()))]),
    ];
}
