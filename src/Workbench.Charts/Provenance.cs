using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Text.Json;
using System.Text.Json.Serialization;
using Workbench.Experiments;

namespace Workbench.Charts;

/// <summary>
/// Where a result came from, written beside its CSV as <c>&lt;experiment-name&gt;.json</c>. The CSV
/// itself carries no dates or commits, so the same parameters and seed give a byte-identical CSV;
/// everything that varies between runs (date, machine, commit, elapsed time) lives here.
/// Serialised as indented JSON with snake_case property names.
/// </summary>
public sealed record Provenance
{
    public required string ExperimentId { get; init; }
    public required string PaperId { get; init; }
    public required string Title { get; init; }

    /// <summary><c>default</c> or <c>quick</c> when the parameters equal that preset, else <c>custom</c>.</summary>
    public required string Profile { get; init; }

    /// <summary>Parameter values by snake_case name.</summary>
    public required IReadOnlyDictionary<string, object?> Parameters { get; init; }
    public required int Seed { get; init; }

    /// <summary>HEAD of the git checkout holding the output directory; null outside a checkout or without git.</summary>
    public string? GitCommit { get; init; }

    /// <summary>True when that checkout had uncommitted changes before the files were written; null when unknown.</summary>
    public bool? GitDirty { get; init; }
    public required string WorkbenchVersion { get; init; }
    public required string DotnetVersion { get; init; }
    public required string Os { get; init; }
    public required string Cpu { get; init; }
    public required int LogicalCores { get; init; }

    /// <summary>When the record was written, UTC, ISO 8601.</summary>
    public required string UtcDate { get; init; }

    /// <summary>Wall-clock duration of the experiment run in seconds (not of the export).</summary>
    public required double ElapsedSeconds { get; init; }

    /// <summary>Whether the experiment promises identical results for identical parameters and seed.</summary>
    public required bool Deterministic { get; init; }

    /// <summary>File names (not paths) written for this result, this record included.</summary>
    public required IReadOnlyList<string> Files { get; init; }

    /// <summary>The serialiser settings: indented, snake_case names.</summary>
    public static JsonSerializerOptions JsonOptions { get; } = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public string ToJson() => JsonSerializer.Serialize(this, JsonOptions) + "\n";

    /// <summary>
    /// Collects the record for a result. <paramref name="git"/> is the state of the checkout that
    /// holds the outputs (<see cref="GitState"/>), taken before anything is written so the dirty flag
    /// reflects the source, not the new outputs.
    /// </summary>
    public static Provenance Create(IExperiment experiment, ExperimentResult result, (string? Commit, bool? Dirty) git, IReadOnlyList<string> files)
    {
        ArgumentNullException.ThrowIfNull(experiment);
        ArgumentNullException.ThrowIfNull(result);
        var (commit, dirty) = git;
        return new Provenance
        {
            ExperimentId = result.ExperimentId,
            PaperId = experiment.PaperId,
            Title = experiment.Title,
            Profile = ProfileOf(experiment, result.Parameters),
            Parameters = ParameterValues(result.Parameters),
            Seed = result.Seed,
            GitCommit = commit,
            GitDirty = dirty,
            WorkbenchVersion = typeof(IExperiment).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
                ?? typeof(IExperiment).Assembly.GetName().Version?.ToString() ?? "unknown",
            DotnetVersion = RuntimeInformation.FrameworkDescription,
            Os = RuntimeInformation.OSDescription,
            Cpu = CpuModel(),
            LogicalCores = Environment.ProcessorCount,
            UtcDate = DateTime.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
            ElapsedSeconds = Math.Round(result.Elapsed.TotalSeconds, 3),
            Deterministic = experiment.Deterministic,
            Files = files,
        };
    }

    /// <summary>Parameter values by snake_case name, in declaration order.</summary>
    public static IReadOnlyDictionary<string, object?> ParameterValues(object parameters)
    {
        var d = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var (name, prop) in ParameterBinder.Describe(parameters.GetType())) d[name] = prop.GetValue(parameters);
        return d;
    }

    /// <summary><c>default</c>, <c>quick</c> or <c>custom</c>, comparing formatted values with the presets.</summary>
    public static string ProfileOf(IExperiment experiment, object parameters)
    {
        string Key(object p) => string.Join(";", ParameterBinder.Describe(p.GetType()).Select(x => x.Name + "=" + ParameterBinder.Format(x.Property.GetValue(p))));
        var key = Key(parameters);
        if (key == Key(experiment.Defaults)) return "default";
        if (key == Key(experiment.Quick)) return "quick";
        return "custom";
    }

    /// <summary>Commit and dirty flag of the git checkout containing <paramref name="directory"/> (dirty: a change
    /// anywhere but in the figure folders <c>papers/*/figures</c>); nulls when not a checkout or git is missing.</summary>
    public static (string? Commit, bool? Dirty) GitState(string directory)
    {
        var dir = Path.GetFullPath(directory);
        while (!Directory.Exists(dir))
        {
            var parent = Path.GetDirectoryName(dir);
            if (parent is null) return (null, null);
            dir = parent;
        }
        var head = RunGit(dir, "rev-parse", "HEAD");
        if (head is null || head.Trim().Length == 0) return (null, null);
        // Dirty means the sources differ from the commit: figure folders (papers/<id>/figures, the outputs of
        // reproduce, regenerated one experiment after another) do not count.
        var status = RunGit(dir, "status", "--porcelain", "--", ":(top)", ":(top,exclude)papers/*/figures/*");
        return (head.Trim(), status is null ? null : status.Trim().Length > 0);
    }

    private static string? RunGit(string directory, params string[] args)
    {
        try
        {
            var psi = new ProcessStartInfo("git") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = directory };
            foreach (var a in args) psi.ArgumentList.Add(a);
            using var p = Process.Start(psi);
            if (p is null) return null;
            var stdout = p.StandardOutput.ReadToEndAsync();
            _ = p.StandardError.ReadToEndAsync();
            if (!p.WaitForExit(15_000)) { p.Kill(entireProcessTree: true); return null; }
            return p.ExitCode == 0 ? stdout.Result : null;
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or InvalidOperationException or IOException)
        {
            return null;
        }
    }

    private static string CpuModel()
    {
        try
        {
            if (OperatingSystem.IsLinux() && File.Exists("/proc/cpuinfo"))
            {
                foreach (var line in File.ReadLines("/proc/cpuinfo"))
                {
                    if (line.StartsWith("model name", StringComparison.Ordinal))
                    {
                        int colon = line.IndexOf(':');
                        if (colon > 0) return line[(colon + 1)..].Trim();
                    }
                }
            }
        }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
        return RuntimeInformation.ProcessArchitecture.ToString();
    }
}
