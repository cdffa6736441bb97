using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using Workbench.Experiments;

namespace Workbench.Benchmarks.Sketches;

/// <summary>Parameters of <c>count-min/throughput</c>.</summary>
/// <param name="MaximumSizes">BitFaster <c>maximumSize</c> values S; every sketch gets 8·S bytes (S rounded up to a power of two).</param>
/// <param name="Job">BenchmarkDotNet job: <c>dry</c> (smoke run, numbers not to be quoted), <c>short</c>, <c>sweep</c>, <c>medium</c>, <c>default</c>.</param>
public sealed record CountMinThroughputParameters(long[] MaximumSizes, string Job) : IExperimentParameters
{
    public IEnumerable<string> Validate()
    {
        if (MaximumSizes is null || MaximumSizes.Length == 0) yield return "maximum_sizes must list at least one size";
        else if (MaximumSizes.Any(s => s < 64 || s > 1L << 26)) yield return $"maximum_sizes values must be between 64 and 67108864 (got {ParameterBinder.Format(MaximumSizes)})";
        foreach (var e in Check.OneOf("job", [Job ?? ""], InProcessBenchmark.JobNames)) yield return e;
    }

    public override string ToString() => $"maximum_sizes={ParameterBinder.Format(MaximumSizes)}, job={Job}";
}

/// <summary>
/// <c>count-min/throughput</c>: nanoseconds per increment and per estimate of the blocked 4-bit
/// count-min sketch, the classic and the conservative count-min sketch, against BitFaster.Caching
/// 2.6.1's <c>CmSketch</c>, at equal memory, measured by BenchmarkDotNet
/// (<see cref="CountMinBySize"/>) in this process, with each case's ratio to BitFaster in the same
/// run. The blocked sketch is BitFaster's design; the classic one touches d = 4 cache lines per key,
/// so it is compared at equal memory only. Timing experiment: not deterministic.
/// </summary>
public sealed class CountMinThroughputExperiment : Experiment<CountMinThroughputParameters>
{
    public override string Id => "count-min/throughput";
    public override string Title => "Count-min increment and estimate cost against BitFaster's CmSketch";
    public override bool Deterministic => false;

    public override CountMinThroughputParameters Defaults { get; } = new([.. SketchSweep.DefaultCountMinSizes], "short");
    public override CountMinThroughputParameters Quick { get; } = new([1L << 10], "dry");

    public static readonly string[] Columns =
        ["case", "sketch", "operation", "maximum_size", "bytes", "ns_per_op", "ns_per_op_ci_low", "ns_per_op_ci_high", "ratio_to_bitfaster", "job"];

    protected override ResultTable Execute(CountMinThroughputParameters p, int seed, IProgress<ExperimentProgress>? progress, CancellationToken cancellation)
    {
        Summary summary;
        lock (SketchSweep.Gate)
        {
            var saved = SketchSweep.CountMinSizes;
            try
            {
                SketchSweep.CountMinSizes = [.. p.MaximumSizes.Distinct()];
                progress?.Report(new ExperimentProgress(0, 1, "benchmarking"));
                cancellation.ThrowIfCancellationRequested();
                summary = BenchmarkRunner.Run<CountMinBySize>(InProcessBenchmark.CreateConfig(InProcessBenchmark.JobFor(p.Job), typeof(CountMinBySize).Assembly));
                progress?.Report(new ExperimentProgress(1, 1, "done"));
            }
            finally { SketchSweep.CountMinSizes = saved; }
        }
        var rows = summary.Reports.Select(r =>
        {
            string method = r.BenchmarkCase.Descriptor.WorkloadMethod.Name;
            string operation = method.EndsWith("Increment", StringComparison.Ordinal) ? "increment" : "estimate";
            string sketch = method[..^(operation.Length)].ToLowerInvariant();
            var (mean, low, high) = InProcessBenchmark.Timing(r);
            return (Sketch: sketch, Operation: operation, Size: (long)r.BenchmarkCase.Parameters["MaximumSize"], Mean: mean, Low: low, High: high);
        }).ToList();
        var table = new ResultTable(Columns);
        foreach (var r in rows.OrderBy(r => r.Operation).ThenBy(r => r.Sketch).ThenBy(r => r.Size))
        {
            double baseline = rows.FirstOrDefault(b => b.Sketch == "bitfaster" && b.Operation == r.Operation && b.Size == r.Size).Mean;
            table.AddRow($"{r.Sketch} {r.Operation}", r.Sketch, r.Operation, r.Size, CountMinBySize.BytesFor(r.Size), r.Mean, r.Low, r.High, r.Mean / baseline, p.Job);
        }
        return table;
    }

    public override IReadOnlyList<FigureSpec> Figures(CountMinThroughputParameters p) =>
    [
        new FigureSpec(
            "throughput",
            $"Count-min cost per key against memory, beside BitFaster's CmSketch ({p.Job} job, one thread)",
            new AxisSpec("bytes", "sketch memory (bytes)", Log: true),
            new AxisSpec("ns_per_op", "nanoseconds per operation", Log: true),
            [new SeriesSpec("ns_per_op", "", SeriesStyle.Measured, "ns_per_op_ci_low", "ns_per_op_ci_high")],
            GroupBy: "case",
            Markers: [.. CacheSizes.Detect().Select(l => new MarkerLine(l.Bytes, l.ToString()))]),
    ];
}

/// <summary>Parameters of <c>hyperloglog/throughput</c>.</summary>
/// <param name="Precisions">Precisions p, 4 to 18.</param>
/// <param name="Job">BenchmarkDotNet job name.</param>
public sealed record HyperLogLogThroughputParameters(int[] Precisions, string Job) : IExperimentParameters
{
    public IEnumerable<string> Validate()
    {
        foreach (var e in Check.AllInRange("precisions", Precisions ?? [], Workbench.Sketches.HyperLogLog.MinPrecision, Workbench.Sketches.HyperLogLog.MaxPrecision)) yield return e;
        foreach (var e in Check.OneOf("job", [Job ?? ""], InProcessBenchmark.JobNames)) yield return e;
    }

    public override string ToString() => $"precisions={ParameterBinder.Format(Precisions)}, job={Job}";
}

/// <summary>
/// <c>hyperloglog/throughput</c>: nanoseconds per add (dense) and per estimate at several
/// precisions, and the plainly written twin's add, by BenchmarkDotNet (<see cref="HyperLogLogByPrecision"/>)
/// in this process. Timing experiment: not deterministic.
/// </summary>
public sealed class HyperLogLogThroughputExperiment : Experiment<HyperLogLogThroughputParameters>
{
    public override string Id => "hyperloglog/throughput";
    public override string Title => "HyperLogLog add and estimate cost against precision";
    public override bool Deterministic => false;

    public override HyperLogLogThroughputParameters Defaults { get; } = new([.. SketchSweep.DefaultPrecisions], "short");
    public override HyperLogLogThroughputParameters Quick { get; } = new([10], "dry");

    public static readonly string[] Columns = ["operation", "precision", "registers", "ns_per_op", "ns_per_op_ci_low", "ns_per_op_ci_high", "job"];

    protected override ResultTable Execute(HyperLogLogThroughputParameters p, int seed, IProgress<ExperimentProgress>? progress, CancellationToken cancellation)
    {
        Summary summary;
        lock (SketchSweep.Gate)
        {
            var saved = SketchSweep.Precisions;
            try
            {
                SketchSweep.Precisions = [.. p.Precisions.Distinct()];
                progress?.Report(new ExperimentProgress(0, 1, "benchmarking"));
                cancellation.ThrowIfCancellationRequested();
                summary = BenchmarkRunner.Run<HyperLogLogByPrecision>(InProcessBenchmark.CreateConfig(InProcessBenchmark.JobFor(p.Job), typeof(HyperLogLogByPrecision).Assembly));
                progress?.Report(new ExperimentProgress(1, 1, "done"));
            }
            finally { SketchSweep.Precisions = saved; }
        }
        var table = new ResultTable(Columns);
        foreach (var r in summary.Reports.OrderBy(r => r.BenchmarkCase.Descriptor.WorkloadMethod.Name).ThenBy(r => (int)r.BenchmarkCase.Parameters["Precision"]))
        {
            int precision = (int)r.BenchmarkCase.Parameters["Precision"];
            var (mean, low, high) = InProcessBenchmark.Timing(r);
            string op = r.BenchmarkCase.Descriptor.WorkloadMethod.Name switch { "Add" => "add", "ReferenceAdd" => "reference add", _ => "estimate" };
            table.AddRow(op, precision, 1 << precision, mean, low, high, p.Job);
        }
        return table;
    }

    public override IReadOnlyList<FigureSpec> Figures(HyperLogLogThroughputParameters p) =>
    [
        new FigureSpec(
            "throughput",
            $"HyperLogLog cost against precision ({p.Job} job, one thread)",
            new AxisSpec("precision", "precision p (m = 2^p registers)"),
            new AxisSpec("ns_per_op", "nanoseconds per operation", Log: true),
            [new SeriesSpec("ns_per_op", "", SeriesStyle.Measured, "ns_per_op_ci_low", "ns_per_op_ci_high")],
            GroupBy: "operation"),
    ];
}
