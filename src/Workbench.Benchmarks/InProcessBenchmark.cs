using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Exporters;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Loggers;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Workbench.Experiments;

namespace Workbench.Benchmarks;

/// <summary>
/// Runs BenchmarkDotNet inside the calling process (the in-process emit toolchain), for notebooks
/// and for experiments whose measurements are benchmarks. Quiet: no logger output, no log file,
/// artifacts under the temp folder. The benchmark classes must live in this Release-built project:
/// code compiled in a notebook cell is unoptimised and measures several times slower.
/// When the measured code was built without optimisation (a Debug test run), BenchmarkDotNet's
/// optimisation check is switched off so that smoke runs work; the numbers are then not to be quoted.
/// </summary>
public static class InProcessBenchmark
{
    /// <summary>The job names the runners accept: <c>dry</c> (one cold invocation, about a second,
    /// for smoke tests), <c>short</c> (3 iterations after 3 warm-ups: a wide interval),
    /// <c>sweep</c> (12 iterations after 4 warm-ups in one launch: a few percent on a quiet machine,
    /// the default of the throughput experiments), <c>medium</c>, <c>default</c>.</summary>
    public static readonly string[] JobNames = ["dry", "short", "sweep", "medium", "default"];

    /// <summary>The BenchmarkDotNet job of a name in <see cref="JobNames"/>.</summary>
    public static Job JobFor(string name) => name switch
    {
        "dry" => Job.Dry,
        "short" => Job.ShortRun,
        "sweep" => Job.ShortRun.WithWarmupCount(4).WithIterationCount(12).WithId("Sweep"),
        "medium" => Job.MediumRun,
        "default" => Job.Default,
        _ => throw new ArgumentException($"unknown job '{name}' (expected one of {string.Join(", ", JobNames)})", nameof(name)),
    };

    /// <summary>True when the Workbench assemblies (and <paramref name="benchmarks"/>, if given) were compiled with optimisation.</summary>
    public static bool IsOptimized(Assembly? benchmarks = null) =>
        new[] { typeof(Workbench.Filters.BloomFilter).Assembly, typeof(InProcessBenchmark).Assembly, benchmarks }
            .All(a => a is null || a.GetCustomAttribute<DebuggableAttribute>()?.IsJITOptimizerDisabled != true);

    /// <summary>The quiet in-process configuration for <paramref name="job"/>.</summary>
    public static IConfig CreateConfig(Job job, Assembly? benchmarks = null)
    {
        var config = ManualConfig.CreateEmpty()
            .AddJob(job.WithToolchain(InProcessEmitToolchain.DontLogOutput))
            .AddLogger(NullLogger.Instance)
            .AddColumnProvider(DefaultColumnProviders.Instance)
            .WithArtifactsPath(Path.Combine(Path.GetTempPath(), "workbench-benchmarks"))
            .WithOptions(ConfigOptions.DisableLogFile);
        if (!IsOptimized(benchmarks)) config = config.WithOptions(ConfigOptions.DisableOptimizationsValidator);
        return config;
    }

    /// <summary>
    /// Runs every benchmark of <typeparamref name="TBenchmark"/> in this process with the
    /// <c>dry</c> job when <paramref name="quick"/> (a smoke run of a second or two per benchmark)
    /// and the <c>short</c> job otherwise, and returns a tidy table (one row per benchmark case:
    /// method, parameters, ns per operation with BenchmarkDotNet's 99.9% confidence interval,
    /// operations per second) and BenchmarkDotNet's GitHub-flavoured markdown summary.
    /// </summary>
    public static (ResultTable Table, string MarkdownSummary) Run<TBenchmark>(bool quick)
    {
        var config = CreateConfig(JobFor(quick ? "dry" : "short"), typeof(TBenchmark).Assembly);
        var summary = BenchmarkRunner.Run<TBenchmark>(config);
        var table = new ResultTable("method", "parameters", "categories", "ns_per_op", "ns_per_op_ci_low", "ns_per_op_ci_high", "ops_per_second");
        foreach (var report in summary.Reports)
        {
            var (mean, low, high) = Timing(report);
            var c = report.BenchmarkCase;
            table.AddRow(c.Descriptor.WorkloadMethod.Name, c.Parameters.DisplayInfo, string.Join(",", c.Descriptor.Categories), mean, low, high, 1e9 / mean);
        }
        return (table, Markdown(summary));
    }

    /// <summary>BenchmarkDotNet's GitHub markdown table of a summary.</summary>
    public static string Markdown(Summary summary)
    {
        var log = new AccumulationLogger();
        MarkdownExporter.GitHub.ExportToLog(summary, log);
        return log.GetLog();
    }

    /// <summary>
    /// Mean nanoseconds per operation (BenchmarkDotNet divides by <c>OperationsPerInvoke</c>) and
    /// its 99.9% confidence interval; the interval is NaN when there are fewer than two measurements
    /// (the dry job), and the mean is NaN for a failed benchmark.
    /// </summary>
    public static (double Mean, double Low, double High) Timing(BenchmarkReport report)
    {
        var s = report.ResultStatistics;
        if (s is null) return (double.NaN, double.NaN, double.NaN);
        if (s.N < 2) return (s.Mean, double.NaN, double.NaN);
        var ci = s.ConfidenceInterval;
        return (s.Mean, ci.Lower, ci.Upper);
    }

    internal static string Format(double v) => v.ToString("0.###", CultureInfo.InvariantCulture);
}
