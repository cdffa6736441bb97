using MathNet.Numerics.Distributions;

namespace Workbench.Statistics;

/// <summary>Confidence intervals for a proportion estimated from independent trials.</summary>
public static class BinomialInterval
{
    /// <summary>
    /// The Wilson score interval (Wilson 1927) for <paramref name="successes"/> out of
    /// <paramref name="trials"/> at the two-sided <paramref name="confidence"/> level. Unlike the
    /// normal approximation it stays inside [0, 1] and behaves for counts near zero, which is where
    /// false-positive rates of well-sized filters live.
    /// </summary>
    public static (double Low, double High) Wilson(long successes, long trials, double confidence = 0.95)
    {
        if (trials <= 0) throw new ArgumentOutOfRangeException(nameof(trials), trials, "trials must be positive");
        if (successes < 0 || successes > trials) throw new ArgumentOutOfRangeException(nameof(successes), successes, "successes must be within [0, trials]");
        if (!(confidence > 0 && confidence < 1)) throw new ArgumentOutOfRangeException(nameof(confidence), confidence, "confidence must be in (0, 1)");
        double z = Normal.InvCDF(0, 1, 1 - (1 - confidence) / 2);
        double p = (double)successes / trials, n = trials, z2 = z * z;
        double centre = (p + z2 / (2 * n)) / (1 + z2 / n);
        double half = z / (1 + z2 / n) * Math.Sqrt(p * (1 - p) / n + z2 / (4 * n * n));
        return (Math.Max(0, centre - half), Math.Min(1, centre + half));
    }
}
