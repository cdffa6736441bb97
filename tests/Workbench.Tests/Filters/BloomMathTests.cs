using Workbench.Filters;

namespace Workbench.Tests.Filters;

public class BloomMathTests
{
    [Fact]
    public void Classic_rate_matches_the_textbook_value_at_ten_bits_per_key() =>
        Assert.Equal(0.00819, BloomMath.ClassicFpr(10_000_000, 1_000_000, 7), 5);

    [Fact]
    public void Classic_rate_is_the_exact_form_for_small_filters()
    {
        // (1 - (1 - 1/m)^(kn))^k with m = 100, n = 10, k = 3, computed directly.
        double expected = Math.Pow(1 - Math.Pow(1 - 1.0 / 100, 30), 3);
        Assert.Equal(expected, BloomMath.ClassicFpr(100, 10, 3), 12);
    }

    [Fact]
    public void Blocked_rate_agrees_with_the_exact_binomial_mixture()
    {
        // The Poisson mixture approximates Binomial(n, 1/blocks) block loads; for 200 blocks they agree closely.
        const int blocks = 200, k = 6;
        double m = blocks * 512.0, n = m / 10;
        double exact = 0;
        var binomial = new MathNet.Numerics.Distributions.Binomial(1.0 / blocks, (int)n);
        for (int i = 1; i <= 400; i++) exact += binomial.Probability(i) * BloomMath.ClassicFpr(512, i, k);
        Assert.Equal(exact, BloomMath.BlockedFpr(m, n, k), 4);
        Assert.InRange(BloomMath.BlockedFpr(m, n, k) / exact, 0.98, 1.02);
    }

    [Fact]
    public void Blocked_rate_approaches_classic_when_blocks_hold_many_keys()
    {
        double classic = BloomMath.ClassicFpr(1e6, 1e5, 7);
        double blocked = BloomMath.BlockedFpr(1e6, 1e5, 7, blockBits: 1 << 18);
        Assert.InRange(blocked / classic, 0.99, 1.01);
    }

    [Theory]
    [InlineData(10, 7)]
    [InlineData(4, 3)]
    [InlineData(20, 14)]
    public void Optimal_k_is_m_over_n_ln2_rounded(double bitsPerKey, int k) =>
        Assert.Equal(k, BloomMath.OptimalHashCount(bitsPerKey));

    [Fact]
    public void Sizing_from_a_target_rate_uses_1_44_log2_bits_per_key()
    {
        var s = BloomSizing.FromTargetFpr(1_000_000, 0.01);
        Assert.InRange(s.BitsPerKey, 9.58, 9.59);
        Assert.Equal(7, s.HashCount);
        Assert.True(BloomMath.ClassicFpr(s.Bits, s.ExpectedKeys, s.HashCount) <= 0.0101);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(1.0)]
    [InlineData(-0.5)]
    [InlineData(double.NaN)]
    public void Impossible_target_rates_are_rejected(double p)
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => BloomSizing.FromTargetFpr(100, p));
        Assert.Equal("targetFpr", e.ParamName);
    }

    [Fact]
    public void Impossible_sizes_are_rejected()
    {
        Assert.Equal("expectedKeys", Assert.Throws<ArgumentOutOfRangeException>(() => BloomSizing.FromBitsPerKey(0, 10)).ParamName);
        Assert.Equal("bitsPerKey", Assert.Throws<ArgumentOutOfRangeException>(() => BloomSizing.FromBitsPerKey(10, 0)).ParamName);
        Assert.Equal("hashCount", Assert.Throws<ArgumentOutOfRangeException>(() => new BloomFilter(1024, 0)).ParamName);
        Assert.Equal("bits", Assert.Throws<ArgumentOutOfRangeException>(() => new BloomFilter(10, 3)).ParamName);
        Assert.Equal("hashCount", Assert.Throws<ArgumentOutOfRangeException>(() => new BlockedBloomFilter(1024, 65)).ParamName);
    }
}
