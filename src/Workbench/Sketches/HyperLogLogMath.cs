namespace Workbench.Sketches;

/// <summary>
/// The estimators of HyperLogLog (Flajolet et al. 2007) and HLL++ (Heule, Nunkesser &amp; Hall
/// 2013) over the two register statistics they need: Σ 2^-M[j] and the number of zero registers V.
/// </summary>
public static class HyperLogLogMath
{
    /// <summary>
    /// Cardinalities below which HLL++ prefers linear counting, for p = 4..18: the published
    /// values (Heule, Nunkesser &amp; Hall 2013, appendix, the <c>threshold</c> table), the
    /// cardinalities where linear counting and the bias-corrected estimate have equal error.
    /// </summary>
    public static readonly double[] LinearCountingThresholds =
        [10, 20, 40, 80, 220, 400, 900, 1800, 3100, 6500, 11500, 20000, 50000, 120000, 350000];

    /// <summary>α_m of Flajolet et al. 2007, Figure 3: 0.673, 0.697, 0.709 for m = 16, 32, 64, else 0.7213/(1 + 1.079/m).</summary>
    public static double Alpha(int m) => m switch
    {
        16 => 0.673,
        32 => 0.697,
        64 => 0.709,
        _ => 0.7213 / (1 + 1.079 / m),
    };

    /// <summary>The raw estimate α_m·m²/Σ 2^-M[j].</summary>
    public static double Raw(int precision, double sumOfPowers)
    {
        double m = 1 << precision;
        return Alpha(1 << precision) * m * m / sumOfPowers;
    }

    /// <summary>The threshold below which HLL++ uses linear counting at precision p.</summary>
    public static double Threshold(int precision) => LinearCountingThresholds[precision - HyperLogLog.MinPrecision];

    /// <summary>
    /// HLL++'s bias of the raw estimate <paramref name="raw"/> at precision p, zero above 5m.
    /// Deviation: the paper averages the biases of the 6 table points nearest in raw estimate
    /// (section 5.2) over tables of about 200 points per precision; the committed tables
    /// (<see cref="HyperLogLogBiasTables"/>) have 40, spaced m/8 apart, where averaging 6 neighbours
    /// would smooth the steep, convex bias curve by up to 2,000 at p = 14. So the bias is
    /// interpolated linearly between the two neighbouring points (and held constant beyond the ends).
    /// </summary>
    public static double Bias(int precision, double raw)
    {
        if (raw > 5.0 * (1 << precision)) return 0;
        var (raws, biases) = HyperLogLogBiasTables.For(precision);
        if (raw <= raws[0]) return biases[0];
        if (raw >= raws[^1]) return biases[^1];
        int hi = Array.BinarySearch(raws, raw);
        if (hi >= 0) return biases[hi];
        hi = ~hi;
        int lo = hi - 1;
        double t = (raw - raws[lo]) / (raws[hi] - raws[lo]);
        return biases[lo] + t * (biases[hi] - biases[lo]);
    }

    /// <summary>The estimate of <paramref name="estimator"/> from the register statistics.</summary>
    public static double Estimate(HllEstimator estimator, int precision, double sumOfPowers, int zeros)
    {
        double m = 1 << precision;
        double raw = Raw(precision, sumOfPowers);
        switch (estimator)
        {
            case HllEstimator.Raw:
                return raw;
            case HllEstimator.Original:
                // Flajolet et al. 2007, Figure 3: small-range correction below 5m/2.
                return raw <= 2.5 * m && zeros > 0 ? HyperLogLog.LinearCounting(m, zeros) : raw;
            case HllEstimator.HllPlusPlus:
                // Heule, Nunkesser & Hall 2013, Figure 7.
                double corrected = raw <= 5 * m ? raw - Bias(precision, raw) : raw;
                double h = zeros > 0 ? HyperLogLog.LinearCounting(m, zeros) : corrected;
                return h <= Threshold(precision) ? h : corrected;
            default:
                throw new ArgumentOutOfRangeException(nameof(estimator), estimator, "unknown estimator");
        }
    }
}
