namespace Workbench.Filters;

/// <summary>
/// Closed-form false-positive rates and sizing of Bloom filters, the curves the experiments plot
/// their measurements against.
/// </summary>
public static class BloomMath
{
    /// <summary>Bits per block of <see cref="BlockedBloomFilter"/>: one 64-byte cache line.</summary>
    public const int BlockBits = 512;

    /// <summary>
    /// False-positive rate of a classic Bloom filter with <paramref name="m"/> bits,
    /// <paramref name="n"/> keys and <paramref name="k"/> independent probes (Bloom 1970):
    /// <c>(1 - (1 - 1/m)^(kn))^k</c>, which is <c>(1 - e^(-kn/m))^k</c> for large m.
    /// </summary>
    public static double ClassicFpr(double m, double n, int k)
    {
        if (m <= 0) throw new ArgumentOutOfRangeException(nameof(m), m, "m must be positive");
        if (n < 0) throw new ArgumentOutOfRangeException(nameof(n), n, "n must be non-negative");
        if (k <= 0) throw new ArgumentOutOfRangeException(nameof(k), k, "k must be positive");
        double zeroFraction = Math.Exp(k * n * Log1P(-1.0 / m));
        return Math.Pow(1 - zeroFraction, k);
    }

    /// <summary>
    /// False-positive rate of a blocked Bloom filter (Putze, Sanders &amp; Singler 2007, section 3):
    /// each key lands in one block of <paramref name="blockBits"/> bits chosen uniformly, so the
    /// number of keys in a block is Binomial(n, B/m), approximately Poisson with mean
    /// <c>λ = nB/m</c>; the rate is the Poisson mixture <c>Σ_i Pois(i; λ) · f_classic(B, i, k)</c>.
    /// </summary>
    public static double BlockedFpr(double m, double n, int k, int blockBits = BlockBits)
    {
        if (m < blockBits) throw new ArgumentOutOfRangeException(nameof(m), m, $"m must be at least one block ({blockBits} bits)");
        if (n < 0) throw new ArgumentOutOfRangeException(nameof(n), n, "n must be non-negative");
        if (k <= 0) throw new ArgumentOutOfRangeException(nameof(k), k, "k must be positive");
        double lambda = n * blockBits / m;
        if (lambda == 0) return 0;
        // Sum the Poisson terms outward from the mode until they no longer matter.
        int mode = (int)Math.Floor(lambda);
        double logLambda = Math.Log(lambda);
        double Term(int i) => Math.Exp(i * logLambda - lambda - LogFactorial(i)) * ClassicFprOrZero(blockBits, i, k);
        double sum = 0;
        for (int i = mode; ; i++)
        {
            double t = Term(i);
            sum += t;
            if (i > mode + 10 && t < 1e-18 * Math.Max(sum, 1e-300)) break;
            if (i > mode + 100 + 20 * Math.Sqrt(lambda)) break;
        }
        for (int i = mode - 1; i >= 0; i--)
        {
            double t = Term(i);
            sum += t;
            if (i < mode - 10 && t < 1e-18 * Math.Max(sum, 1e-300)) break;
        }
        return sum;
    }

    /// <summary>The k minimising the classic rate for a given memory: <c>(m/n) ln 2</c>, before rounding.</summary>
    public static double OptimalK(double bitsPerKey) => bitsPerKey * Math.Log(2);

    /// <summary><see cref="OptimalK(double)"/> rounded to the nearest positive integer.</summary>
    public static int OptimalHashCount(double bitsPerKey) => Math.Max(1, (int)Math.Round(OptimalK(bitsPerKey)));

    /// <summary>
    /// The integer k minimising <see cref="BlockedFpr"/> at this memory; smaller than the classic
    /// optimum at high bits per key because keys crowd unevenly into blocks.
    /// </summary>
    public static int OptimalBlockedHashCount(double bitsPerKey, int blockBits = BlockBits)
    {
        double m = blockBits * 1024.0, n = m / bitsPerKey;
        int best = 1;
        double bestFpr = double.MaxValue;
        for (int k = 1; k <= 32; k++)
        {
            double f = BlockedFpr(m, n, k, blockBits);
            if (f < bestFpr) { bestFpr = f; best = k; }
        }
        return best;
    }

    /// <summary>Bits per key for a target rate with the optimal k: <c>-ln p / (ln 2)^2</c> (about 1.44 log2(1/p)).</summary>
    public static double BitsPerKeyFor(double targetFpr)
    {
        if (!(targetFpr > 0 && targetFpr < 1)) throw new ArgumentOutOfRangeException(nameof(targetFpr), targetFpr, "target false-positive rate must be in (0, 1)");
        return -Math.Log(targetFpr) / (Math.Log(2) * Math.Log(2));
    }

    /// <summary>ln(1 + x), accurate for tiny x (where 1 + x rounds to 1) by the series x - x²/2 + x³/3.</summary>
    private static double Log1P(double x) => Math.Abs(x) < 1e-4 ? x - x * x / 2 + x * x * x / 3 : Math.Log(1 + x);

    private static double ClassicFprOrZero(double m, int n, int k) => n == 0 ? 0 : ClassicFpr(m, n, k);

    private static double LogFactorial(int i) => MathNet.Numerics.SpecialFunctions.FactorialLn(i);
}
