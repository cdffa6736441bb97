namespace Workbench.Consensus.Raft;

/// <summary>
/// Interprets scenario transcripts (after etcd's raft testdata) against a <see cref="RaftHarness"/>:
/// a file is a list of blocks, a command, a <c>----</c> line and the expected output, then a blank
/// line; <c>#</c> lines are comments. The transcripts of the paper's Figures 7 and 8 live in
/// <c>tests/Workbench.Tests/Consensus/testdata/</c>; the tests and the raft notebook replay them.
/// </summary>
public sealed class RaftTranscript
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


/// <summary>One block of a transcript: its line number, the command, the expected and the actual output, and the comment lines just before it (without <c>#</c>).</summary>
public sealed record TranscriptStep(int Line, string Command, string Expected, string Actual, string Comment = "")
{
    /// <summary>Lines of the expected output in the file (0 for an empty block).</summary>
    public int ExpectedLines => Expected.Length == 0 ? 0 : Expected.Count(c => c == '\n') + 1;

    public bool Matches => Expected == Actual;
}

/// <summary>Replays transcript files.</summary>
public static class RaftTranscripts
{
    /// <summary>Runs every block of <paramref name="path"/> in order; a malformed file fails naming the file and line.</summary>
    public static IReadOnlyList<TranscriptStep> Replay(string path)
    {
        var lines = File.ReadAllLines(path);
        var runner = new RaftTranscript();
        var steps = new List<TranscriptStep>();
        int i = 0;
        var comment = new List<string>();
        while (i < lines.Length)
        {
            if (lines[i].StartsWith('#')) { comment.Add(lines[i].TrimStart('#').Trim()); i++; continue; }
            if (lines[i].Length == 0) { i++; continue; }
            int commandLine = i + 1;
            var command = lines[i++];
            if (i >= lines.Length || lines[i] != "----") throw new FormatException($"{path}:{commandLine}: expected '----' after the command");
            i++;
            var expected = new List<string>();
            while (i < lines.Length && lines[i].Length > 0) expected.Add(lines[i++]);
            string actual;
            try { actual = runner.Run(command); }
            catch (Exception e) when (e is not FormatException) { actual = $"error: {e.Message}"; }
            if (actual.Length == 0) actual = "ok";
            steps.Add(new TranscriptStep(commandLine, command, string.Join("\n", expected), actual, string.Join(" ", comment)));
            comment.Clear();
        }
        return steps;
    }
}
