using MathNet.Numerics.Distributions;
using Workbench.Workloads;

namespace Workbench.Tests.Workloads;

/// <summary><see cref="ZipfOrder"/>: distinct, deterministic, and Zipf-weighted sampling without replacement.</summary>
public class ZipfOrderTests
{
    [Theory]
    [InlineData(1, 1.0)]
    [InlineData(1000, 0.99)]
    [InlineData(500, 0.0)]
    [InlineData(300, 2.0)]
    public void All_n_ranks_form_a_permutation_of_1_to_n(int n, double s)
    {
        var ranks = ZipfOrder.Ranks(n, s, n, seed: 3);
        Assert.Equal(Enumerable.Range(1, n), ranks.Order());
    }

    [Fact]
    public void A_prefix_of_a_large_n_is_distinct_and_in_range()
    {
        var ranks = ZipfOrder.Ranks(1_000_000, 0.99, 20_000, seed: 7);
        Assert.Equal(20_000, ranks.Distinct().Count());
        Assert.All(ranks, r => Assert.InRange(r, 1, 1_000_000));
    }

    [Fact]
    public void Same_seed_gives_the_same_order_and_a_shorter_count_is_its_prefix()
    {
        var a = ZipfOrder.Ranks(10_000, 0.99, 2_000, seed: 11);
        Assert.Equal(a, ZipfOrder.Ranks(10_000, 0.99, 2_000, seed: 11));
        Assert.Equal(a[..500], ZipfOrder.Ranks(10_000, 0.99, 500, seed: 11));
        Assert.NotEqual(a, ZipfOrder.Ranks(10_000, 0.99, 2_000, seed: 12));
    }

    /// <summary>
    /// Skew: the first 1,000 of 10,000 ranks (s = 0.99) hold most of the 100 hottest ranks and few of
    /// the coldest 5,000, where a uniform order would hold about a tenth of each.
    /// </summary>
    [Fact]
    public void Hot_ranks_come_first()
    {
        var first = ZipfOrder.Ranks(10_000, 0.99, 1_000, seed: 42);
        int hot = first.Count(r => r <= 100), cold = first.Count(r => r > 5_000);
        Assert.True(hot >= 80, $"{hot} of the 100 hottest ranks among the first 1,000");
        Assert.True(cold <= 300, $"{cold} of the 5,000 coldest ranks among the first 1,000 (uniform: 500)");
        var uniform = ZipfOrder.Ranks(10_000, 0.0, 1_000, seed: 42);
        Assert.InRange(uniform.Count(r => r <= 100), 0, 30);
    }

    /// <summary>
    /// The first rank is a Zipf draw: Pearson's chi-square over 20,000 seeds against MathNet's PMF stays
    /// below its 99.9% quantile; the first two ranks are (1, 2) with probability
    /// p1 · p2 / (1 - p1), the second step of sampling without replacement (within 4 standard errors).
    /// </summary>
    [Fact]
    public void The_order_is_successive_zipf_sampling_without_replacement()
    {
        const int n = 30, seeds = 20_000;
        const double s = 1.0;
        var counts = new long[n + 1];
        int pairs = 0;
        for (int seed = 0; seed < seeds; seed++)
        {
            var r = ZipfOrder.Ranks(n, s, 2, seed);
            counts[r[0]]++;
            if (r[0] == 1 && r[1] == 2) pairs++;
        }
        double chi = 0;
        for (int k = 1; k <= n; k++)
        {
            double expected = seeds * Zipf.PMF(s, n, k);
            chi += (counts[k] - expected) * (counts[k] - expected) / expected;
        }
        Assert.True(chi < ChiSquared.InvCDF(n - 1, 0.999), $"chi-square {chi:0.0} of the first rank");
        double p1 = Zipf.PMF(s, n, 1), p2 = Zipf.PMF(s, n, 2), pPair = p1 * p2 / (1 - p1);
        double se = Math.Sqrt(pPair * (1 - pPair) / seeds);
        Assert.InRange(pairs / (double)seeds, pPair - 4 * se, pPair + 4 * se);
    }

    [Theory]
    [InlineData(0, 1.0, 0, "n")]
    [InlineData(10, -1.0, 5, "exponent")]
    [InlineData(10, double.PositiveInfinity, 5, "exponent")]
    [InlineData(10, 1.0, 11, "count")]
    [InlineData(10, 1.0, -1, "count")]
    public void Bad_arguments_name_the_parameter(int n, double s, int count, string parameter)
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => ZipfOrder.Ranks(n, s, count, 0));
        Assert.Equal(parameter, e.ParamName);
    }
}
