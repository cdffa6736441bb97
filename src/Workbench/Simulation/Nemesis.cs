using Workbench.Workloads;

namespace Workbench.Simulation;

/// <summary>Which faults a <see cref="Nemesis"/> injects (Jepsen's name for the fault injector).</summary>
public enum NemesisKind
{
    /// <summary>No faults.</summary>
    None,
    /// <summary>Crash one random target, restart it when the fault ends.</summary>
    Crash,
    /// <summary>A random partition: a symmetric split into a minority and a majority, a one-way cut, or an isolated node.</summary>
    Partition,
    /// <summary>Raise the network's loss rate to <see cref="NemesisOptions.LossRate"/> for the fault's duration.</summary>
    Loss,
    /// <summary>Crash, partition and loss in turn, in a random order: the faults come in rounds of three, each
    /// round one of each kind shuffled (a shuffled bag, so that even a short run sees every kind).</summary>
    Mixed,
}

/// <summary>
/// A fault schedule: every <paramref name="IntervalMicros"/> a fault of <paramref name="Kind"/> starts
/// and lasts <paramref name="DurationMicros"/> (at most the interval), then heals; the first fault
/// starts one interval after <see cref="Nemesis.Install"/>.
/// </summary>
/// <param name="Kind">Which faults.</param>
/// <param name="IntervalMicros">Time between the starts of consecutive faults, µs (> 0).</param>
/// <param name="DurationMicros">How long each fault lasts, µs (in (0, interval]).</param>
/// <param name="LossRate">Loss rate during a loss fault, in [0, 1].</param>
/// <param name="AimAtLeader">Aim crashes and partitions at the current leader, as Jepsen's "kill the primary"
/// nemeses do: the crashed or isolated node is the leader, a split puts it in the minority, a one-way cut
/// silences it towards one follower. Needs the leader function of <see cref="Nemesis.Install"/>; when it
/// names no leader (an election in progress) the target is drawn as usual.</param>
public sealed record NemesisOptions(NemesisKind Kind, long IntervalMicros = 1_000_000, long DurationMicros = 400_000, double LossRate = 0.3, bool AimAtLeader = false)
{
    /// <summary>Parses a kind name: none, crash, partition, loss or mixed (case-insensitive).</summary>
    public static NemesisKind ParseKind(string text, string parameter = "nemesis") =>
        Enum.TryParse<NemesisKind>(text, ignoreCase: true, out var kind) && Enum.IsDefined(kind) && !int.TryParse(text, out _)
            ? kind
            : throw new ArgumentException($"{parameter}: '{text}' is not a nemesis; expected none, crash, partition, loss or mixed", parameter);
}

/// <summary>
/// Schedules faults on a <see cref="Simulator"/> against a set of target nodes (typically the servers,
/// never the clients that record the history). Draws from its own generator, seeded from the
/// simulator's seed, so a run with a nemesis is as reproducible as one without. Each fault and heal
/// is recorded in <see cref="Log"/> with its virtual time.
/// </summary>
public sealed class Nemesis
{
    private readonly Simulator _sim;
    private readonly int[] _targets;
    private readonly NemesisOptions _options;
    private readonly Func<int?>? _leader;
    private SplitMix64 _random;
    private readonly List<string> _log = [];
    private readonly NemesisKind[] _bag = [NemesisKind.Crash, NemesisKind.Partition, NemesisKind.Loss];
    private int _drawn = int.MaxValue;   // kinds of the current round handed out; the first draw shuffles

    private Nemesis(Simulator sim, int[] targets, NemesisOptions options, Func<int?>? leader)
    {
        _sim = sim;
        _targets = targets;
        _options = options;
        _leader = leader;
        _random = new SplitMix64(sim.Seed ^ 0x4E454D455349L);
    }

    /// <summary>The faults injected so far, one line each: "time kind details".</summary>
    public IReadOnlyList<string> Log => _log;

    /// <summary>Number of faults started.</summary>
    public int Faults { get; private set; }

    /// <summary>Whether <see cref="Stop"/> has been called.</summary>
    public bool Stopped { get; private set; }

    /// <summary>Starts no further faults; a fault in progress still heals at its scheduled time (so a
    /// run can measure recovery once the faults stop).</summary>
    public void Stop() => Stopped = true;

    /// <summary>Installs the schedule on <paramref name="simulator"/> against <paramref name="targets"/>.</summary>
    /// <param name="simulator">The simulator whose network and nodes the faults hit.</param>
    /// <param name="targets">The node ids faults may hit.</param>
    /// <param name="options">The schedule.</param>
    /// <param name="leader">With <see cref="NemesisOptions.AimAtLeader"/>: the node id of the current leader, or null while
    /// there is none; asked when each fault starts.</param>
    public static Nemesis Install(Simulator simulator, IReadOnlyList<int> targets, NemesisOptions options, Func<int?>? leader = null)
    {
        ArgumentNullException.ThrowIfNull(simulator);
        ArgumentNullException.ThrowIfNull(targets);
        ArgumentNullException.ThrowIfNull(options);
        if (options.IntervalMicros <= 0) throw new ArgumentOutOfRangeException(nameof(options), options.IntervalMicros, "IntervalMicros must be > 0");
        if (options.DurationMicros <= 0 || options.DurationMicros > options.IntervalMicros)
            throw new ArgumentOutOfRangeException(nameof(options), options.DurationMicros, $"DurationMicros must be in (0, IntervalMicros = {options.IntervalMicros}]");
        if (options.LossRate is < 0 or > 1) throw new ArgumentOutOfRangeException(nameof(options), options.LossRate, "LossRate must be in [0, 1]");
        if (options.Kind != NemesisKind.None && targets.Count == 0) throw new ArgumentException("targets must not be empty", nameof(targets));
        foreach (var t in targets)
            if ((uint)t >= (uint)simulator.NodeCount) throw new ArgumentOutOfRangeException(nameof(targets), t, $"target must be a node id in [0, {simulator.NodeCount})");
        if (options.AimAtLeader && leader is null) throw new ArgumentException("AimAtLeader needs a leader function", nameof(leader));
        var nemesis = new Nemesis(simulator, targets.ToArray(), options, options.AimAtLeader ? leader : null);
        if (options.Kind != NemesisKind.None) simulator.Schedule(options.IntervalMicros, nemesis.StartFault);
        return nemesis;
    }

    private void StartFault()
    {
        if (Stopped) return;
        Faults++;
        var kind = _options.Kind == NemesisKind.Mixed ? NextMixed() : _options.Kind;
        Action heal;
        switch (kind)
        {
            case NemesisKind.Crash:
                {
                    int victim = _targets[_random.Below(_targets.Length)];
                    if (AimedTarget() is int leader) victim = leader;
                    _sim.Crash(victim);
                    Record($"crash {victim}");
                    heal = () => { _sim.Restart(victim); Record($"restart {victim}"); };
                    break;
                }
            case NemesisKind.Loss:
                {
                    double before = _sim.Network.LossRate;
                    _sim.Network.LossRate = _options.LossRate;
                    Record($"loss {_options.LossRate}");
                    heal = () => { _sim.Network.LossRate = before; Record($"loss {before}"); };
                    break;
                }
            default:
                StartPartition();
                heal = () => { _sim.Network.Heal(); Record("heal"); };
                break;
        }
        _sim.Schedule(_options.DurationMicros, heal);
        _sim.Schedule(_options.IntervalMicros, StartFault);
    }

    private void StartPartition()
    {
        var shuffled = _targets.ToArray();
        _random.Shuffle(shuffled.AsSpan());
        // Aimed: the leader takes the first place (the minority side, the cut's sender, the isolated node).
        if (AimedTarget() is int leader)
        {
            int at = Array.IndexOf(shuffled, leader);
            shuffled[at] = shuffled[0];
            shuffled[0] = leader;
        }
        int shape = shuffled.Length < 2 ? 2 : _random.Below(3);
        switch (shape)
        {
            case 0:
                {
                    int minority = Math.Max(1, (shuffled.Length - 1) / 2);
                    var left = shuffled[..minority];
                    var right = shuffled[minority..];
                    _sim.Network.Partition(left, right);
                    Record($"partition [{string.Join(' ', left)}] | [{string.Join(' ', right)}]");
                    break;
                }
            case 1:
                _sim.Network.Cut(shuffled[0], shuffled[1]);
                Record($"cut {shuffled[0]} -> {shuffled[1]}");
                break;
            default:
                _sim.Network.Isolate(shuffled[0]);
                Record($"isolate {shuffled[0]}");
                break;
        }
    }

    /// <summary>The next kind of a mixed schedule: the next of the current round of three, reshuffled when used up.</summary>
    private NemesisKind NextMixed()
    {
        if (_drawn >= _bag.Length)
        {
            _random.Shuffle(_bag.AsSpan());
            _drawn = 0;
        }
        return _bag[_drawn++];
    }

    /// <summary>The current leader when faults are aimed at it and it is one of the targets; otherwise null. Draws
    /// nothing, so aiming changes the victims but not the sequence of random draws.</summary>
    private int? AimedTarget() => _leader?.Invoke() is int l && Array.IndexOf(_targets, l) >= 0 ? l : null;

    private void Record(string what) => _log.Add($"{_sim.Now} {what}");
}
