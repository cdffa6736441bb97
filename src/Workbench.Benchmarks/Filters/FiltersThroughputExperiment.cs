using BenchmarkDotNet.Running;
using Workbench.Experiments;

namespace Workbench.Benchmarks.Filters;

/// <summary>Parameters of <c>filters/throughput</c>.</summary>
/// <param name="Job">BenchmarkDotNet job: <c>dry</c> (smoke run, numbers not to be quoted), <c>short</c>, <c>sweep</c>, <c>medium</c>, <c>default</c>.</param>
/// <param name="Operations">Which categories: <c>lookup</c>, <c>construction</c>.</param>
public sealed record FiltersThroughputParameters(string Job, string[] Operations) : IExperimentParameters
{
    public IEnumerable<string> Validate() =>
        Check.OneOf("job", [Job ?? ""], InProcessBenchmark.JobNames)
            .Concat(Check.OneOf("operations", Operations ?? [], FiltersThroughputExperiment.OperationNames));

    public override string ToString() => $"job={Job}, operations={ParameterBinder.Format(Operations)}";
}

/// <summary>
/// <c>filters/throughput</c>: nanoseconds per lookup (50% members) and per key of construction
/// for every filter at one million keys, measured by BenchmarkDotNet (<see cref="Filters1M"/>) in
/// this process, beside the C++ figures of the FastFilter benchmark measured on this kind of
/// machine (2 cores): lookups xor8 5.6, binary fuse 8 5.5, cuckoo12 8.0, Bloom12 15.1 ns;
/// construction xor8 104, binary fuse 8 39 ns per key. The ratio column is ours over C++.
/// Timing experiment: not deterministic.
/// </summary>
public sealed class FiltersThroughputExperiment : Experiment<FiltersThroughputParameters>
{
    public static readonly string[] OperationNames = ["lookup", "construction"];

    /// <summary>The C++ reference figures, ns per operation, by benchmark method.</summary>
    public static readonly IReadOnlyDictionary<string, double> CppNanoseconds = new Dictionary<string, double>
    {
        ["Xor8Lookup"] = 5.6,
        ["BinaryFuse8Lookup"] = 5.5,
        ["CuckooLookup"] = 8.0,
        ["BloomLookup"] = 15.1,
        ["Xor8Construction"] = 104,
        ["BinaryFuse8Construction"] = 39,
    };

    /// <summary>Filter name and memory (bits per key) of each benchmark method's filter.</summary>
    private static (string Filter, double BitsPerKey) Describe(string method, FilterFixture f)
    {
        string stem = method.Replace("Lookup", "").Replace("Construction", "");
        return stem switch
        {
            "Bloom" => ("bloom-12", (double)f.Bloom.SizeInBits / f.Keys),
            "BlockedBloom" => ("blocked-bloom-12", (double)f.Blocked.SizeInBits / f.Keys),
            "Cuckoo" => ("cuckoo-12", (double)f.Cuckoo.SizeInBits / f.CuckooMembers.Length),
            "Xor8" => ("xor8", f.Xor8.BitsPerKey),
            "Xor16" => ("xor16", f.Xor16.BitsPerKey),
            "BinaryFuse8" => ("binary-fuse8", f.Fuse8.BitsPerKey),
            "BinaryFuse16" => ("binary-fuse16", f.Fuse16.BitsPerKey),
            _ => throw new InvalidOperationException($"unknown benchmark {method}"),
        };
    }

    public override string Id => "filters/throughput";
    public override string Title => "Lookup and construction cost of every filter at 1M keys";
    public override bool Deterministic => false;

    public override FiltersThroughputParameters Defaults { get; } = new("short", OperationNames);
    public override FiltersThroughputParameters Quick { get; } = new("dry", OperationNames);

    public static readonly string[] Columns =
        ["filter", "operation", "method", "keys", "bits_per_key", "ns_per_op", "ns_per_op_ci_low", "ns_per_op_ci_high", "cpp_ns_per_op", "ratio_to_cpp", "job"];

    protected override ResultTable Execute(FiltersThroughputParameters p, int seed, IProgress<ExperimentProgress>? progress, CancellationToken cancellation)
    {
        // The fixture's keys use FilterFixture.Seed: a timing experiment's numbers do not depend on which keys are drawn.
        var table = new ResultTable(Columns);
        var config = InProcessBenchmark.CreateConfig(InProcessBenchmark.JobFor(p.Job), typeof(Filters1M).Assembly);
        var fixture = FilterFixture.For(Filters1M.Keys);
        using var all = BenchmarkConverter.TypeToBenchmarks(typeof(Filters1M), config);
        var cases = all.BenchmarksCases
            .Select(c => (Case: c, Method: c.Descriptor.WorkloadMethod.Name, Operation: c.Descriptor.Categories.First()))
            .Where(c => p.Operations.Contains(c.Operation))
            .OrderBy(c => Array.IndexOf(OperationNames, c.Operation))
            .ToList();
        for (int i = 0; i < cases.Count; i++)
        {
            cancellation.ThrowIfCancellationRequested();
            var (c, method, operation) = cases[i];
            progress?.Report(new ExperimentProgress(i, cases.Count, method));
            var summary = BenchmarkRunner.Run(new BenchmarkRunInfo([c], typeof(Filters1M), all.Config));
            var report = summary.Reports.FirstOrDefault()
                ?? throw new InvalidOperationException($"BenchmarkDotNet produced no report for {method}: {string.Join("; ", summary.ValidationErrors.Select(e => e.Message))}");
            if (!report.Success) throw new InvalidOperationException($"benchmark {method} failed");
            var (mean, low, high) = InProcessBenchmark.Timing(report);
            if (method == nameof(Filters1M.CuckooConstruction))
            {
                double scale = (double)Filters1M.Keys / fixture.CuckooMembers.Length;   // per inserted key
                (mean, low, high) = (mean * scale, low * scale, high * scale);
            }
            var (filter, bpk) = Describe(method, fixture);
            double cpp = CppNanoseconds.TryGetValue(method, out var v) ? v : double.NaN;
            table.AddRow(filter, operation, method, operation == "construction" && method.StartsWith("Cuckoo") ? fixture.CuckooMembers.Length : fixture.Keys,
                bpk, mean, low, high, cpp, mean / cpp, p.Job);
            progress?.Report(new ExperimentProgress(i + 1, cases.Count, method));
        }
        return table;
    }

    public override IReadOnlyList<FigureSpec> Figures(FiltersThroughputParameters p) =>
    [
        new FigureSpec(
            "throughput",
            $"Cost per operation at 1M keys: lookups (50% members) and construction per key ({p.Job} job)",
            new AxisSpec("filter", "filter (fingerprint or memory bits)"),
            new AxisSpec("ns_per_op", "nanoseconds per operation (one thread)", Log: true),
            [
                new SeriesSpec("ns_per_op", "measured (C#)", SeriesStyle.Measured, "ns_per_op_ci_low", "ns_per_op_ci_high"),
                new SeriesSpec("cpp_ns_per_op", "C++ FastFilter", SeriesStyle.Published),
            ],
            GroupBy: "operation"),
    ];
}
