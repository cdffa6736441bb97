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

    public static readonly string[] Columns = ["series", "workload", "heap", "n", "ns_per_op", "ns_per_op_ci_low", "ns_per_op_ci_high", "ops_per_second", "job"];

    protected override ResultTable Execute(HeapThroughputParameters p, int seed, IProgress<ExperimentProgress>? progress, CancellationToken cancellation)
    {
        // Priorities come from HeapFixture.Seed: a timing experiment's numbers do not depend on which values are drawn.
        var table = new ResultTable(Columns);
        var config = InProcessBenchmark.CreateConfig(InProcessBenchmark.JobFor(p.Job), typeof(HeapHoldBySize).Assembly);
        var jobs = new List<(string Workload, Type Type, string[] Heaps)>();
        if (p.Workloads.Contains(HeapThroughputParameters.Hold)) jobs.Add((HeapThroughputParameters.Hold, typeof(HeapHoldBySize), p.Heaps));
        if (p.Workloads.Contains(HeapThroughputParameters.DecreaseKey))
            jobs.Add((HeapThroughputParameters.DecreaseKey, typeof(HeapDecreaseKeyBySize), [.. p.Heaps.Where(h => h != HeapFixture.PriorityQueue)]));
        int total = jobs.Sum(j => j.Heaps.Length * p.Sizes.Distinct().Count()), done = 0;
        lock (HeapFixture.Gate)
        {
            var saved = HeapFixture.Sizes;
            try
            {
                HeapFixture.Sizes = [.. p.Sizes.Distinct().Order()];
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
                            return (Array.IndexOf(heaps, heap) * 100 + HeapFixture.Sizes.ToList().IndexOf(n), $"{workload}, {heap}, n = {n:N0}");
                        },
                        (c, t) =>
                        {
                            string heap = heaps.First(h => HeapFixture.MethodOf(h) == c.Descriptor.WorkloadMethod.Name);
                            table.AddRow($"{heap} {workload}", workload, heap, (int)c.Parameters["Size"], t.Mean, t.Low, t.High, 1e9 / t.Mean, p.Job);
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
        return table;
    }

    public override IReadOnlyList<FigureSpec> Figures(HeapThroughputParameters p) =>
    [
        new FigureSpec(
            "throughput",
            "Heap operation cost against heap size (hold: pop + push; decrease-key: pop + push + decrease-key)",
            new AxisSpec("n", "heap size n (elements of 16 bytes; cache markers at cache size / 16 B)", Log: true),
            new AxisSpec("ns_per_op", "nanoseconds per operation (one thread)", Log: true),
            [new SeriesSpec("ns_per_op", "", SeriesStyle.Measured, "ns_per_op_ci_low", "ns_per_op_ci_high")],
            GroupBy: "series",
            Markers: [.. CacheSizes.Detect().Select(l => new MarkerLine(l.Bytes / 16.0, l.ToString()))]),
    ];

    /// <summary>Synchronous progress adapter (Progress&lt;T&gt; would post to the thread pool).</summary>
    private sealed class Progress(Action<ExperimentProgress> report) : IProgress<ExperimentProgress>
    {
        public void Report(ExperimentProgress value) => report(value);
    }
}
