using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Workbench.Consensus.Linearizability;
using Workbench.Consensus.Raft;
using Workbench.Simulation;

namespace Workbench.Cli;

/// <summary>
/// <c>workbench raft ...</c>: <c>check-history --model register|kv FILE</c> checks a recorded history
/// for linearizability (Jepsen log, EDN maps or JSON lines, detected from the content). Exit codes of
/// check-history: 0 linearizable, 1 not linearizable, 2 the file cannot be read or parsed (the reason
/// on stderr, naming file and line), 3 the search bound (<c>--timeout</c>) was reached undecided.
/// </summary>
internal static class RaftCommands
{
    /// <summary>Exit code when the checker's time bound is reached before a verdict.</summary>
    public const int Undecided = 3;

    public static Command Create()
    {
        var raft = new Command("raft", "Raft (Ongaro & Ousterhout 2014): simulate clusters and check client histories for linearizability.");

        var model = new Option<string>("--model") { Description = "Sequential specification: register (read, write, cas) or kv (get, put, append).", Required = true };
        var timeout = new Option<double>("--timeout") { Description = "Give up after this many seconds of search (verdict unknown, exit 3).", DefaultValueFactory = _ => 60 };
        var file = new Argument<string>("file") { Description = "History file: Jepsen log lines, EDN maps or JSON lines." };
        var check = new Command("check-history", "Check a history for linearizability; prints 'linearizable' or 'not linearizable' with the time taken (exit 0 or 1).");
        check.Options.Add(model);
        check.Options.Add(timeout);
        check.Arguments.Add(file);
        check.SetAction(r => CheckHistory(r.GetValue(file)!, r.GetValue(model)!, r.GetValue(timeout), r.InvocationConfiguration.Output, r.InvocationConfiguration.Error));
        raft.Subcommands.Add(check);
        raft.Subcommands.Add(CreateSimulate());
        return raft;
    }

    private static Command CreateSimulate()
    {
        var nodes = new Option<int>("--nodes") { Description = "Servers in the cluster (1 to 9).", DefaultValueFactory = _ => 5 };
        var seed = new Option<long>("--seed") { Description = "Seed of the run (network, nemesis, clients, election timeouts).", DefaultValueFactory = _ => 1 };
        var ops = new Option<int>("--ops") { Description = "Client operations in total.", DefaultValueFactory = _ => 100 };
        var faults = new Option<string>("--faults") { Description = "Faults while the clients run: none, crash, partition, loss or mixed.", DefaultValueFactory = _ => "mixed" };
        var json = new Option<bool>("--json") { Description = "Print one JSON object instead of the summary." };
        var history = new Option<string?>("--history") { Description = "Write the client history to this file as JSON lines." };
        var simulate = new Command("simulate", "Run one seeded simulation of a Raft key-value cluster under faults; check Figure 3's safety properties, linearizability and progress once the faults stop.");
        simulate.Options.Add(nodes);
        simulate.Options.Add(seed);
        simulate.Options.Add(ops);
        simulate.Options.Add(faults);
        simulate.Options.Add(json);
        simulate.Options.Add(history);
        simulate.SetAction(r => Simulate(r.GetValue(nodes), r.GetValue(seed), r.GetValue(ops), r.GetValue(faults)!, r.GetValue(json), r.GetValue(history), r.InvocationConfiguration.Output));
        return simulate;
    }

    private static int Simulate(int nodes, long seed, int ops, string faultsName, bool json, string? historyPath, TextWriter stdout)
    {
        if (nodes is < 1 or > 9) throw new UsageException($"--nodes: must be in [1, 9], got {nodes}");
        if (ops < 0) throw new UsageException($"--ops: must be >= 0, got {ops}");
        NemesisKind faults;
        try { faults = NemesisOptions.ParseKind(faultsName, "--faults"); }
        catch (ArgumentException e) { throw new UsageException(e.Message.Split(" (Parameter")[0]); }
        var options = new RaftSimulationOptions(Nodes: nodes, Ops: ops, Faults: faults, FaultMicros: Math.Max(3_000_000, ops * 30_000L));
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var r = RaftSimulation.Run(options, seed);
        clock.Stop();
        if (historyPath is not null)
        {
            try { File.WriteAllText(historyPath, HistoryFormats.ToJsonLines(r.History)); }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException) { throw new UsageException($"--history: cannot write {historyPath}: {e.Message}"); }
        }
        string lin = r.Linearizability switch { Verdict.Linearizable => "true", Verdict.NotLinearizable => "false", _ => "null" };
        if (json)
        {
            var o = new Dictionary<string, object?>
            {
                ["seed"] = r.Seed,
                ["nodes"] = r.Nodes,
                ["faults"] = faults.ToString().ToLowerInvariant(),
                ["ops_requested"] = r.OpsRequested,
                ["ops_completed"] = r.OpsCompleted,
                ["ops_unknown"] = r.OpsUnknown,
                ["leader_changes"] = r.LeaderChanges,
                ["safety_violations"] = r.SafetyViolations.Count,
                ["linearizable"] = r.Linearizability == Verdict.Unknown ? null : r.Linearizable,
                ["live"] = r.Live,
                ["virtual_time_ms"] = r.VirtualTimeMicros / 1000.0,
                ["messages_delivered"] = r.MessagesDelivered,
                ["commit_index"] = r.CommitIndex,
                ["faults_injected"] = r.FaultLog.Count(l => !l.Contains("heal", StringComparison.Ordinal) && !l.Contains("restart", StringComparison.Ordinal) && !l.EndsWith("loss 0", StringComparison.Ordinal)),
                ["wall_ms"] = Math.Round(clock.Elapsed.TotalMilliseconds, 1),
            };
            stdout.WriteLine(JsonSerializer.Serialize(o));
        }
        else
        {
            stdout.WriteLine($"raft simulate: {r.Nodes} nodes, seed {r.Seed}, faults {faults.ToString().ToLowerInvariant()}");
            stdout.WriteLine($"  operations      {r.OpsCompleted} ok, {r.OpsUnknown} unknown, of {r.OpsRequested} requested");
            stdout.WriteLine($"  leader changes  {r.LeaderChanges} (last commit index {r.CommitIndex})");
            stdout.WriteLine($"  faults          {string.Join("; ", r.FaultLog.Take(8))}{(r.FaultLog.Count > 8 ? $"; ... ({r.FaultLog.Count} events)" : "")}");
            stdout.WriteLine($"  safety          {(r.SafetyViolations.Count == 0 ? "no violations of Figure 3's properties" : string.Join("\n                  ", r.SafetyViolations))}");
            stdout.WriteLine($"  linearizable    {lin}");
            stdout.WriteLine($"  progress        {(r.Live ? "every operation finished after the faults stopped" : "NOT every operation finished within the liveness window")}");
            stdout.WriteLine($"  virtual time    {r.VirtualTimeMicros / 1000.0:0.#} ms; {r.MessagesDelivered} messages delivered ({r.MessagesDelivered / Math.Max(clock.Elapsed.TotalSeconds, 1e-9):0} per wall-clock second)");
        }
        return r.SafetyViolations.Count == 0 && r.Linearizability != Verdict.NotLinearizable ? 0 : 1;
    }

    private static int CheckHistory(string path, string modelName, double timeoutSeconds, TextWriter stdout, TextWriter stderr)
    {
        var model = modelName.ToLowerInvariant() switch
        {
            "register" => HistoryModel.Register,
            "kv" => HistoryModel.KeyValue,
            _ => throw new UsageException($"--model: '{modelName}' is not a model; expected register or kv"),
        };
        if (!(timeoutSeconds > 0)) throw new UsageException($"--timeout: must be a positive number of seconds, got {timeoutSeconds.ToString(CultureInfo.InvariantCulture)}");
        History history;
        List<Operation> operations;
        try
        {
            history = HistoryFormats.ReadFile(path);
            operations = history.ToOperations();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or ArgumentException)
        {
            stderr.WriteLine($"error: cannot read history {path}: {e.Message}");
            return WorkbenchCommand.UsageError;
        }
        CheckResult result;
        try
        {
            result = LinearizabilityChecker.Check(operations, model, new CheckOptions(Timeout: TimeSpan.FromSeconds(timeoutSeconds)), history.Source);
        }
        catch (FormatException e)
        {
            stderr.WriteLine($"error: cannot read history {path}: {e.Message}");
            return WorkbenchCommand.UsageError;
        }
        string ms = result.Elapsed.TotalMilliseconds.ToString("0.0", CultureInfo.InvariantCulture);
        string summary = $"{result.Operations} operations, {result.Partitions} keys, {result.Steps} steps, {ms} ms";
        switch (result.Verdict)
        {
            case Verdict.Linearizable:
                stdout.WriteLine($"linearizable ({summary})");
                return 0;
            case Verdict.NotLinearizable:
                var where = result.FailedKey is null ? "" : $"; key {result.FailedKey}";
                stdout.WriteLine($"not linearizable ({summary}{where}: at most {result.LongestPrefix} of its operations linearize)");
                return 1;
            default:
                stdout.WriteLine($"unknown: search bound of {timeoutSeconds.ToString(CultureInfo.InvariantCulture)} s reached ({summary})");
                return Undecided;
        }
    }
}
