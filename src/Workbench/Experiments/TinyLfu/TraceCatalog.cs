using Workbench.Traces;

namespace Workbench.Experiments.TinyLfu;

/// <summary>
/// Where the experiments find trace files: names are paths relative to the shared trace collection
/// (<c>../shared/traces</c> from the repository root, the directory holding <c>Workbench.sln</c>, found
/// from the working directory or the running assembly), or wherever <c>WORKBENCH_TRACES</c> points.
/// Absolute paths, existing relative paths and <c>synthetic:</c> specifications are used as given.
/// Also loads a list of traces for the experiments and holds the published hit ratios the figures
/// are compared with.
/// </summary>
public static class TraceCatalog
{
    /// <summary>Environment variable that overrides the trace folder.</summary>
    public const string EnvironmentVariable = "WORKBENCH_TRACES";

    /// <summary>Every file of the shared collection, as listed in its README.</summary>
    public static readonly string[] SharedTraces =
    [
        "arc/OLTP.lis.zst",
        "cache2k/web07.trace.xz", "cache2k/web12.trace.xz",
        "corda/trace_vaultservice.gz",
        "lirs/2_pools.trace.gz", "lirs/cpp.trace.gz", "lirs/cs.trace.gz", "lirs/gli.trace.gz", "lirs/loop.trace.gz",
        "lirs/multi1.trace.gz", "lirs/multi2.trace.gz", "lirs/multi3.trace.gz", "lirs/ps.trace.gz", "lirs/sprite.trace.gz",
        "lirs/backf.trace.gz", "lirs/scan.trace.gz", "lirs/zigzag.trace.gz",
    ];

    /// <summary>
    /// Published hit ratios (fractions) by trace label, policy and capacity: the ARC paper (Megiddo
    /// &amp; Modha, FAST 2003), Table III, OLTP.
    /// </summary>
    public static readonly IReadOnlyDictionary<(string Trace, string Policy, int Capacity), double> Published =
        new Dictionary<(string, string, int), double>
        {
            [("OLTP", "lru", 1_000)] = 0.3283, [("OLTP", "arc", 1_000)] = 0.3893,
            [("OLTP", "lru", 2_000)] = 0.4247, [("OLTP", "arc", 2_000)] = 0.4608,
            [("OLTP", "lru", 15_000)] = 0.6463, [("OLTP", "arc", 15_000)] = 0.6540,
        };

    /// <summary>The shared trace folder, or null when it cannot be found.</summary>
    public static string? Directory()
    {
        var fromEnvironment = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrEmpty(fromEnvironment)) return System.IO.Directory.Exists(fromEnvironment) ? Path.GetFullPath(fromEnvironment) : null;
        foreach (var start in new[] { System.IO.Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (!File.Exists(Path.Combine(dir.FullName, "Workbench.sln"))) continue;
                var traces = Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", "traces"));
                if (System.IO.Directory.Exists(traces)) return traces;
                break;
            }
        }
        return null;
    }

    /// <summary>The specification to open for <paramref name="name"/>; a file that cannot be found is a <see cref="ParameterException"/> naming <paramref name="parameter"/>.</summary>
    public static string Resolve(string name, string parameter = "traces")
    {
        if (SyntheticTrace.IsSynthetic(name) || File.Exists(name)) return name;
        var folder = Directory();
        if (!Path.IsPathRooted(name) && folder is not null && File.Exists(Path.Combine(folder, name))) return Path.Combine(folder, name);
        throw new ParameterException(folder is null
            ? $"{parameter}: trace '{name}' not found, and no shared trace folder (../shared/traces from the repository root, or ${EnvironmentVariable}); use a path or a synthetic: workload"
            : $"{parameter}: trace '{name}' not found (looked in {folder})");
    }

    /// <summary>A short label: the file name without compression suffixes and extension (<c>OLTP</c>, <c>ps</c>), or the synthetic phases (<c>zipf</c>, <c>zipf-loop-zipf</c>).</summary>
    public static string Label(string name)
    {
        if (SyntheticTrace.IsSynthetic(name))
            return string.Join("-", SyntheticTrace.Parse(name).Phases.Select(p => p switch { ZipfPhase z => $"zipf{z.Exponent:0.##}", LoopPhase => "loop", _ => "scan" }));
        var file = Path.GetFileName(name);
        foreach (var suffix in new[] { ".gz", ".xz", ".zst", ".zstd" })
            if (file.EndsWith(suffix, StringComparison.OrdinalIgnoreCase)) file = file[..^suffix.Length];
        foreach (var suffix in new[] { ".trace", ".lis", ".txt" })
            if (file.EndsWith(suffix, StringComparison.OrdinalIgnoreCase)) file = file[..^suffix.Length];
        return file;
    }

    /// <summary>Labels for a list of names, made unique by a numeric suffix where two coincide.</summary>
    public static string[] Labels(IReadOnlyList<string> names)
    {
        var bases = names.Select(Label).ToArray();
        var labels = new string[bases.Length];
        for (int i = 0; i < bases.Length; i++)
        {
            bool repeated = bases.Count(l => l == bases[i]) > 1;
            labels[i] = repeated ? $"{bases[i]}-{bases.Take(i).Count(l => l == bases[i]) + 1}" : bases[i];
        }
        return labels;
    }

    /// <summary>Resolves and loads every trace once, in order: its label (<see cref="Labels"/>), its keys and its number of distinct keys.</summary>
    public static (string[] Labels, long[][] Traces, long[] Distinct) LoadAll(string[] names, IProgress<ExperimentProgress>? progress, CancellationToken cancellation)
    {
        var specs = names.Select(t => Resolve(t)).ToArray();
        var labels = Labels(names);
        var traces = new long[specs.Length][];
        var distinct = new long[specs.Length];
        for (int t = 0; t < specs.Length; t++)
        {
            cancellation.ThrowIfCancellationRequested();
            progress?.Report(new ExperimentProgress(0, 1, $"loading {labels[t]}"));
            traces[t] = TraceSource.Load(specs[t]);
            distinct[t] = new HashSet<long>(traces[t]).Count;
        }
        return (labels, traces, distinct);
    }
}
