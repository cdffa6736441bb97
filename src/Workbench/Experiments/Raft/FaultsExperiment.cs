using System.Globalization;
using Workbench.Consensus.Raft;
using Workbench.Simulation;

namespace Workbench.Experiments.Raft;

/// <summary>Parameters of <c>raft/faults</c>.</summary>
/// <param name="Nodes">Cluster size.</param>
/// <param name="Ops">Client operations in total (three clients, three keys).</param>
/// <param name="Faults">The nemesis: none, crash, partition, loss or mixed.</param>
/// <param name="SampleMs">Virtual time between two samples of every server's term, role and commit index, ms.</param>
/// <param name="FaultMs">How long the nemesis runs, ms of virtual time (a fault every 0.5 s, each lasting 0.4 s), or until the clients finish.</param>
/// <param name="Target">Whom crashes and partitions hit: <c>leader</c> (the current leader, so that the run shows
/// elections) or <c>random</c> (any server).</param>
public sealed record FaultsParameters(int Nodes, int Ops, string Faults, int SampleMs, int FaultMs = 3_000, string Target = "leader") : IExperimentParameters
{
    public IEnumerable<string> Validate()
    {
        if (Nodes < 3 || Nodes > 9) yield return $"nodes must be between 3 and 9 (got {Nodes})";
        if (Ops < 1 || Ops > 100_000) yield return $"ops must be between 1 and 100000 (got {Ops})";
        string? faultsError = null;
        try { NemesisOptions.ParseKind(Faults ?? "", "faults"); }
        catch (ArgumentException e) { faultsError = e.ParamName is null ? e.Message : e.Message.Replace($" (Parameter '{e.ParamName}')", ""); }
        if (faultsError is not null) yield return faultsError;
        if (SampleMs < 1 || SampleMs > 1_000) yield return $"sample_ms must be between 1 and 1000 (got {SampleMs})";
        if (FaultMs < 0 || FaultMs > 600_000) yield return $"fault_ms must be between 0 and 600000 (got {FaultMs})";
        if (Target is not ("leader" or "random")) yield return $"target must be leader or random (got '{Target}')";
    }

    public override string ToString() => $"nodes={Nodes}, ops={Ops}, faults={Faults}, sample_ms={SampleMs}, fault_ms={FaultMs}, target={Target}";
}

/// <summary>One fault of the nemesis: what it did, to which server (empty for loss), when it started and healed
/// (µs), and the labels of its start and end marker lines.</summary>
public sealed record FaultInterval(string Kind, string Server, long StartMicros, long EndMicros, string StartLabel, string EndLabel);

/// <summary>
/// <c>raft/faults</c>: the timeline of one faulty run of <see cref="RaftSimulation"/> (5 servers, 3
/// clients over 3 keys, the nemesis of <see cref="RaftSimulationOptions"/>: a fault every 0.5 s for
/// 3 s, each lasting 0.4 s). Every <c>sample_ms</c> of virtual time each server's term, role, commit
/// index and whether it is up are recorded (<c>record = sample</c>); each fault of the nemesis log
/// becomes one row with its start and end times and labels (<c>record = fault</c>). Every row carries the run's
/// linearizability verdict and the count of safety violations seen by the <see cref="RaftMonitor"/>.
/// A server that is down has no term or commit index in its samples (role <c>down</c>).
/// </summary>
public sealed class FaultsExperiment : Experiment<FaultsParameters>
{
    public override string Id => "raft/faults";
    public override string Title => "Raft under faults: one run's timeline";

    public override FaultsParameters Defaults { get; } = new(5, 300, "mixed", 10);
    public override FaultsParameters Quick { get; } = new(5, 60, "mixed", 10);

    protected override ResultTable Execute(FaultsParameters p, int seed, IProgress<ExperimentProgress>? progress, CancellationToken cancellation)
    {
        cancellation.ThrowIfCancellationRequested();
        var kind = NemesisOptions.ParseKind(p.Faults, "faults");
        var run = RaftSimulation.Run(new RaftSimulationOptions(Nodes: p.Nodes, Ops: p.Ops, Faults: kind, SampleMicros: p.SampleMs * 1_000L,
            FaultMicros: p.FaultMs * 1_000L, AimAtLeader: p.Target == "leader"), seed);
        var faults = ParseFaultLog(run.FaultLog);
        string verdict = run.Linearizability.ToString();
        long violations = run.SafetyViolations.Count;
        var table = new ResultTable("record", "time_s", "server", "term", "role", "commit_index", "up", "leader_term",
            "lane_leader", "lane_candidate", "lane_follower", "lane_down",
            "fault", "fault_end_s", "fault_end", "linearizability", "safety_violations");
        foreach (var s in run.Samples.OrderBy(s => s.Time).ThenBy(s => s.Node))
        {
            double term = s.Up ? s.Term : double.NaN;
            string role = s.Up ? s.Role.ToString().ToLowerInvariant() : "down";
            // One lane per server (y = its number) in the column of its role, NaN in the others: the roles figure.
            double Lane(bool inRole) => inRole ? s.Node : double.NaN;
            table.AddRow("sample", s.Time / 1e6, $"S{s.Node}", term, role,
                s.Up ? s.Commit : double.NaN, s.Up, s.Up && s.Role == Role.Leader ? term : double.NaN,
                Lane(role == "leader"), Lane(role is "candidate" or "precandidate"), Lane(role == "follower"), Lane(role == "down"),
                "", double.NaN, "", verdict, violations);
        }
        foreach (var f in faults)
        {
            table.AddRow("fault", f.StartMicros / 1e6, f.Server, double.NaN, "", double.NaN, "", double.NaN,
                double.NaN, double.NaN, double.NaN, double.NaN,
                f.StartLabel, f.EndMicros / 1e6, f.EndLabel, verdict, violations);
        }
        progress?.Report(new ExperimentProgress(1, 1, p.Faults));
        return table;
    }

    /// <summary>Pairs each fault of a <see cref="Nemesis"/> log with its heal. Faults never overlap (each lasts at
    /// most one interval), so the log alternates start, end; node ids become server names S1.. (node 0 is S1).
    /// Throws <see cref="FormatException"/> on a line it does not recognise or an end that does not match.</summary>
    public static IReadOnlyList<FaultInterval> ParseFaultLog(IReadOnlyList<string> log)
    {
        ArgumentNullException.ThrowIfNull(log);
        var result = new List<FaultInterval>();
        for (int i = 0; i < log.Count; i += 2)
        {
            var (start, what) = Split(log[i]);
            if (i + 1 >= log.Count) throw new FormatException($"fault log: '{log[i]}' never ends");
            var (end, heal) = Split(log[i + 1]);
            var words = what.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            string Expect(string expected, string label)
            {
                if (heal != expected) throw new FormatException($"fault log: '{log[i]}' is followed by '{log[i + 1]}', expected '{expected}'");
                return label;
            }
            FaultInterval f = words[0] switch
            {
                "crash" when words.Length == 2 => new("crash", Server(words[1]), start, end, $"crash {Server(words[1])}",
                    Expect($"restart {words[1]}", $"restart {Server(words[1])}")),
                "loss" when words.Length == 2 && heal.StartsWith("loss ", StringComparison.Ordinal) => new("loss", "", start, end, $"loss {words[1]}",
                    $"loss {heal[5..]}"),
                "partition" => new("partition", "", start, end,
                    "split " + string.Join(" | ", what["partition ".Length..].Split('|').Select(side =>
                        string.Join(' ', side.Trim().Trim('[', ']').Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(Server))))
                    , Expect("heal", "heal")),
                "cut" when words.Length == 4 && words[2] == "->" => new("cut", Server(words[1]), start, end,
                    $"cut {Server(words[1])}→{Server(words[3])}", Expect("heal", "heal")),
                "isolate" when words.Length == 2 => new("isolate", Server(words[1]), start, end, $"isolate {Server(words[1])}", Expect("heal", "heal")),
                _ => throw new FormatException($"fault log: '{log[i]}' is not a fault start"),
            };
            if (end < start) throw new FormatException($"fault log: '{log[i + 1]}' is earlier than '{log[i]}'");
            result.Add(f);
        }
        return result;

        static (long Time, string What) Split(string line)
        {
            int space = line.IndexOf(' ');
            if (space <= 0 || !long.TryParse(line.AsSpan(0, space), NumberStyles.None, CultureInfo.InvariantCulture, out long t))
                throw new FormatException($"fault log: '{line}' does not start with a time in µs");
            return (t, line[(space + 1)..]);
        }

        static string Server(string node) =>
            int.TryParse(node, NumberStyles.None, CultureInfo.InvariantCulture, out int id)
                ? $"S{id + 1}"
                : throw new FormatException($"fault log: '{node}' is not a node id");
    }

    public override IReadOnlyList<FigureSpec> Figures(FaultsParameters p) => Figures(p, "", 0, [], 0, 1);

    public override IReadOnlyList<FigureSpec> Figures(FaultsParameters p, ResultTable table)
    {
        var faults = table.Where("record", "fault");
        var markers = new List<MarkerLine>();
        // Start labels alternate between the first two text rows (a split's label is wider than the half
        // second to the next fault); end labels ("up" after a crash, "heal" otherwise; the table's
        // fault_end column has the full label) go on the third, as the next fault starts 0.1 s after a heal.
        for (int i = 0; i < faults.RowCount; i++)
            markers.Add(new MarkerLine((double)faults.Cell(i, "time_s"), ShortLabel((string)faults.Cell(i, "fault")), Row: i % 2));
        for (int i = 0; i < faults.RowCount; i++)
            markers.Add(new MarkerLine((double)faults.Cell(i, "fault_end_s"), ((string)faults.Cell(i, "fault")).StartsWith("crash ", StringComparison.Ordinal) ? "up" : "heal", Row: 2));
        string verdict = table.RowCount > 0 ? table.Strings("linearizability").First() : "";
        long violations = table.RowCount > 0 ? (long)table.Cell(0, "safety_violations") : 0;
        var samples = table.Where("record", "sample");
        double Largest(string column) => Math.Max(1, samples.Doubles(column).Where(double.IsFinite).DefaultIfEmpty(1).Max());
        return Figures(p, verdict, violations, [.. markers.OrderBy(m => m.X)], Largest("term"), Largest("commit_index"));
    }

    /// <summary>A fault's label on the figures: a split names only its minority side ("split off S3 S5"; the
    /// table's label has both sides), so that it fits before the next label on its row.</summary>
    public static string ShortLabel(string label)
    {
        if (!label.StartsWith("split ", StringComparison.Ordinal)) return label;
        int bar = label.IndexOf(" | ", StringComparison.Ordinal);
        return bar < 0 ? label : "split off " + label["split ".Length..bar];
    }

    /// <summary>Room above the data for three rows of marker labels: the y axis ends this far above the largest value, as a fraction of it.</summary>
    private const double LabelHeadroom = 0.3;

    private static IReadOnlyList<FigureSpec> Figures(FaultsParameters p, string verdict, long violations, IReadOnlyList<MarkerLine> markers, double maxTerm, double maxCommit)
    {
        // Two title lines: what is drawn, then the run and its outcome in smaller type.
        string outcome = verdict.Length == 0 ? "" : $"; {Describe(verdict)}, {violations} safety violation{(violations == 1 ? "" : "s")}";
        string aim = p.Faults == "none" ? "" : p.Target == "leader" ? " aimed at the leader" : " on random servers";
        string setup = $"\n{p.Nodes} servers, {p.Ops} ops, {p.Faults} faults{aim}{outcome}";
        var where = new RowFilter("record", "sample");
        return
        [
            new FigureSpec(
                "faults-roles",
                $"Role of each server over time{setup}",
                new AxisSpec("time_s", "virtual time (s)"),
                new AxisSpec("server", "server", Min: 0.5, Max: p.Nodes + 0.5 + LabelHeadroom * p.Nodes,
                    TickLabels: [.. Enumerable.Range(1, p.Nodes).Select(i => $"S{i}")]),
                [
                    new SeriesSpec("lane_leader", "leader", SeriesStyle.Lane),
                    new SeriesSpec("lane_candidate", "candidate or pre-candidate", SeriesStyle.Lane),
                    new SeriesSpec("lane_follower", "follower", SeriesStyle.Lane),
                    new SeriesSpec("lane_down", "down (crashed)", SeriesStyle.Lane),
                ],
                GroupBy: "server",
                Markers: markers,
                Where: where),
            new FigureSpec(
                "faults-term",
                $"Term of each server over time{setup}",
                new AxisSpec("time_s", "virtual time (s)"),
                new AxisSpec("term", "term", Min: 0, Max: Math.Ceiling(maxTerm * (1 + LabelHeadroom))),
                [new SeriesSpec("term", "term")],
                GroupBy: "server",
                Markers: markers,
                Where: where),
            new FigureSpec(
                "faults-commit",
                $"Commit index of each server over time{setup}",
                new AxisSpec("time_s", "virtual time (s)"),
                new AxisSpec("commit_index", "commit index (log entries)", Min: 0, Max: Math.Ceiling(maxCommit * (1 + LabelHeadroom))),
                [new SeriesSpec("commit_index", "commit index")],
                GroupBy: "server",
                Markers: markers,
                Where: where),
        ];
    }

    private static string Describe(string verdict) => verdict switch
    {
        nameof(Consensus.Linearizability.Verdict.Linearizable) => "history linearizable",
        nameof(Consensus.Linearizability.Verdict.NotLinearizable) => "history NOT linearizable",
        _ => "linearizability unknown",
    };
}
