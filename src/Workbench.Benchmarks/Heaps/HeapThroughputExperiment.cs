using BenchmarkDotNet.Jobs;
using Perfolizer.Horology;
using BenchmarkDotNet.Running;
using Workbench.Experiments;

namespace Workbench.Benchmarks.Heaps;

/// <summary>Parameters of <c>heaps/throughput</c>.</summary>
/// <param name="Sizes">Heap sizes n (elements held).</param>
/// <param name="Heaps">Which heaps: <c>d2</c>, <c>d4</c>, <c>d8</c>, <c>pairing</c>, <c>priority-queue</c>.</param>
/// <param name="Workloads"><c>hold</c> (pop then push) and <c>decrease-key</c> (pop, push, decrease-key; not for priority-queue).</param>
/// <param name="Job">BenchmarkDotNet job: <c>dry</c> (smoke run, numbers not to be quoted), <c>short</c>, <c>sweep</c>, <c>medium</c>, <c>default</c>.</param>
public sealed record HeapThroughputParameters(int[] Sizes, string[] Heaps, string[] Workloads, string Job) : IExperimentParameters
{
    public const string Hold = "hold", DecreaseKey = "decrease-key";
    public static readonly string[] WorkloadNames = [Hold, DecreaseKey];

    public IEnumerable<string> Validate()
    {
        foreach (var e in Check.AllInRange("sizes", Sizes ?? [], 16, 20_000_000)) yield return e;
        foreach (var e in Check.OneOf("heaps", Heaps ?? [], HeapFixture.HeapNames)) yield return e;
        foreach (var e in Check.OneOf("workloads", Workloads ?? [], WorkloadNames)) yield return e;
        foreach (var e in Check.OneOf("job", [Job ?? ""], InProcessBenchmark.JobNames)) yield return e;
    }

    public override string ToString() => $"sizes={ParameterBinder.Format(Sizes)}, heaps={ParameterBinder.Format(Heaps)}, workloads={ParameterBinder.Format(Workloads)}, job={Job}";
}

/// <summary>
/// <c>heaps/throughput</c>: nanoseconds per operation against heap size, measured by
/// BenchmarkDotNet in this process. <c>hold</c> (<see cref="HeapHoldBySize"/>): one pop and one
/// push, for d = 2, 4, 8, the pairing heap and .NET's PriorityQueue. <c>decrease-key</c>
/// (<see cref="HeapDecreaseKeyBySize"/>): one pop, one push and one decrease-key, for the
/// addressable heaps. The claim (LaMarca &amp; Ladner 1996): the 4-ary heap beats the binary heap,
/// by more as the heap outgrows the caches, because a pop touches half as many cache lines
/// (<c>heaps/cache-lines</c> counts them). Timing experiment: not deterministic.
/// </summary>
public sealed class HeapThroughputExperiment : Experiment<HeapThroughputParameters>
{
    public override string Id => "heaps/throughput";
    public override string Title => "Nanoseconds per heap operation against heap size";
    public override bool Deterministic => false;

    public override HeapThroughputParameters Defaults { get; } = new([.. HeapFixture.DefaultSizes], HeapFixture.HeapNames, HeapThroughputParameters.WorkloadNames, "sweep");

    public override HeapThroughputParameters Quick { get; } = new([1_000], HeapFixture.HeapNames, HeapThroughputParameters.WorkloadNames, "dry");

    /// <summary>
    /// The job of a name with iterations of about 100 ms instead of BenchmarkDotNet's 500 ms: an
    /// invocation is 2^16 operations (4 ms at 10^3, about 50 ms at 10^7), so an iteration still holds
    /// from 2 to 25 of them, and the sweep (45 cases with 10^7) takes a few minutes instead of 7 for
    /// 36 cases without it. The interval comes from the number of iterations, which is unchanged.
    /// </summary>
    public static Job JobFor(string name) =>
        name == "dry" ? InProcessBenchmark.JobFor(name) : InProcessBenchmark.JobFor(name).WithIterationTime(TimeInterval.FromMilliseconds(100));

    public static readonly string[] Columns =
    [
        "heap", "n",
        "hold_ns_per_op", "hold_ns_per_op_ci_low", "hold_ns_per_op_ci_high",
        "decrease_key_ns_per_op", "decrease_key_ns_per_op_ci_low", "decrease_key_ns_per_op_ci_high",
        "job",
    ];

    protected override ResultTable Execute(HeapThroughputParameters p, int seed, IProgress<ExperimentProgress>? progress, CancellationToken cancellation)
    {
        // Priorities come from HeapFixture.Seed: a timing experiment's numbers do not depend on which values are drawn.
        var config = InProcessBenchmark.CreateConfig(JobFor(p.Job), typeof(HeapHoldBySize).Assembly);
        var jobs = new List<(string Workload, Type Type, string[] Heaps)>();
        if (p.Workloads.Contains(HeapThroughputParameters.Hold)) jobs.Add((HeapThroughputParameters.Hold, typeof(HeapHoldBySize), p.Heaps));
        if (p.Workloads.Contains(HeapThroughputParameters.DecreaseKey))
            jobs.Add((HeapThroughputParameters.DecreaseKey, typeof(HeapDecreaseKeyBySize), [.. p.Heaps.Where(h => h != HeapFixture.PriorityQueue)]));
        var sizes = p.Sizes.Distinct().Order().ToArray();
        int total = jobs.Sum(j => j.Heaps.Length * sizes.Length), done = 0;
        var timings = new Dictionary<(string Workload, string Heap, int N), (double Mean, double Low, double High)>();
        lock (HeapFixture.Gate)
        {
            var saved = HeapFixture.Sizes;
            try
            {
                HeapFixture.Sizes = sizes;
                foreach (var (workload, type, heaps) in jobs)
                {
                    int before = done;
                    var inner = progress is null ? null : new Progress(e => progress.Report(new ExperimentProgress(before + e.Done, total, e.Stage)));
                    CaseRunner.Run(type, config,
                        c =>
                        {
                            string? heap = heaps.FirstOrDefault(h => HeapFixture.MethodOf(h) == c.Descriptor.WorkloadMethod.Name);
                            if (heap is null) return null;
                            int n = (int)c.Parameters["Size"];
                            return (Array.IndexOf(heaps, heap) * 100 + Array.IndexOf(sizes, n), $"{workload}, {heap}, n = {n:N0}");
                        },
                        (c, t) =>
                        {
                            string heap = heaps.First(h => HeapFixture.MethodOf(h) == c.Descriptor.WorkloadMethod.Name);
                            timings[(workload, heap, (int)c.Parameters["Size"])] = t;
                            done++;
                        },
                        inner, cancellation);
                }
            }
            finally
            {
                HeapFixture.Sizes = saved;
            }
        }
        // One row per heap and size, each workload in its own columns (NaN where not measured).
        var table = new ResultTable(Columns);
        var none = (double.NaN, double.NaN, double.NaN);
        foreach (var heap in p.Heaps.Distinct())
        {
            foreach (int n in sizes)
            {
                var hold = timings.GetValueOrDefault((HeapThroughputParameters.Hold, heap, n), none);
                var dk = timings.GetValueOrDefault((HeapThroughputParameters.DecreaseKey, heap, n), none);
                if (double.IsNaN(hold.Item1) && double.IsNaN(dk.Item1)) continue;
                table.AddRow(heap, n, hold.Item1, hold.Item2, hold.Item3, dk.Item1, dk.Item2, dk.Item3, p.Job);
            }
        }
        return table;
    }

    public override IReadOnlyList<FigureSpec> Figures(HeapThroughputParameters p)
    {
        MarkerLine[] markers = [.. CacheSizes.Detect().Select(l => new MarkerLine(l.Bytes / 16.0, l.ToString()))];
        var x = new AxisSpec("n", "heap size n (elements of 16 bytes; cache markers at cache size / 16 B)", Log: true);
        return
        [
            new FigureSpec(
                "throughput",
                "Hold workload: one pop and one push, nanoseconds against heap size",
                x,
                new AxisSpec("hold_ns_per_op", "nanoseconds per pop + push (one thread)", Log: true),
                [new SeriesSpec("hold_ns_per_op", "", SeriesStyle.Measured, "hold_ns_per_op_ci_low", "hold_ns_per_op_ci_high")],
                GroupBy: "heap",
                Markers: markers),
            new FigureSpec(
                "decrease-key",
                "Decrease-key mix: pop + push + decrease-key (PriorityQueue has none)",
                x,
                new AxisSpec("decrease_key_ns_per_op", "nanoseconds per pop + push + decrease-key", Log: true),
                [new SeriesSpec("decrease_key_ns_per_op", "", SeriesStyle.Measured, "decrease_key_ns_per_op_ci_low", "decrease_key_ns_per_op_ci_high")],
                GroupBy: "heap",
                Markers: markers),
        ];
    }

    /// <summary>Synchronous progress adapter (Progress&lt;T&gt; would post to the thread pool).</summary>
    private sealed class Progress(Action<ExperimentProgress> report) : IProgress<ExperimentProgress>
    {
        public void Report(ExperimentProgress value) => report(value);
    }
}
