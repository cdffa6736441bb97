using System.Globalization;
using Workbench.Workloads;

namespace Workbench.Traces;

/// <summary>
/// Seeded synthetic workloads, named by a specification string so that the command line, the
/// experiments and the tests share them:
/// <code>
/// synthetic:PHASE[+PHASE...]          phases run one after the other
/// zipf?keys=K&amp;s=S&amp;requests=R[&amp;seed=N][&amp;offset=O]   Zipf over K keys, exponent S (default 0.99), seed default 1
/// loop?keys=K&amp;requests=R[&amp;offset=O]                    O, O+1, ..., O+K-1, O, O+1, ... (LRU's worst case once K exceeds the cache)
/// scan?requests=R[&amp;offset=O]                            R distinct keys never requested before: O, O+1, ...
/// </code>
/// Zipf ranks go through a permutation of the K keys drawn from <c>seed</c>, so the hot keys are
/// not the smallest ones; two Zipf phases with the same <c>keys</c>, <c>s</c> and <c>seed</c> share
/// their hot set (the point of "Zipf, then a scan, then Zipf again") but draw different requests,
/// because the phase's position is mixed into the sampling seed. Keys start at <c>offset</c>
/// (default 0); a scan's default offset is 2^40 past the previous scans, so scans never repeat
/// keys of other phases. Examples:
/// <c>synthetic:zipf?keys=100000&amp;s=0.9&amp;requests=1000000&amp;seed=1</c>,
/// <c>synthetic:zipf?keys=10000&amp;requests=100000+loop?keys=5000&amp;requests=100000+zipf?keys=10000&amp;requests=100000</c>.
/// The same string always gives the same keys.
/// </summary>
public sealed class SyntheticTrace
{
    /// <summary>The prefix that marks a synthetic specification.</summary>
    public const string Prefix = "synthetic:";

    /// <summary>The first key of scans when no offset is given (2^40: far above the other phases' keys).</summary>
    public const long ScanBase = 1L << 40;

    private SyntheticTrace(string spec, IReadOnlyList<SyntheticPhase> phases)
    {
        Spec = spec;
        Phases = phases;
        Requests = phases.Sum(p => p.Requests);
    }

    /// <summary>The specification this trace was parsed from.</summary>
    public string Spec { get; }

    /// <summary>The phases, in order.</summary>
    public IReadOnlyList<SyntheticPhase> Phases { get; }

    /// <summary>Total requests over all phases.</summary>
    public long Requests { get; }

    /// <summary>True when <paramref name="spec"/> starts with <see cref="Prefix"/>.</summary>
    public static bool IsSynthetic(string spec) => spec.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase);

    /// <summary>Parses <paramref name="spec"/>; a bad one throws a <see cref="TraceSpecException"/> naming the parameter.</summary>
    public static SyntheticTrace Parse(string spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        if (!IsSynthetic(spec)) throw new TraceSpecException($"synthetic trace '{spec}' must start with '{Prefix}'", "trace");
        var body = spec[Prefix.Length..];
        if (body.Length == 0) throw new TraceSpecException($"synthetic trace '{spec}' names no workload (zipf, loop or scan)", "trace");
        var phases = new List<SyntheticPhase>();
        long scanOffset = ScanBase;
        long total = 0;
        foreach (var text in body.Split('+'))
        {
            var phase = ParsePhase(text, phases.Count, ref scanOffset);
            total = total > long.MaxValue - phase.Requests
                ? throw new TraceSpecException($"synthetic trace '{spec}': more than 2^63 requests in total", "requests")
                : total + phase.Requests;
            phases.Add(phase);
        }
        return new SyntheticTrace(spec, phases);
    }

    /// <summary>The keys, generated lazily; each enumeration starts again from the seed.</summary>
    public IEnumerable<long> Keys()
    {
        for (int i = 0; i < Phases.Count; i++)
        {
            foreach (var key in Phases[i].Keys()) yield return key;
        }
    }

    /// <summary>Writes all keys into <paramref name="destination"/>, which must hold exactly <see cref="Requests"/>.</summary>
    public void Fill(Span<long> destination)
    {
        if (destination.Length != Requests) throw new ArgumentException($"destination holds {destination.Length} keys, the trace has {Requests}", nameof(destination));
        int at = 0;
        foreach (var phase in Phases)
        {
            phase.Fill(destination.Slice(at, checked((int)phase.Requests)));
            at += (int)phase.Requests;
        }
    }

    private static SyntheticPhase ParsePhase(string text, int index, ref long scanOffset)
    {
        int q = text.IndexOf('?');
        string kind = (q < 0 ? text : text[..q]).Trim().ToLowerInvariant();
        var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (q >= 0)
        {
            foreach (var pair in text[(q + 1)..].Split('&', StringSplitOptions.RemoveEmptyEntries))
            {
                int eq = pair.IndexOf('=');
                if (eq <= 0) throw new TraceSpecException($"synthetic {kind}: '{pair}' is not name=value", pair);
                var name = pair[..eq].Trim();
                if (!values.TryAdd(name, pair[(eq + 1)..].Trim())) throw new TraceSpecException($"synthetic {kind}: parameter '{name}' is given twice", name);
            }
        }
        var p = new PhaseParameters(kind, values);
        SyntheticPhase phase = kind switch
        {
            "zipf" => new ZipfPhase(
                checked((int)p.Long("keys", null, 1, 1 << 28)),
                p.Double("s", 0.99, 0, 100),
                p.Long("requests", null, 1, long.MaxValue),
                p.Long("seed", 1, long.MinValue, long.MaxValue),
                p.Long("offset", 0, long.MinValue, long.MaxValue),
                index),
            "loop" => new LoopPhase(
                p.Long("keys", null, 1, long.MaxValue),
                p.Long("requests", null, 1, long.MaxValue),
                p.Long("offset", 0, long.MinValue, long.MaxValue)),
            "scan" => new ScanPhase(
                p.Long("requests", null, 1, long.MaxValue),
                p.Long("offset", scanOffset, long.MinValue, long.MaxValue)),
            "" => throw new TraceSpecException($"synthetic phase {index + 1} names no workload (zipf, loop or scan)", "trace"),
            _ => throw new TraceSpecException($"unknown synthetic workload '{kind}' (known: zipf, loop, scan)", "trace"),
        };
        p.RejectUnused();
        if (phase is ScanPhase scan)
        {
            if (scan.Offset > long.MaxValue - scan.Requests) throw new TraceSpecException("synthetic scan: offset + requests overflows 64-bit keys", "offset");
            scanOffset = scan.Offset + scan.Requests;
        }
        if (phase is LoopPhase loop && loop.Offset > long.MaxValue - loop.KeyCount) throw new TraceSpecException("synthetic loop: offset + keys overflows 64-bit keys", "offset");
        if (phase is ZipfPhase zipf && zipf.Offset > long.MaxValue - zipf.KeyCount) throw new TraceSpecException("synthetic zipf: offset + keys overflows 64-bit keys", "offset");
        return phase;
    }

    private sealed class PhaseParameters(string kind, Dictionary<string, string> values)
    {
        private readonly HashSet<string> _used = new(StringComparer.OrdinalIgnoreCase);

        public long Long(string name, long? fallback, long min, long max)
        {
            _used.Add(name);
            if (!values.TryGetValue(name, out var text))
                return fallback ?? throw new TraceSpecException($"synthetic {kind}: parameter '{name}' is required", name);
            if (!long.TryParse(text.Replace("_", ""), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long value))
                throw new TraceSpecException($"synthetic {kind}: parameter '{name}' must be an integer (got '{text}')", name);
            if (value < min || value > max)
                throw new TraceSpecException($"synthetic {kind}: parameter '{name}' must be between {min} and {max} (got {value})", name);
            return value;
        }

        public double Double(string name, double fallback, double min, double max)
        {
            _used.Add(name);
            if (!values.TryGetValue(name, out var text)) return fallback;
            if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) || !double.IsFinite(value))
                throw new TraceSpecException($"synthetic {kind}: parameter '{name}' must be a number (got '{text}')", name);
            if (value < min || value > max)
                throw new TraceSpecException($"synthetic {kind}: parameter '{name}' must be between {min} and {max} (got {value})", name);
            return value;
        }

        public void RejectUnused()
        {
            foreach (var name in values.Keys)
            {
                if (!_used.Contains(name))
                    throw new TraceSpecException($"synthetic {kind}: unknown parameter '{name}' (known: {string.Join(", ", _used)})", name);
            }
        }
    }
}

/// <summary>One phase of a <see cref="SyntheticTrace"/>.</summary>
public abstract record SyntheticPhase(long Requests)
{
    /// <summary>The phase's keys, lazily, from the start.</summary>
    public abstract IEnumerable<long> Keys();

    /// <summary>Writes the phase's keys into <paramref name="destination"/> (exactly <see cref="Requests"/> long).</summary>
    public virtual void Fill(Span<long> destination)
    {
        int i = 0;
        foreach (var key in Keys()) destination[i++] = key;
    }
}

/// <summary>Zipf-distributed requests over <paramref name="KeyCount"/> keys (see <see cref="SyntheticTrace"/>).</summary>
public sealed record ZipfPhase(int KeyCount, double Exponent, long Requests, long Seed, long Offset, int Position) : SyntheticPhase(Requests)
{
    public override IEnumerable<long> Keys()
    {
        var (zipf, permutation) = Start();
        for (long i = 0; i < Requests; i++) yield return Offset + permutation[zipf.Next() - 1];
    }

    public override void Fill(Span<long> destination)
    {
        var (zipf, permutation) = Start();
        for (int i = 0; i < destination.Length; i++) destination[i] = Offset + permutation[zipf.Next() - 1];
    }

    private (ZipfGenerator Zipf, int[] Permutation) Start()
    {
        var permutation = new int[KeyCount];
        for (int i = 0; i < permutation.Length; i++) permutation[i] = i;
        new SplitMix64(Seed).Shuffle(permutation.AsSpan());
        long drawSeed = unchecked(Seed + (Position + 1) * (long)0x9E3779B97F4A7C15UL);
        return (new ZipfGenerator(KeyCount, Exponent, drawSeed), permutation);
    }
}

/// <summary>A cyclic loop over <paramref name="KeyCount"/> consecutive keys.</summary>
public sealed record LoopPhase(long KeyCount, long Requests, long Offset) : SyntheticPhase(Requests)
{
    public override IEnumerable<long> Keys()
    {
        for (long i = 0; i < Requests; i++) yield return Offset + i % KeyCount;
    }
}

/// <summary>A one-pass scan: <paramref name="Requests"/> consecutive keys, each requested once.</summary>
public sealed record ScanPhase(long Requests, long Offset) : SyntheticPhase(Requests)
{
    public override IEnumerable<long> Keys()
    {
        for (long i = 0; i < Requests; i++) yield return Offset + i;
    }
}
