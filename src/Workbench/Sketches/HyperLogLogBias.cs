using System.Globalization;
using System.Numerics;
using System.Text;
using Workbench.Workloads;

namespace Workbench.Sketches;

/// <summary>
/// Derives HLL++'s bias-correction data empirically with the paper's method (Heule, Nunkesser &amp;
/// Hall 2013, section 5.2): for a grid of true cardinalities n from m/8 to 5m, run many sketches
/// of n distinct keys, and record the mean raw estimate and its mean bias (raw - n). Distinct keys
/// are modelled by independent uniform 64-bit hashes from a seeded SplitMix64, the assumption the
/// analysis makes of the hash. The tables in <see cref="HyperLogLogBiasTables"/> were produced by
/// <see cref="Generate"/> with <see cref="TableSeed"/> and <see cref="TrialsFor"/>, and a test
/// regenerates the small precisions and compares.
/// </summary>
public static class HyperLogLogBias
{
    /// <summary>Seed of the committed tables.</summary>
    public const long TableSeed = 2013;

    /// <summary>Grid points per precision: n = j·m/8 for j = 1..40.</summary>
    public const int Points = 40;

    /// <summary>Trials per precision: 2^22/m, at least 200 (5000 in the paper; more where cheap).</summary>
    public static int TrialsFor(int precision) => Math.Max(200, (1 << 22) >> precision);

    /// <summary>The true cardinalities of the grid at precision p.</summary>
    public static long Cardinality(int precision, int point) => (long)(point + 1) * (1 << precision) / 8;

    /// <summary>Mean raw estimate and mean bias at each grid point, rounded to 0.1 as stored.</summary>
    public static (double[] Raw, double[] Bias) Generate(int precision, int trials, long seed)
    {
        if (precision < HyperLogLog.MinPrecision || precision > HyperLogLog.MaxPrecision)
            throw new ArgumentOutOfRangeException(nameof(precision), precision, $"precision must be between {HyperLogLog.MinPrecision} and {HyperLogLog.MaxPrecision}");
        if (trials < 1) throw new ArgumentOutOfRangeException(nameof(trials), trials, "trials must be positive");
        int m = 1 << precision;
        var sumRaw = new double[Points];
        var random = new SplitMix64(seed ^ ((long)precision << 32));
        var registers = new byte[m];
        for (int t = 0; t < trials; t++)
        {
            Array.Clear(registers);
            double sum = m; // Σ 2^-M[j], all registers zero
            long n = 0;
            for (int point = 0; point < Points; point++)
            {
                long target = Cardinality(precision, point);
                for (; n < target; n++)
                {
                    ulong x = random.Next();
                    int index = (int)(x >> (64 - precision));
                    int rho = BitOperations.LeadingZeroCount((x << precision) | (1UL << (precision - 1))) + 1;
                    if (rho > registers[index])
                    {
                        sum += Math.ScaleB(1, -rho) - Math.ScaleB(1, -registers[index]);
                        registers[index] = (byte)rho;
                    }
                }
                sumRaw[point] += HyperLogLogMath.Raw(precision, sum);
            }
        }
        var raw = new double[Points];
        var bias = new double[Points];
        for (int point = 0; point < Points; point++)
        {
            double mean = sumRaw[point] / trials;
            raw[point] = Math.Round(mean, 1);
            bias[point] = Math.Round(mean - Cardinality(precision, point), 1);
        }
        return (raw, bias);
    }

    /// <summary>C# source of the table for precisions 4..18, as committed in <see cref="HyperLogLogBiasTables"/>.</summary>
    public static string TableSource()
    {
        var sb = new StringBuilder();
        for (int p = HyperLogLog.MinPrecision; p <= HyperLogLog.MaxPrecision; p++)
        {
            var (raw, bias) = Generate(p, TrialsFor(p), TableSeed);
            sb.Append("        // p = ").Append(p).Append(", ").Append(TrialsFor(p)).Append(" trials\n");
            sb.Append("        [").Append(string.Join(", ", raw.Select(F))).Append("],\n");
            sb.Append("        [").Append(string.Join(", ", bias.Select(F))).Append("],\n");
        }
        return sb.ToString();
    }

    private static string F(double v) => v.ToString("0.0", CultureInfo.InvariantCulture);
}
