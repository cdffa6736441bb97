using System.Globalization;
using Workbench.Consensus.Raft;
using Workbench.Simulation;
using Workbench.Workloads;

namespace Workbench.Experiments.Raft;

/// <summary>Parameters of <c>raft/election-time</c>.</summary>
/// <param name="Ranges">Randomized election timeout ranges <c>MIN-MAX</c> in ms; the timeout is drawn uniformly
/// from the integers MIN..MAX inclusive (1 ms ticks), so <c>150-150</c> is no randomization.</param>
/// <param name="Trials">Leader crashes measured per range.</param>
/// <param name="Servers">Cluster size.</param>
/// <param name="Delay">One-way network delay of every message: <c>constant:D</c>, <c>uniform:MIN-MAX</c> or <c>exp:MIN+MEAN</c>, µs.</param>
/// <param name="CapMs">Virtual time after the crash (and for the first leader at start-up) before a trial is given up and reported as capped, ms.</param>
public sealed record ElectionTimeParameters(string[] Ranges, int Trials, int Servers, string Delay, int CapMs) : IExperimentParameters
{
    public IEnumerable<string> Validate()
    {
        if (Ranges is null || Ranges.Length == 0) yield return "ranges must list at least one MIN-MAX range";
        else
        {
            foreach (var r in Ranges)
            {
                if (!ElectionTimeExperiment.TryParseRange(r, out _, out _, out var why)) { yield return $"ranges: {why}"; break; }
            }
            if (Ranges.Distinct().Count() != Ranges.Length) yield return $"ranges must not repeat a range (got {ParameterBinder.Format(Ranges)})";
        }
        if (Trials < 1 || Trials > 1_000_000) yield return $"trials must be between 1 and 1000000 (got {Trials})";
        if (Servers < 3 || Servers > 9) yield return $"servers must be between 3 and 9 (a crashed leader must leave a majority; got {Servers})";
        string? delayError = null;
        try { DelayDistribution.Parse(Delay ?? "", "delay"); }
        catch (ArgumentException e) { delayError = e.ParamName is null ? e.Message : e.Message.Replace($" (Parameter '{e.ParamName}')", ""); }
        if (delayError is not null) yield return delayError;
        if (CapMs < 1_000 || CapMs > 3_600_000) yield return $"cap_ms must be between 1000 and 3600000 (got {CapMs})";
    }

    public override string ToString() =>
        $"ranges={ParameterBinder.Format(Ranges)}, trials={Trials}, servers={Servers}, delay={Delay}, cap_ms={CapMs}";
}

/// <summary>One range's distribution of election times, as summarized beside Figure 16.</summary>
public sealed record ElectionTimeSummary(string Range, int Trials, int Capped, double MedianMs, double MeanMs, double P99Ms, double MaxMs, int Over10s);

/// <summary>
/// <c>raft/election-time</c>: the Raft paper's Figure 16 (Ongaro &amp; Ousterhout 2014, §9.3; thesis §9.2),
/// the time to elect a new leader after the leader crashes, as a CDF over trials, for several
/// randomized election timeout ranges. Each trial starts a fresh cluster of <c>servers</c> in the
/// deterministic simulator (its own seed derived from the run seed, the range and the trial), waits
/// until every server follows one leader, crashes that leader at a uniformly random moment within
/// one heartbeat interval, and measures the virtual time from the crash until some server wins an
/// election of a higher term (becomes leader). Heartbeats are sent every MIN/2 ms, ticks are 1 ms,
/// each server's tick is offset by a random fraction of a millisecond (unsynchronized clocks), and
/// neither pre-vote nor check-quorum is enabled (the paper's plain Raft). A trial with no new leader
/// within <c>cap_ms</c> is kept, with <c>capped = true</c> and no time.
/// </summary>
public sealed class ElectionTimeExperiment : Experiment<ElectionTimeParameters>
{
    private const long TickMicros = 1_000;

    public override string Id => "raft/election-time";
    public override string Title => "Raft: time to elect a new leader after a leader crash (Figure 16)";

    /// <summary>One-way delays of 4-9 ms: a round trip averages 13 ms and the broadcast time of §5.6
    /// (RPCs to the four other servers of five in parallel, until the last reply) averages about 15 ms.</summary>
    public const string PaperDelay = "uniform:4000-9000";

    public override ElectionTimeParameters Defaults { get; } = new(
        ["150-150", "150-151", "150-155", "150-175", "150-200", "150-300", "12-24"], 1_000, 5, PaperDelay, 60_000);
    public override ElectionTimeParameters Quick { get; } = new(
        ["150-150", "150-155", "150-300", "12-24"], 50, 5, PaperDelay, 60_000);

    /// <summary>Parses <c>MIN-MAX</c> (ms, 2 ≤ MIN ≤ MAX ≤ 100000).</summary>
    public static bool TryParseRange(string? text, out int min, out int max, out string error)
    {
        min = max = 0;
        error = "";
        var parts = (text ?? "").Split('-');
        if (parts.Length != 2
            || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out min)
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out max))
        {
            error = $"'{text}' is not a range MIN-MAX in milliseconds (e.g. 150-300)";
            return false;
        }
        if (min < 2 || max < min || max > 100_000)
        {
            error = $"'{text}' must have 2 <= MIN <= MAX <= 100000 ms";
            return false;
        }
        return true;
    }

    protected override ResultTable Execute(ElectionTimeParameters p, int seed, IProgress<ExperimentProgress>? progress, CancellationToken cancellation)
    {
        var delay = DelayDistribution.Parse(p.Delay, "delay");
        var table = new ResultTable("range", "min_timeout_ms", "max_timeout_ms", "trial", "election_ms", "terms", "capped", "cumulative_fraction");
        long total = (long)p.Ranges.Length * p.Trials, done = 0;
        for (int r = 0; r < p.Ranges.Length; r++)
        {
            TryParseRange(p.Ranges[r], out int min, out int max, out _);
            var trials = new (int Trial, double Ms, long Terms, bool Capped)[p.Trials];
            for (int t = 0; t < p.Trials; t++)
            {
                cancellation.ThrowIfCancellationRequested();
                long trialSeed = (long)new SplitMix64(seed ^ (0x4AF7L << 40) ^ ((long)r << 32) ^ t).Next();
                var (ms, terms, capped) = Trial(min, max, p.Servers, delay, p.CapMs, trialSeed);
                trials[t] = (t, ms, terms, capped);
                progress?.Report(new ExperimentProgress(++done, total, p.Ranges[r]));
            }
            // CDF order: fastest first, capped trials last (they never reach the curve).
            var ordered = trials.OrderBy(x => x.Capped).ThenBy(x => x.Ms).ThenBy(x => x.Trial).ToArray();
            for (int i = 0; i < ordered.Length; i++)
            {
                var x = ordered[i];
                table.AddRow(p.Ranges[r], min, max, x.Trial, x.Capped ? double.NaN : x.Ms, x.Terms, x.Capped,
                    x.Capped ? double.NaN : (i + 1) / (double)p.Trials);
            }
        }
        return table;
    }

    /// <summary>One crash of a stable leader; the time to the next leader (ms, µs resolution), how many
    /// terms that took, and whether the cap was hit (at start-up or after the crash).</summary>
    internal static (double Ms, long Terms, bool Capped) Trial(int min, int max, int servers, DelayDistribution delay, int capMs, long seed)
    {
        var sim = new Simulator(seed, new NetworkOptions { Delay = delay });
        var monitor = new RaftMonitor { Clock = () => sim.Now };
        var voters = Enumerable.Range(1, servers).ToList();
        var nodes = new List<RaftKvServer>();
        // Unsynchronized clocks: each server's 1 ms tick starts at its own offset within the first tick.
        var offsets = new long[servers];
        for (int i = 0; i < servers; i++) offsets[i] = sim.Random.NextLong(TickMicros);
        Array.Sort(offsets);
        foreach (var id in voters)
        {
            var config = new RaftConfig
            {
                Id = id,
                Voters = voters,
                ElectionTick = min,
                ElectionTickMax = max + 1, // RaftConfig's bound is exclusive: timeouts in [min, max + 1) ticks = min..max ms
                HeartbeatTick = Math.Max(1, min / 2),
                Seed = (long)new SplitMix64(seed + id).Next(),
                PreVote = false,
                CheckQuorum = false,
            };
            var server = new RaftKvServer(config, new RaftServerOptions(TickMicros), monitor);
            sim.RunUntil(offsets[id - 1]);
            sim.AddNode(server);
            nodes.Add(server);
        }

        long capMicros = capMs * 1_000L;
        long deadline = sim.Now + capMicros;
        RaftKvServer? leader = null;
        while (sim.Now < deadline)
        {
            sim.RunFor(TickMicros);
            leader = StableLeader(nodes);
            if (leader is not null) break;
        }
        if (leader is null) return (double.NaN, 0, true);

        long heartbeatMicros = Math.Max(1, min / 2) * TickMicros;
        sim.RunFor(heartbeatMicros + sim.Random.NextLong(heartbeatMicros));
        leader = StableLeader(nodes);
        if (leader is null) return (double.NaN, 0, true); // not expected: no faults before the crash
        long oldTerm = leader.Raft!.Term;
        int seen = monitor.Elections.Count;
        sim.Crash(leader.RaftId - 1);
        long crash = sim.Now;
        deadline = crash + capMicros;
        while (sim.Now < deadline)
        {
            sim.RunFor(TickMicros);
            for (int i = seen; i < monitor.Elections.Count; i++)
            {
                var e = monitor.Elections[i];
                if (e.Term > oldTerm) return ((e.Time - crash) / 1_000.0, e.Term - oldTerm, false);
            }
            seen = monitor.Elections.Count;
        }
        return (double.NaN, nodes.Where(n => n.Raft is not null).Max(n => n.Raft!.Term) - oldTerm, true);
    }

    /// <summary>The leader every server follows in its term, or null.</summary>
    private static RaftKvServer? StableLeader(List<RaftKvServer> nodes)
    {
        var leader = nodes.FirstOrDefault(n => n.Raft is { Role: Role.Leader });
        if (leader is null) return null;
        long term = leader.Raft!.Term;
        return nodes.All(n => n.Raft is { } r && r.Term == term && r.Leader == leader.RaftId) ? leader : null;
    }

    /// <summary>Median, mean, 99th percentile (nearest rank) and maximum of each range's election times, and
    /// how many finished trials took over 10 s. Capped trials count as slower than every finished one in the
    /// percentiles (which are infinite once they reach them), make the maximum infinite, and are left out
    /// of the mean; <see cref="ElectionTimeSummary.Capped"/> counts them.</summary>
    public static IReadOnlyList<ElectionTimeSummary> Summarize(ResultTable table)
    {
        var result = new List<ElectionTimeSummary>();
        foreach (var range in table.Distinct("range"))
        {
            var rows = table.Where("range", range);
            var ms = rows.Doubles("election_ms").ToArray();
            var finished = ms.Where(double.IsFinite).Order().ToArray();
            int n = ms.Length, capped = n - finished.Length;
            double Quantile(double q)
            {
                int k = (int)Math.Ceiling(q * n) - 1; // nearest rank
                k = Math.Clamp(k, 0, n - 1);
                return k < finished.Length ? finished[k] : double.PositiveInfinity;
            }
            result.Add(new ElectionTimeSummary(range, n, capped, Quantile(0.5),
                finished.Length > 0 ? finished.Average() : double.NaN, Quantile(0.99),
                capped > 0 ? double.PositiveInfinity : finished.Length > 0 ? finished[^1] : double.NaN,
                finished.Count(x => x > 10_000)));
        }
        return result;
    }

    public override IReadOnlyList<FigureSpec> Figures(ElectionTimeParameters p) =>
    [
        new FigureSpec(
            "election-time",
            $"Time to elect a new leader after a leader crash ({p.Servers} servers, {p.Trials:N0} trials per range, delay {p.Delay} µs)",
            new AxisSpec("election_ms", "time without leader (ms)", Log: true),
            new AxisSpec("cumulative_fraction", "cumulative fraction of trials"),
            [new SeriesSpec("cumulative_fraction", "ms", SeriesStyle.Measured)],
            GroupBy: "range",
            Where: new RowFilter("capped", "false")),
    ];
}
