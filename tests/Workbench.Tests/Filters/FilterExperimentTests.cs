using Workbench.Experiments;
using Workbench.Experiments.BinaryFuse;
using Workbench.Experiments.Cuckoo;
using Workbench.Experiments.FilterComparison;
using Workbench.Experiments.Xor;

namespace Workbench.Tests.Filters;

/// <summary>The experiments of the cuckoo, xor, binary fuse and comparison pages: deterministic, their claims hold in small runs, bad parameters are named.</summary>
public class FilterExperimentTests
{
    private static readonly CuckooFprParameters SmallCuckoo = new(1L << 14, 0.94, [6, 10], 200_000, 0.95);
    private static readonly StaticFilterSpaceParameters SmallSpace = new([1000, 20_000], [8, 16], 2, 200_000, 0.95);
    private static readonly FprVsSpaceParameters SmallComparison = new(20_000, [6, 12], [8, 12], 0.94, [8, 16], 200_000, 0.95);

    [Fact]
    public void Every_filter_experiment_gives_byte_identical_csv_for_the_same_seed()
    {
        var load = new LoadFactorExperiment();
        var loadParameters = load.Quick with { Slots = [1L << 10, 1L << 12], Trials = 2 };
        Assert.Equal(load.Run(loadParameters, 3).Table.ToCsv(), load.Run(loadParameters, 3).Table.ToCsv());
        var cuckoo = new CuckooFprExperiment();
        Assert.Equal(cuckoo.Run(SmallCuckoo, 3).Table.ToCsv(), cuckoo.Run(SmallCuckoo, 3).Table.ToCsv());
        Assert.NotEqual(cuckoo.Run(SmallCuckoo, 3).Table.ToCsv(), cuckoo.Run(SmallCuckoo, 4).Table.ToCsv());
        foreach (IExperiment e in new IExperiment[] { new XorSpaceExperiment(), new BinaryFuseSpaceExperiment() })
            Assert.Equal(e.Run(SmallSpace, 5).Table.ToCsv(), e.Run(SmallSpace, 5).Table.ToCsv());
        var comparison = new FprVsSpaceExperiment();
        Assert.Equal(comparison.Run(SmallComparison, 6).Table.ToCsv(), comparison.Run(SmallComparison, 6).Table.ToCsv());
    }

    [Fact]
    public void Cuckoo_claims_hold_in_the_quick_profile()
    {
        var load = new LoadFactorExperiment();
        var fpr = new CuckooFprExperiment();
        var checks = FilterClaims.Cuckoo(load.Run(load.Quick, 42).Table, fpr.Run(fpr.Quick, 42).Table);
        Assert.All(checks, c => Assert.True(c.Holds, $"{c.Claim}: {c.Measured} (expected {c.Expected})"));
    }

    [Theory]
    [InlineData("xor")]
    [InlineData("fuse")]
    public void Static_filter_claims_hold_in_the_quick_profile(string kind)
    {
        StaticFilterSpaceExperiment e = kind == "xor" ? new XorSpaceExperiment() : new BinaryFuseSpaceExperiment();
        var p = e.Quick with { Keys = [10_000, 1_000_000], NegativeProbes = 500_000 };
        var checks = FilterClaims.Static(e.Run(p, 42).Table, e.PaperRatio);
        Assert.All(checks, c => Assert.True(c.Holds, $"{c.Claim}: {c.Measured} (expected {c.Expected})"));
    }

    [Fact]
    public void Comparison_claims_hold_and_the_floor_is_below_every_filter()
    {
        var e = new FprVsSpaceExperiment();
        var t = e.Run(SmallComparison with { Keys = 100_000 }, 42).Table;
        var checks = FilterClaims.Comparison(t);
        Assert.All(checks, c => Assert.True(c.Holds, $"{c.Claim}: {c.Measured} (expected {c.Expected})"));
        for (int r = 0; r < t.RowCount; r++)
        {
            if ((string)t.Cell(r, "filter") == FprVsSpaceExperiment.Bound) continue;
            double bits = (double)t.Cell(r, "bits_per_key");
            Assert.True((double)t.Cell(r, "ci_high") >= Math.Pow(2, -bits), $"row {r} beats the information-theoretic floor");
        }
    }

    [Fact]
    public void Bad_parameters_are_named()
    {
        Assert.Contains(new CuckooFprExperiment().Quick with { Slots = 1000 } is var p ? p.Validate() : [], m => m.StartsWith("slots"));
        Assert.Contains((SmallSpace with { FingerprintBits = [12] }).Validate(), m => m.StartsWith("fingerprint_bits"));
        Assert.Contains((SmallComparison with { CuckooLoad = 0.99 }).Validate(), m => m.StartsWith("cuckoo_load"));
        Assert.Contains((new LoadFactorExperiment().Quick with { Slots = [100] }).Validate(), m => m.StartsWith("slots"));
    }
}
