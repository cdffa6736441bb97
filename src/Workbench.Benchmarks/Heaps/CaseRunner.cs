using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Running;
using Workbench.Experiments;

namespace Workbench.Benchmarks.Heaps;

/// <summary>Runs chosen cases of one benchmark class in this process, one at a time, with progress, as <c>bloom/throughput</c> does.</summary>
internal static class CaseRunner
{
    /// <summary>
    /// Runs each case of <paramref name="type"/> that <paramref name="label"/> names (null skips
    /// the case), in the order of the labels, and hands each report's (mean, low, high) ns per
    /// operation to <paramref name="record"/>.
    /// </summary>
    public static void Run(Type type, IConfig config, Func<BenchmarkCase, (int Order, string Stage)?> label,
        Action<BenchmarkCase, (double Mean, double Low, double High)> record, IProgress<ExperimentProgress>? progress, CancellationToken cancellation)
    {
        using var all = BenchmarkConverter.TypeToBenchmarks(type, config);
        var cases = all.BenchmarksCases
            .Select(c => (Case: c, Label: label(c)))
            .Where(c => c.Label is not null)
            .OrderBy(c => c.Label!.Value.Order)
            .ToList();
        for (int i = 0; i < cases.Count; i++)
        {
            cancellation.ThrowIfCancellationRequested();
            var (c, l) = cases[i];
            string stage = l!.Value.Stage;
            progress?.Report(new ExperimentProgress(i, cases.Count, stage));
            var summary = BenchmarkRunner.Run(new BenchmarkRunInfo([c], type, all.Config));
            var report = summary.Reports.FirstOrDefault()
                ?? throw new InvalidOperationException($"BenchmarkDotNet produced no report for {stage}: {string.Join("; ", summary.ValidationErrors.Select(e => e.Message))}");
            if (!report.Success) throw new InvalidOperationException($"benchmark failed for {stage}");
            record(c, InProcessBenchmark.Timing(report));
            progress?.Report(new ExperimentProgress(i + 1, cases.Count, stage));
        }
    }

    /// <summary>Operations per second from nanoseconds per operation; NaN stays NaN (no interval from a dry job).</summary>
    public static double PerSecond(double nanoseconds) => double.IsNaN(nanoseconds) || nanoseconds <= 0 ? double.NaN : 1e9 / nanoseconds;
}
