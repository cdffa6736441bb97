using Workbench.Experiments.Bloom;

namespace Workbench.Tests.Experiments;

/// <summary>The helpers behind the Bloom notebook: the printable toy filter and the claim checks.</summary>
public class BloomWalkthroughTests
{
    [Fact]
    public void Toy_filter_reports_every_added_key_and_finds_a_genuine_false_positive()
    {
        var toy = new ToyBloomFilter(bits: 64, hashCount: 3, seed: 42);
        ulong[] keys = [3, 14, 15, 92, 65];
        foreach (var k in keys) Assert.Equal(3, toy.Add(k).Count);
        Assert.All(keys, k => Assert.True(toy.MayContain(k)));
        var fp = toy.FirstFalsePositive(from: 100);
        Assert.NotNull(fp);
        Assert.DoesNotContain(fp.Value, keys);
        Assert.True(toy.MayContain(fp.Value));
        Assert.Contains("FALSE POSITIVE", toy.Explain(fp.Value));
    }

    [Fact]
    public void Toy_filter_prints_every_bit_and_its_fill_ratio_matches_the_printout()
    {
        var toy = new ToyBloomFilter(bits: 64, hashCount: 3, seed: 7);
        foreach (ulong k in new ulong[] { 1, 2, 3 }) toy.Add(k);
        string bits = string.Concat(toy.Render().Split('\n').Select(l => l.Length > 5 ? l[5..] : "")).Replace(" ", "");
        Assert.Equal(64, bits.Length);
        Assert.Equal(toy.FillRatio(), bits.Count(c => c == '1') / 64.0);
    }

    [Fact]
    public void Every_claim_holds_on_the_quick_parameters()
    {
        var bits = new FprVsBitsExperiment();
        var k = new FprVsKExperiment();
        var checks = BloomClaims.Check(bits.Run(bits.Quick, seed: 42).Table, k.Run(k.Quick, seed: 42).Table);
        Assert.Equal(5, checks.Count);
        Assert.All(checks, c => Assert.True(c.Holds, $"{c.Claim}: {c.Measured}; expected {c.Expected}"));
    }

    [Fact]
    public void A_claim_whose_data_is_missing_is_reported_as_not_measured()
    {
        var bits = new FprVsBitsExperiment();
        var k = new FprVsKExperiment();
        var p = bits.Quick with { Keys = 10_000, NegativeProbes = 100_000, BitsPerKey = [8, 12] };
        var kp = k.Quick with { Keys = 10_000, NegativeProbes = 100_000, HashCounts = [6, 7, 8] };
        var checks = BloomClaims.Check(bits.Run(p, seed: 1).Table, k.Run(kp, seed: 1).Table);
        Assert.Contains(checks, c => !c.Holds && c.Measured.StartsWith("not measured", StringComparison.Ordinal));
    }
}
