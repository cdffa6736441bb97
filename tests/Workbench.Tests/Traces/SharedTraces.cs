using System.Collections.Concurrent;
using Workbench.Traces;

namespace Workbench.Tests.Traces;

/// <summary>
/// The shared real traces, at <c>../shared/traces</c> from the repository root (the directory that
/// holds <c>Workbench.sln</c>), or wherever <c>WORKBENCH_TRACES</c> points. Loaded traces are cached
/// for the whole test run, so that each file is decompressed and parsed once.
/// </summary>
public static class SharedTraces
{
    public const string EnvironmentVariable = "WORKBENCH_TRACES";

    private static readonly ConcurrentDictionary<string, Lazy<long[]>> Loaded = new();

    /// <summary>The traces folder, or null when it is absent.</summary>
    public static string? Directory { get; } = Locate();

    /// <summary>Why tests that need the traces are skipped, or null when they are there.</summary>
    public static string? SkipReason => Directory is null
        ? $"The shared traces folder (../shared/traces from the repository root, or ${EnvironmentVariable}) is absent; these tests need it."
        : null;

    /// <summary>The absolute path of <paramref name="relative"/> (e.g. <c>arc/OLTP.lis.zst</c>).</summary>
    public static string PathOf(string relative) =>
        Path.Combine(Directory ?? throw new InvalidOperationException(SkipReason), relative);

    /// <summary>The keys of a shared trace, loaded once per test run.</summary>
    public static long[] Load(string relative) =>
        Loaded.GetOrAdd(relative, r => new Lazy<long[]>(() => TraceSource.Load(PathOf(r)))).Value;

    private static string? Locate()
    {
        var fromEnvironment = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrEmpty(fromEnvironment)) return System.IO.Directory.Exists(fromEnvironment) ? Path.GetFullPath(fromEnvironment) : null;
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Workbench.sln")))
            {
                var traces = Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", "traces"));
                return System.IO.Directory.Exists(traces) ? traces : null;
            }
        }
        return null;
    }
}

/// <summary>A fact that needs the shared traces; skipped with the reason where they are absent.</summary>
public sealed class SharedTracesFactAttribute : FactAttribute
{
    public SharedTracesFactAttribute() { if (SharedTraces.SkipReason is { } reason) Skip = reason; }
}

/// <summary>A theory that needs the shared traces; skipped with the reason where they are absent.</summary>
public sealed class SharedTracesTheoryAttribute : TheoryAttribute
{
    public SharedTracesTheoryAttribute() { if (SharedTraces.SkipReason is { } reason) Skip = reason; }
}
