using System.Text;

namespace Workbench.Notebooks.Tests;

/// <summary>Runs the <c>dotnet</c> command for the tests: output captured, a timeout that kills the whole process tree.</summary>
internal static class DotNet
{
    public sealed record Result(int ExitCode, string Output, bool TimedOut, TimeSpan Elapsed);

    private static readonly Lazy<Task<Result>> ToolRestore = new(() =>
        RunAsync(Repository.Root, TimeSpan.FromMinutes(5), new Dictionary<string, string>(), "tool", "restore"));

    /// <summary>Runs <c>dotnet tool restore</c> at the repository root once per test run; fails the caller if it failed.</summary>
    public static async Task RestoreToolsAsync()
    {
        var r = await ToolRestore.Value;
        Assert.True(r.ExitCode == 0 && !r.TimedOut, $"dotnet tool restore failed (exit {r.ExitCode}{(r.TimedOut ? ", timed out" : "")}):\n{r.Output}");
    }

    public static async Task<Result> RunAsync(string workingDirectory, TimeSpan timeout, IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in args) start.ArgumentList.Add(a);
        // Variables set by `dotnet test` for its own MSBuild would leak into builds started by the child.
        foreach (var key in start.Environment.Keys.Where(k => k.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase) || k == "MSBUILD_EXE_PATH").ToList())
            start.Environment.Remove(key);
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        foreach (var (k, v) in environment) start.Environment[k] = v;

        var output = new StringBuilder();
        void Append(string? line)
        {
            if (line is null) return;
            lock (output) { if (output.Length < 200_000) output.AppendLine(line); }
        }
        var clock = Stopwatch.StartNew();
        using var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var cts = new CancellationTokenSource(timeout);
        bool timedOut = false;
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            timedOut = true;
            try { process.Kill(entireProcessTree: true); } catch (InvalidOperationException) { }
            process.WaitForExit(10_000);
        }
        lock (output) return new Result(timedOut ? -1 : process.ExitCode, output.ToString(), timedOut, clock.Elapsed);
    }
}
