using System.Text;
using Workbench.Consensus.Raft;

namespace Workbench.Tests.Consensus;

/// <summary>
/// Scenario tests as readable transcripts (after etcd's raft testdata): each file under
/// <c>testdata/</c> is a list of blocks, a command, a <c>----</c> line and the expected output, then a
/// blank line. Set <c>WORKBENCH_REWRITE_TESTDATA=1</c> to rewrite the expected outputs after an
/// intended change of behaviour (and read the diff).
/// </summary>
public sealed class RaftTranscriptTests
{
    public static TheoryData<string> Files()
    {
        var data = new TheoryData<string>();
        foreach (var f in Directory.GetFiles(TestDataDir, "*.txt").Order()) data.Add(Path.GetFileName(f));
        return data;
    }

    private static string TestDataDir => Path.Combine(FindRepoRoot(), "tests", "Workbench.Tests", "Consensus", "testdata");

    private static string FindRepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Workbench.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("Workbench.sln not found above the test binaries");
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Transcript_matches(string file)
    {
        var path = Path.Combine(TestDataDir, file);
        var lines = File.ReadAllLines(path);
        var rewritten = new StringBuilder();
        var runner = new TranscriptRunner();
        int i = 0;
        var failures = new List<string>();
        while (i < lines.Length)
        {
            if (lines[i].Length == 0 || lines[i].StartsWith('#')) { rewritten.AppendLine(lines[i]); i++; continue; }
            int commandLine = i + 1;
            var command = lines[i++];
            if (i >= lines.Length || lines[i] != "----") throw new FormatException($"{file}:{commandLine}: expected '----' after the command");
            i++;
            var expected = new List<string>();
            while (i < lines.Length && lines[i].Length > 0) expected.Add(lines[i++]);
            string actual;
            try { actual = runner.Run(command); }
            catch (Exception e) when (e is not FormatException) { actual = $"error: {e.Message}"; }
            if (actual.Length == 0) actual = "ok";
            if (actual != string.Join("\n", expected)) failures.Add($"{file}:{commandLine}: {command}\nexpected:\n{string.Join("\n", expected)}\nactual:\n{actual}");
            rewritten.AppendLine(command).AppendLine("----").AppendLine(actual);
        }
        if (Environment.GetEnvironmentVariable("WORKBENCH_REWRITE_TESTDATA") == "1")
        {
            File.WriteAllText(path, rewritten.ToString().TrimEnd('\n') + "\n");
            return;
        }
        Assert.True(failures.Count == 0, string.Join("\n\n", failures));
    }

    /// <summary>Interprets one transcript command against a <see cref="RaftHarness"/>.</summary>
    private sealed class TranscriptRunner
    {
        private RaftHarness? _h;

        private RaftHarness H => _h ?? throw new FormatException("the first command must be 'nodes N'");

        public string Run(string line)
        {
            var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var args = parts.Skip(1).Where(p => !p.Contains('=')).ToList();
            var kv = parts.Skip(1).Where(p => p.Contains('=')).ToDictionary(p => p[..p.IndexOf('=')], p => p[(p.IndexOf('=') + 1)..]);
            int Arg(int k) => int.Parse(args[k], System.Globalization.CultureInfo.InvariantCulture);
            string Lines(IEnumerable<object> items) => string.Join("\n", items);
            switch (parts[0])
            {
                case "nodes":
                    _h = new RaftHarness(Arg(0), c => c with
                    {
                        PreVote = args.Contains("prevote"),
                        CheckQuorum = args.Contains("checkquorum"),
                        MaxEntriesPerAppend = kv.TryGetValue("batch", out var b) ? int.Parse(b, System.Globalization.CultureInfo.InvariantCulture) : 64,
                        ElectionTick = kv.TryGetValue("election", out var e) ? int.Parse(e, System.Globalization.CultureInfo.InvariantCulture) : 10,
                    });
                    return "";
                case "log":
                    {
                        var terms = kv["terms"].Split(',', StringSplitOptions.RemoveEmptyEntries).Select(long.Parse).ToArray();
                        H.SetLog(Arg(0), long.Parse(kv["term"], System.Globalization.CultureInfo.InvariantCulture), kv.TryGetValue("vote", out var v) ? int.Parse(v, System.Globalization.CultureInfo.InvariantCulture) : 0, terms);
                        return H.Status(Arg(0));
                    }
                case "campaign":
                    H[Arg(0)].Campaign();
                    H.Process(Arg(0));
                    return "";
                case "stabilize":
                    return Lines(H.Stabilize());
                case "deliver":
                    return Lines(H.DeliverBetween(Arg(0), Arg(1)));
                case "drop":
                    return Lines(H.DropBetween(Arg(0), Arg(1)).Select(m => "dropped " + m));
                case "propose":
                    {
                        var index = H[Arg(0)].Propose(args[1]);
                        H.Process(Arg(0));
                        return index is { } x ? $"index {x}" : "rejected";
                    }
                case "crash":
                    H.Crash(Arg(0));
                    return "";
                case "restart":
                    H.Restart(Arg(0));
                    return H.Status(Arg(0));
                case "isolate":
                    H.Isolated.Add(Arg(0));
                    H.Pending.RemoveAll(m => m.From == Arg(0) || m.To == Arg(0));
                    return "";
                case "heal":
                    H.Isolated.Clear();
                    return "";
                case "tick":
                    {
                        var ids = args[0] == "all" ? H.Nodes.Keys.ToList() : [Arg(0)];
                        foreach (var id in ids) H.Tick(id, Arg(1));
                        return "";
                    }
                case "status":
                    return Lines((args.Count == 0 ? H.Nodes.Keys.ToList() : args.Select(int.Parse).ToList()).Select(id => H.Status(id)));
                case "transfer":
                    {
                        var ok = H[Arg(0)].TransferLeadership(Arg(1));
                        H.Process(Arg(0));
                        return ok ? "" : "rejected";
                    }
                case "read":
                    {
                        var ok = H[Arg(0)].ReadIndex(Arg(1));
                        H.Process(Arg(0));
                        return ok ? "" : "rejected";
                    }
                case "reads":
                    return Lines(H.Reads[Arg(0)].Select(r => (object)$"read ctx={r.Context} index={r.Index}"));
                case "applied":
                    return Lines(H.Applied[Arg(0)]);
                case "compact":
                    H[Arg(0)].Compact(Arg(1), $"state@{Arg(1)}");
                    H.Storage[Arg(0)].Compact(H[Arg(0)].Log.Snapshot!);
                    return H.Status(Arg(0));
                case "conf":
                    {
                        var change = new ConfChange(args[1] == "add" ? ConfChangeType.AddNode : ConfChangeType.RemoveNode, Arg(2));
                        var index = H[Arg(0)].ProposeConfChange(change);
                        H.Process(Arg(0));
                        return index is { } x ? $"index {x}" : "rejected";
                    }
                case "add":
                    H.Add(Arg(0), [], c => c with { MaxEntriesPerAppend = H.Configs[H.Nodes.Keys.First()].MaxEntriesPerAppend });
                    return "";
                default:
                    throw new FormatException($"unknown transcript command '{parts[0]}'");
            }
        }
    }
}
