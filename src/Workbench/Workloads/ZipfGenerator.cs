namespace Workbench.Workloads;

/// <summary>
/// Seeded Zipf-distributed ranks: rank k in 1..n is drawn with probability
/// <c>k^-s / H(n, s)</c>, where <c>H(n, s) = Σ_{i=1..n} i^-s</c>. The cumulative distribution is
/// computed once (O(n) time and 8n bytes) and each sample is one uniform double and a binary search
/// over it (O(log n), about 50 ns at a million ranks). MathNet.Numerics' <c>Zipf.Sample</c>
/// recomputes the distribution on every call (about 1.2 ms per sample at 100,000 ranks), which is
/// why workloads use this type; the tests check it against MathNet's probability mass function.
/// Rank 1 is the most frequent; callers map ranks to keys (for example through a seeded
/// permutation, so that hot keys are not also the smallest ones).
/// </summary>
public sealed class ZipfGenerator
{
    private readonly double[] _cdf;
    private SplitMix64 _random;

    /// <param name="n">Number of ranks, 1 to 2^28.</param>
    /// <param name="exponent">s, at least 0 (0 is uniform; 0.99 and 1.0 are the usual cache-trace skews).</param>
    /// <param name="seed">Seed of the uniform source; the same seed gives the same ranks.</param>
    public ZipfGenerator(int n, double exponent, long seed)
    {
        if (n < 1 || n > 1 << 28) throw new ArgumentOutOfRangeException(nameof(n), n, "n (the number of ranks) must be between 1 and 2^28");
        if (!(exponent >= 0 && double.IsFinite(exponent))) throw new ArgumentOutOfRangeException(nameof(exponent), exponent, "the Zipf exponent s must be a finite number of at least 0");
        N = n;
        Exponent = exponent;
        _cdf = new double[n];
        double sum = 0;
        for (int k = 1; k <= n; k++)
        {
            sum += Math.Pow(k, -exponent);
            _cdf[k - 1] = sum;
        }
        for (int k = 0; k < n; k++) _cdf[k] /= sum;
        _cdf[n - 1] = 1.0;
        _random = new SplitMix64(seed);
    }

    /// <summary>The number of ranks n.</summary>
    public int N { get; }

    /// <summary>The exponent s.</summary>
    public double Exponent { get; }

    /// <summary>The probability of rank <paramref name="k"/> (1-based), from the precomputed distribution.</summary>
    public double Probability(int k)
    {
        if (k < 1 || k > N) throw new ArgumentOutOfRangeException(nameof(k), k, $"rank must be between 1 and {N}");
        return k == 1 ? _cdf[0] : _cdf[k - 1] - _cdf[k - 2];
    }

    /// <summary>The next rank, 1..n: the smallest k with CDF(k) &gt; u for a uniform u in [0, 1).</summary>
    public int Next()
    {
        double u = _random.NextDouble();
        int lo = 0, hi = _cdf.Length - 1;
        while (lo < hi)
        {
            int mid = (lo + hi) >>> 1;
            if (_cdf[mid] > u) hi = mid; else lo = mid + 1;
        }
        return lo + 1;
    }

    /// <summary>Fills <paramref name="ranks"/> with the next ranks.</summary>
    public void Fill(Span<int> ranks)
    {
        for (int i = 0; i < ranks.Length; i++) ranks[i] = Next();
    }
}
