using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using Workbench.Fuzzing;

namespace Workbench.Cli;

/// <summary>
/// <c>workbench fuzz list|run|replay</c>. <c>run</c> builds the fuzz host
/// (<c>src/Workbench.Fuzz</c>) into <c>out/fuzz/bin</c>, instruments its copy of
/// <c>Workbench.dll</c> with SharpFuzz (<c>dotnet tool run sharpfuzz</c>, pinned in
/// <c>.config/dotnet-tools.json</c>), and runs afl-fuzz (AFL++) on each target for the given
/// seconds, starting from the target's seeds and its saved regressions; crashes and hangs are
/// copied into <c>fuzz/regressions/&lt;target&gt;/</c>, which <c>dotnet test</c> and <c>replay</c> run.
/// </summary>
internal static class FuzzCommands
{
    /// <summary>Time one saved input may take when replayed.</summary>
    public static readonly TimeSpan ReplayLimit = TimeSpan.FromSeconds(30);

    public static Command Create()
    {
        var fuzz = new Command("fuzz", "Fuzz the input parsers and the fast implementations against their reference twins (AFL++ via SharpFuzz).");

        var list = new Command("list", "List the fuzz targets.");
        list.SetAction(r => List(r.InvocationConfiguration.Output));
        fuzz.Subcommands.Add(list);

        var targets = new Argument<string[]>("target") { Description = "Fuzz target names (see 'workbench fuzz list').", Arity = ArgumentArity.ZeroOrMore };
        var all = new Option<bool>("--all") { Description = "Every target, one after another." };
        var seconds = new Option<int>("--seconds") { Description = "Seconds of fuzzing per target.", DefaultValueFactory = _ => 60 };
        var timeout = new Option<int>("--timeout-ms") { Description = "Time one input may take before AFL++ counts it a hang.", DefaultValueFactory = _ => 2000 };
        var run = new Command("run", "Run AFL++ on targets for --seconds each; save crashes and hangs under fuzz/regressions/<target>/.");
        run.Arguments.Add(targets);
        run.Options.Add(all);
        run.Options.Add(seconds);
        run.Options.Add(timeout);
        run.SetAction(r => Run(Select(r.GetValue(targets) ?? [], r.GetValue(all), required: true), r.GetValue(seconds), r.GetValue(timeout), r.InvocationConfiguration.Output, r.InvocationConfiguration.Error));
        fuzz.Subcommands.Add(run);

        var rtargets = new Argument<string[]>("target") { Description = "Fuzz target names (default: all).", Arity = ArgumentArity.ZeroOrMore };
        var replay = new Command("replay", "Run every target's seeds and saved inputs (fuzz/regressions/<target>/) once, in process.");
        replay.Arguments.Add(rtargets);
        replay.SetAction(r => Replay(Select(r.GetValue(rtargets) ?? [], all: false, required: false), r.InvocationConfiguration.Output));
        fuzz.Subcommands.Add(replay);
        return fuzz;
    }

    private static IReadOnlyList<FuzzTarget> Select(string[] names, bool all, bool required)
    {
        if (all && names.Length > 0) throw new UsageException("give target names or --all, not both");
        if (names.Length == 0)
        {
            if (required && !all) throw new UsageException("give at least one target or --all (try 'workbench fuzz list')");
            return FuzzTargets.All;
        }
        return [.. names.Distinct().Select(n => FuzzTargets.Find(n) ?? throw new UsageException($"unknown fuzz target '{n}' (known: {string.Join(", ", FuzzTargets.All.Select(t => t.Name))})"))];
    }

    private static string Repository() =>
        RepositoryRoot.Find(Directory.GetCurrentDirectory())
        ?? throw new UsageException($"not inside a Workbench checkout (no {RepositoryRoot.MarkerFile} above {Directory.GetCurrentDirectory()})");

    private static int List(TextWriter stdout)
    {
        var repo = RepositoryRoot.Find(Directory.GetCurrentDirectory());
        int width = FuzzTargets.All.Max(t => t.Name.Length);
        foreach (var t in FuzzTargets.All)
        {
            int saved = repo is null ? 0 : SavedInputs(repo, t.Name).Count;
            stdout.WriteLine($"{t.Name.PadRight(width)}  {t.Description} ({t.Seeds.Count} seeds, {saved} saved)");
        }
        return 0;
    }

    private static List<string> SavedInputs(string repo, string target)
    {
        var dir = Path.Combine(repo, "fuzz", "regressions", target);
        return Directory.Exists(dir) ? [.. Directory.GetFiles(dir).Where(f => !f.EndsWith(".md", StringComparison.Ordinal)).Order(StringComparer.Ordinal)] : [];
    }

    private static int Replay(IReadOnlyList<FuzzTarget> targets, TextWriter stdout)
    {
        var repo = RepositoryRoot.Find(Directory.GetCurrentDirectory());
        int failures = 0;
        foreach (var t in targets)
        {
            var inputs = t.Seeds.Select((s, i) => ($"seed {i}", s)).ToList();
            if (repo is not null) inputs.AddRange(SavedInputs(repo, t.Name).Select(f => (Path.GetFileName(f), File.ReadAllBytes(f))));
            int accepted = 0, rejected = 0;
            foreach (var (label, data) in inputs)
            {
                var outcome = Task.Run(() => t.Execute(data));
                string? problem = null;
                try
                {
                    if (!outcome.Wait(ReplayLimit)) problem = $"did not finish within {ReplayLimit.TotalSeconds:0} s";
                    else if (outcome.Result == FuzzOutcome.Accepted) accepted++;
                    else rejected++;
                }
                catch (AggregateException e)
                {
                    var inner = e.InnerException!;
                    problem = $"{inner.GetType().Name}: {inner.Message.ReplaceLineEndings(" ")}";
                }
                if (problem is not null)
                {
                    failures++;
                    stdout.WriteLine($"{t.Name}: {label}: FAILED {problem}");
                }
            }
            stdout.WriteLine($"{t.Name}: {inputs.Count} inputs, {accepted} accepted, {rejected} rejected, {inputs.Count - accepted - rejected} failed");
        }
        return failures == 0 ? 0 : WorkbenchCommand.Failure;
    }

    private static int Run(IReadOnlyList<FuzzTarget> targets, int seconds, int timeoutMs, TextWriter stdout, TextWriter stderr)
    {
        if (seconds < 1) throw new UsageException($"--seconds must be at least 1 (got {seconds})");
        if (timeoutMs < 10) throw new UsageException($"--timeout-ms must be at least 10 (got {timeoutMs})");
        var afl = FindAfl() ?? throw new UsageException("afl-fuzz not found: install AFL++ (Debian: apt-get install afl++) or set AFL_FUZZ to its path");
        var repo = Repository();
        var root = Path.Combine(repo, "out", "fuzz");
        var bin = Path.Combine(root, "bin");
        PrepareHost(repo, bin, stdout);
        int failures = 0;
        foreach (var t in targets)
        {
            var work = Path.Combine(root, t.Name);
            var seeds = Path.Combine(work, "seeds");
            var findings = Path.Combine(work, "afl");
            if (Directory.Exists(work)) Directory.Delete(work, recursive: true);
            Directory.CreateDirectory(seeds);
            for (int i = 0; i < t.Seeds.Count; i++) File.WriteAllBytes(Path.Combine(seeds, $"seed-{i}"), t.Seeds[i]);
            foreach (var f in SavedInputs(repo, t.Name)) File.Copy(f, Path.Combine(seeds, "saved-" + Path.GetFileName(f)));
            var log = Path.Combine(work, "afl.log");
            var args = new List<string> { "-V", seconds.ToString(CultureInfo.InvariantCulture), "-m", "none", "-t", timeoutMs.ToString(CultureInfo.InvariantCulture), "-i", seeds, "-o", findings, "--", "dotnet", Path.Combine(bin, "Workbench.Fuzz.dll"), t.Name };
            var env = new Dictionary<string, string>
            {
                ["AFL_NO_UI"] = "1",
                ["AFL_SKIP_CPUFREQ"] = "1",
                ["AFL_SKIP_BIN_CHECK"] = "1",
                ["AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES"] = "1",
                ["AFL_NO_AFFINITY"] = "1",
                ["AFL_SKIP_CRASHES"] = "1",
            };
            int code = Exec(afl, args, repo, log, env, TimeSpan.FromSeconds(seconds + 120));
            var stats = ReadStats(Path.Combine(findings, "default", "fuzzer_stats"));
            if (stats is null)
            {
                failures++;
                stderr.WriteLine($"{t.Name}: afl-fuzz exited with {code} before fuzzing; see {log}");
                continue;
            }
            int crashes = Save(repo, t.Name, Path.Combine(findings, "default", "crashes"), "crash");
            int hangs = Save(repo, t.Name, Path.Combine(findings, "default", "hangs"), "hang");
            long execs = long.Parse(stats.GetValueOrDefault("execs_done", "0"), CultureInfo.InvariantCulture);
            long time = long.Parse(stats.GetValueOrDefault("run_time", "0"), CultureInfo.InvariantCulture);
            stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{t.Name}: {execs:N0} executions in {time} s ({(time > 0 ? execs / time : execs):N0}/s), {stats.GetValueOrDefault("edges_found", "?")} edges, {stats.GetValueOrDefault("corpus_count", "?")} corpus inputs, {crashes} crashes, {hangs} hangs"));
            if (crashes + hangs > 0)
            {
                failures++;
                stdout.WriteLine($"{t.Name}: saved under fuzz/regressions/{t.Name}/; replay with 'workbench fuzz replay {t.Name}'");
            }
        }
        return failures == 0 ? 0 : WorkbenchCommand.Failure;
    }

    private static string? FindAfl()
    {
        var configured = Environment.GetEnvironmentVariable("AFL_FUZZ");
        if (!string.IsNullOrEmpty(configured)) return File.Exists(configured) ? configured : null;
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(dir, "afl-fuzz");
            if (File.Exists(candidate)) return candidate;
        }
        return null;
    }

    /// <summary>Builds the host into <paramref name="bin"/> and instruments its Workbench.dll, unless a stamp says that was done after the last source change.</summary>
    private static void PrepareHost(string repo, string bin, TextWriter stdout)
    {
        var stamp = Path.Combine(bin, ".instrumented");
        var sources = new[] { "src/Workbench", "src/Workbench.Fuzz" }
            .SelectMany(d => Directory.EnumerateFiles(Path.Combine(repo, d), "*", SearchOption.AllDirectories))
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal) && !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal));
        var newest = sources.Select(File.GetLastWriteTimeUtc).DefaultIfEmpty(DateTime.MaxValue).Max();
        if (File.Exists(stamp) && File.GetLastWriteTimeUtc(stamp) > newest) return;
        stdout.WriteLine("building and instrumenting the fuzz host into out/fuzz/bin ...");
        if (Directory.Exists(bin)) Directory.Delete(bin, recursive: true);
        var log = Path.Combine(Path.GetDirectoryName(bin)!, "build.log");
        Directory.CreateDirectory(bin);
        if (Exec("dotnet", ["build", Path.Combine(repo, "src", "Workbench.Fuzz"), "-c", "Release", "-o", bin, "-m:1", "-v", "q", "-nologo"], repo, log, [], TimeSpan.FromMinutes(10)) != 0)
            throw new InvalidOperationException($"building src/Workbench.Fuzz failed; see {log}");
        if (Exec("dotnet", ["tool", "run", "sharpfuzz", Path.Combine(bin, "Workbench.dll")], repo, log, [], TimeSpan.FromMinutes(5)) != 0)
            throw new InvalidOperationException($"sharpfuzz could not instrument Workbench.dll (run 'dotnet tool restore' first); see {log}");
        File.WriteAllText(stamp, DateTime.UtcNow.ToString("O"));
    }

    private static int Exec(string file, IEnumerable<string> args, string cwd, string log, Dictionary<string, string> env, TimeSpan limit)
    {
        var info = new ProcessStartInfo(file) { WorkingDirectory = cwd, RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true };
        foreach (var a in args) info.ArgumentList.Add(a);
        foreach (var (k, v) in env) info.Environment[k] = v;
        using var process = Process.Start(info) ?? throw new InvalidOperationException($"cannot start {file}");
        process.StandardInput.Close();
        using var output = new StreamWriter(log, append: true);
        var lines = new object();
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (lines) output.WriteLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (lines) output.WriteLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (!process.WaitForExit(limit))
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
            return -1;
        }
        process.WaitForExit();
        return process.ExitCode;
    }

    private static Dictionary<string, string>? ReadStats(string path)
    {
        if (!File.Exists(path)) return null;
        return File.ReadAllLines(path).Select(l => l.Split(':', 2)).Where(p => p.Length == 2)
            .GroupBy(p => p[0].Trim()).ToDictionary(g => g.Key, g => g.First()[1].Trim());
    }

    /// <summary>Copies AFL's findings into the regression folder, named by content hash so reruns do not duplicate them.</summary>
    private static int Save(string repo, string target, string from, string kind)
    {
        if (!Directory.Exists(from)) return 0;
        int saved = 0;
        foreach (var f in Directory.GetFiles(from, "id:*"))
        {
            var bytes = File.ReadAllBytes(f);
            var name = $"{kind}-{Convert.ToHexStringLower(SHA256.HashData(bytes))[..12]}";
            var dir = Path.Combine(repo, "fuzz", "regressions", target);
            Directory.CreateDirectory(dir);
            File.WriteAllBytes(Path.Combine(dir, name), bytes);
            saved++;
        }
        return saved;
    }
}
