using Workbench.Workloads;

namespace Workbench.Simulation;

/// <summary>
/// One-way network delay of a message, in virtual microseconds. Random delays reorder messages on
/// their own (two messages on one link overtake each other whenever the later one draws a shorter
/// delay); <see cref="NetworkOptions.ReorderRate"/> adds explicit reordering on top.
/// </summary>
public abstract record DelayDistribution
{
    /// <summary>Draws one delay (at least 0) from <paramref name="random"/>.</summary>
    public abstract long Sample(ref SplitMix64 random);

    /// <summary>Every message takes exactly <paramref name="micros"/>: FIFO links, no reordering.</summary>
    public static DelayDistribution Constant(long micros) => new ConstantDelay(Check(micros, nameof(micros)));

    /// <summary>Uniform on [<paramref name="minMicros"/>, <paramref name="maxMicros"/>].</summary>
    public static DelayDistribution Uniform(long minMicros, long maxMicros)
    {
        Check(minMicros, nameof(minMicros));
        if (maxMicros < minMicros) throw new ArgumentOutOfRangeException(nameof(maxMicros), maxMicros, $"maxMicros must be at least minMicros ({minMicros})");
        return new UniformDelay(minMicros, maxMicros);
    }

    /// <summary><paramref name="minMicros"/> plus an exponential tail of mean <paramref name="meanExtraMicros"/>
    /// (capped at 20 means): a long-tailed LAN.</summary>
    public static DelayDistribution Exponential(long minMicros, double meanExtraMicros)
    {
        Check(minMicros, nameof(minMicros));
        if (!(meanExtraMicros >= 0) || double.IsInfinity(meanExtraMicros)) throw new ArgumentOutOfRangeException(nameof(meanExtraMicros), meanExtraMicros, "meanExtraMicros must be a finite number >= 0");
        return new ExponentialDelay(minMicros, meanExtraMicros);
    }

    /// <summary>Parses <c>constant:D</c>, <c>uniform:MIN-MAX</c> or <c>exp:MIN+MEAN</c> (microseconds),
    /// the form used on the command line.</summary>
    public static DelayDistribution Parse(string text, string parameter = "delay")
    {
        ArgumentNullException.ThrowIfNull(text);
        var colon = text.IndexOf(':');
        var kind = colon < 0 ? "" : text[..colon].Trim().ToLowerInvariant();
        var body = colon < 0 ? "" : text[(colon + 1)..];
        try
        {
            switch (kind)
            {
                case "constant": return Constant(long.Parse(body, System.Globalization.CultureInfo.InvariantCulture));
                case "uniform":
                    var dash = body.IndexOf('-');
                    if (dash > 0) return Uniform(long.Parse(body[..dash], System.Globalization.CultureInfo.InvariantCulture), long.Parse(body[(dash + 1)..], System.Globalization.CultureInfo.InvariantCulture));
                    break;
                case "exp":
                    var plus = body.IndexOf('+');
                    if (plus > 0) return Exponential(long.Parse(body[..plus], System.Globalization.CultureInfo.InvariantCulture), double.Parse(body[(plus + 1)..], System.Globalization.CultureInfo.InvariantCulture));
                    break;
            }
        }
        catch (Exception e) when (e is FormatException or OverflowException or ArgumentOutOfRangeException)
        {
            throw new ArgumentException($"{parameter}: '{text}' is not a delay distribution ({e.Message.ReplaceLineEndings(" ")}); expected constant:D, uniform:MIN-MAX or exp:MIN+MEAN in microseconds", parameter, e);
        }
        throw new ArgumentException($"{parameter}: '{text}' is not a delay distribution; expected constant:D, uniform:MIN-MAX or exp:MIN+MEAN in microseconds", parameter);
    }

    private static long Check(long micros, string name) =>
        micros >= 0 ? micros : throw new ArgumentOutOfRangeException(name, micros, $"{name} must be >= 0 microseconds");

    private sealed record ConstantDelay(long Micros) : DelayDistribution
    {
        public override long Sample(ref SplitMix64 random) => Micros;
        public override string ToString() => $"constant:{Micros}";
    }

    private sealed record UniformDelay(long Min, long Max) : DelayDistribution
    {
        public override long Sample(ref SplitMix64 random) => Min + random.NextLong(Max - Min + 1);
        public override string ToString() => $"uniform:{Min}-{Max}";
    }

    private sealed record ExponentialDelay(long Min, double MeanExtra) : DelayDistribution
    {
        public override long Sample(ref SplitMix64 random)
        {
            double extra = -MeanExtra * Math.Log(1.0 - random.NextDouble());
            return Min + (long)Math.Min(extra, 20 * MeanExtra);
        }
        public override string ToString() => $"exp:{Min}+{MeanExtra.ToString(System.Globalization.CultureInfo.InvariantCulture)}";
    }
}
