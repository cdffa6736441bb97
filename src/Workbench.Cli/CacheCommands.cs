using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Spectre.Console;
using Workbench.Caching;
using Workbench.Experiments;
using Workbench.Traces;

namespace Workbench.Cli;

/// <summary>
/// <c>workbench cache ...</c>: trace-driven cache simulation from the command line.
/// <list type="bullet">
/// <item><c>cache simulate --trace SPEC [--format F] --policy P1,P2,... --capacity C1,C2,... [--seed N] [--json]</c>
/// loads the trace once (a file, decompressed transparently, or a <c>synthetic:</c> workload, see
/// <see cref="SyntheticTrace"/>) and replays it once per (policy, capacity), capacities in entries.
/// It prints a table, or with <c>--json</c> a JSON array of objects with exactly the fields
/// <c>policy</c>, <c>capacity</c>, <c>requests</c>, <c>hits</c>, <c>misses</c>, <c>hit_ratio</c>
/// (hits / requests, 0..1), in the order policy-major, capacity-minor as given. Progress goes to
/// standard error, and only when it is a terminal.</item>
/// <item><c>cache policies</c> and <c>cache formats</c> list the registered policies and trace formats.</item>
/// </list>
/// Errors: an unknown policy or format, a capacity that is not a positive integer, a bad synthetic
/// specification or a missing file give one <c>error:</c> line and exit code 2; a malformed trace
/// gives one <c>error:</c> line naming the file and line or byte offset, and exit code 1.
/// </summary>
public static class CacheCommands
{
    /// <summary>The <c>cache</c> command with its subcommands; output goes to the invocation's writers.</summary>
    public static Command Create()
    {
        var cache = new Command("cache", "Trace-driven cache simulation: replay a trace through cache policies and report hit ratios.");

        var trace = new Option<string>("--trace") { Description = "Trace file (.gz/.xz/.zst read transparently) or synthetic workload, e.g. 'synthetic:zipf?keys=100000&s=0.9&requests=1000000&seed=1'.", Required = true };
        var format = new Option<string?>("--format") { Description = "Trace format (see 'workbench cache formats'); by default from the file name or folder." };
        var policy = new Option<string>("--policy") { Description = "Comma-separated policy names (see 'workbench cache policies').", Required = true };
        var capacity = new Option<string>("--capacity") { Description = "Comma-separated cache sizes in entries.", Required = true };
        var seed = new Option<long>("--seed") { Description = "Seed for the policies that draw random numbers.", DefaultValueFactory = _ => 0 };
        var json = new Option<bool>("--json") { Description = "Print a JSON array (policy, capacity, requests, hits, misses, hit_ratio) instead of a table." };
        var simulate = new Command("simulate", "Replay one trace once per (policy, capacity) and print the hit ratios.");
        simulate.Options.Add(trace);
        simulate.Options.Add(format);
        simulate.Options.Add(policy);
        simulate.Options.Add(capacity);
        simulate.Options.Add(seed);
        simulate.Options.Add(json);
        simulate.SetAction(r => Simulate(r.GetValue(trace)!, r.GetValue(format), r.GetValue(policy)!, r.GetValue(capacity)!, r.GetValue(seed), r.GetValue(json),
            r.InvocationConfiguration.Output, r.InvocationConfiguration.Error));
        cache.Subcommands.Add(simulate);

        var policies = new Command("policies", "List the cache policies by registry name.");
        policies.SetAction(r => { foreach (var name in CachePolicies.Names) r.InvocationConfiguration.Output.WriteLine(name); return 0; });
        cache.Subcommands.Add(policies);

        var formats = new Command("formats", "List the trace formats, with their layouts.");
        formats.SetAction(r =>
        {
            var output = r.InvocationConfiguration.Output;
            int width = TraceSource.Formats.Max(f => f.Length);
            foreach (var reader in TraceSource.Readers) output.WriteLine($"{reader.Format.PadRight(width)}  {reader.Description}");
            return 0;
        });
        cache.Subcommands.Add(formats);
        return cache;
    }

    /// <summary>The policy names of a comma-separated list, as registered; an unknown one is a usage error.</summary>
    internal static IReadOnlyList<string> ParsePolicies(string list)
    {
        var names = new List<string>();
        foreach (var item in list.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var name = CachePolicies.Names.FirstOrDefault(n => n.Equals(item, StringComparison.OrdinalIgnoreCase))
                ?? throw new UsageException($"--policy: unknown policy '{item}' (known: {string.Join(", ", CachePolicies.Names)})");
            names.Add(name);
        }
        if (names.Count == 0) throw new UsageException("--policy: give at least one policy (see 'workbench cache policies')");
        return names;
    }

    /// <summary>The capacities of a comma-separated list; each must be an integer from 1 to 2^31 - 1.</summary>
    internal static IReadOnlyList<int> ParseCapacities(string list)
    {
        var sizes = new List<int>();
        foreach (var item in list.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (!long.TryParse(item.Replace("_", ""), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long value))
                throw new UsageException($"--capacity: '{item}' is not an integer (cache size in entries)");
            if (value < 1 || value > int.MaxValue)
                throw new UsageException($"--capacity: {value} must be between 1 and {int.MaxValue} (cache size in entries)");
            sizes.Add((int)value);
        }
        if (sizes.Count == 0) throw new UsageException("--capacity: give at least one cache size in entries");
        return sizes;
    }

    private static int Simulate(string traceSpec, string? format, string policyList, string capacityList, long seed, bool json, TextWriter stdout, TextWriter stderr)
    {
        var policies = ParsePolicies(policyList);
        var capacities = ParseCapacities(capacityList);
        long[] keys;
        try
        {
            if (format is not null) TraceSource.Reader(format);
            keys = WithProgress(stderr, "loading trace", _ => TraceSource.Load(traceSpec, format));
        }
        catch (TraceSpecException e) { throw new UsageException($"--{(e.ParamName == "format" ? "format" : "trace")}: {e.Message}"); }
        catch (FileNotFoundException e) { throw new UsageException($"--trace: {e.Message}"); }
        catch (TraceFormatException e) { throw new InvalidOperationException(e.Message, e); }

        var results = new List<CacheReplayResult>();
        long total = (long)keys.Length * policies.Count * capacities.Count;
        WithProgress(stderr, "replaying", report =>
        {
            long before = 0;
            foreach (var p in policies)
            {
                foreach (var c in capacities)
                {
                    long offset = before;
                    var progress = report is null ? null : new Reporter(x => report(new ExperimentProgress(offset + x.Done, total, x.Stage)));
                    results.Add(CacheSimulator.Replay(CachePolicies.Create(p, c, seed), keys, progress));
                    before += keys.Length;
                }
            }
            return 0;
        });

        if (json) WriteJson(stdout, results);
        else WriteTable(stdout, traceSpec, results);
        return 0;
    }

    /// <summary>The JSON array of <c>cache simulate --json</c>: exactly the six documented fields per object.</summary>
    internal static void WriteJson(TextWriter stdout, IReadOnlyList<CacheReplayResult> results)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            writer.WriteStartArray();
            foreach (var r in results)
            {
                writer.WriteStartObject();
                writer.WriteString("policy", r.Policy);
                writer.WriteNumber("capacity", r.Capacity);
                writer.WriteNumber("requests", r.Requests);
                writer.WriteNumber("hits", r.Hits);
                writer.WriteNumber("misses", r.Misses);
                writer.WriteNumber("hit_ratio", r.HitRatio);
                writer.WriteEndObject();
            }
            writer.WriteEndArray();
        }
        stdout.WriteLine(System.Text.Encoding.UTF8.GetString(buffer.ToArray()));
    }

    private static void WriteTable(TextWriter stdout, string traceSpec, IReadOnlyList<CacheReplayResult> results)
    {
        var table = new Table().Border(TableBorder.Simple);
        table.AddColumn("policy");
        foreach (var name in new[] { "capacity", "requests", "hits", "misses", "hit ratio %" }) table.AddColumn(new TableColumn(name).RightAligned());
        foreach (var r in results)
        {
            table.AddRow(
                Markup.Escape(r.Policy),
                r.Capacity.ToString(CultureInfo.InvariantCulture),
                r.Requests.ToString(CultureInfo.InvariantCulture),
                r.Hits.ToString(CultureInfo.InvariantCulture),
                r.Misses.ToString(CultureInfo.InvariantCulture),
                (100 * r.HitRatio).ToString("0.00", CultureInfo.InvariantCulture));
        }
        var console = ConsoleFactory.Create(stdout);
        console.Write(table);
        stdout.WriteLine($"{traceSpec}: {results.FirstOrDefault()?.Requests ?? 0} requests, {results.Count} replays");
    }

    /// <summary>Runs <paramref name="work"/> with a progress bar on <paramref name="stderr"/> when it is a terminal (never on standard output).</summary>
    private static T WithProgress<T>(TextWriter stderr, string stage, Func<Action<ExperimentProgress>?, T> work)
    {
        if (!ConsoleFactory.IsTerminal(stderr)) return work(null);
        T result = default!;
        ConsoleFactory.Create(stderr).Progress()
            .AutoClear(true)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .Start(ctx =>
            {
                var task = ctx.AddTask(Markup.Escape(stage), autoStart: true, maxValue: 1);
                task.IsIndeterminate = true;
                result = work(p =>
                {
                    task.IsIndeterminate = false;
                    task.MaxValue = Math.Max(1, p.Total);
                    task.Value = p.Done;
                    task.Description = Markup.Escape($"{stage}: {p.Stage}");
                });
                task.Value = task.MaxValue;
            });
        return result;
    }

    private sealed class Reporter(Action<ExperimentProgress> report) : IProgress<ExperimentProgress>
    {
        public void Report(ExperimentProgress value) => report(value);
    }
}
