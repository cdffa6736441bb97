using System.CommandLine;
using System.Globalization;
using Workbench.Consensus.Linearizability;

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
        return raft;
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
