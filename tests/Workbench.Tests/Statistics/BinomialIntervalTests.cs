using Workbench.Statistics;

namespace Workbench.Tests.Statistics;

public class BinomialIntervalTests
{
    [Fact]
    public void Wilson_interval_matches_published_values()
    {
        // Newcombe (1998), Table I: 0/10 -> (0, 0.2775); 1/10 -> (0.0179, 0.4042), 95%.
        var (lo0, hi0) = BinomialInterval.Wilson(0, 10);
        Assert.Equal(0, lo0, 4);
        Assert.Equal(0.2775, hi0, 4);
        var (lo1, hi1) = BinomialInterval.Wilson(1, 10);
        Assert.Equal(0.0179, lo1, 4);
        Assert.Equal(0.4042, hi1, 4);
    }

    [Fact]
    public void Bad_arguments_are_rejected()
    {
        Assert.Equal("trials", Assert.Throws<ArgumentOutOfRangeException>(() => BinomialInterval.Wilson(0, 0)).ParamName);
        Assert.Equal("successes", Assert.Throws<ArgumentOutOfRangeException>(() => BinomialInterval.Wilson(11, 10)).ParamName);
        Assert.Equal("confidence", Assert.Throws<ArgumentOutOfRangeException>(() => BinomialInterval.Wilson(1, 10, 1)).ParamName);
    }
}
