using Workbench.Workloads;
using Workbench.Experiments.Heaps;
using Workbench.Heaps;

namespace Workbench.Tests.Heaps;

/// <summary>
/// The claims of Johnson (1975) and LaMarca &amp; Ladner (1996) on the quick <c>heaps/cache-lines</c>
/// run: fewer levels and fewer cache lines for d = 4, at about the comparisons of d = 2.
/// </summary>
public class HeapClaimTests
{
    private static readonly Lazy<ResultTable> Quick = new(() => new CacheLinesExperiment().Run(new CacheLinesExperiment().Quick, seed: 42).Table);

    [Fact]
    public void Every_counting_claim_holds_on_the_quick_run()
    {
        var checks = HeapClaims.Check(Quick.Value);
        Assert.Equal(5, checks.Count);
        Assert.All(checks, c => Assert.True(c.Holds, $"{c.Claim}: {c.Measured}; expected {c.Expected}"));
    }

    [Fact]
    public void A_4_ary_heap_has_about_half_the_levels_of_a_binary_heap_at_every_size()
    {
        var t = Quick.Value;
        foreach (var n in t.Distinct("n"))
        {
            double l2 = (double)t.Where("n", n).Where("arity", "2").Cell(0, "levels_per_pop");
            double l4 = (double)t.Where("n", n).Where("arity", "4").Cell(0, "levels_per_pop");
            Assert.InRange(l4 / l2, 0.4, 0.62);
        }
    }

    [Fact]
    public void Lines_touched_per_pop_fall_from_d_2_to_d_4_at_every_size()
    {
        var t = Quick.Value;
        foreach (var n in t.Distinct("n"))
            Assert.True((double)t.Where("n", n).Where("arity", "4").Cell(0, "lines_per_pop") < (double)t.Where("n", n).Where("arity", "2").Cell(0, "lines_per_pop"), $"n = {n}");
    }

    [Fact]
    public void The_counting_heap_does_exactly_the_comparisons_of_the_fast_heaps_algorithm()
    {
        // Same algorithm, so the same final order: drain both and compare.
        var counting = new CountingDaryHeap(4);
        var fast = new DaryHeap<Arity4>();
        var rng = new SplitMix64(3);
        for (int i = 0; i < 3000; i++) { long p = rng.Below(500); counting.Push(i, p); fast.Push(i, p); }
        Assert.Equal(fast.ToArray(), counting.ToArray());
        for (int i = 0; i < 3000; i++)
        {
            counting.Pop(out var top);
            Assert.Equal(fast.Pop(out long p), top.Id);
            Assert.Equal(p, top.Priority);
        }
    }

    [Fact]
    public void Same_seed_gives_byte_identical_csv_and_another_seed_differs()
    {
        var e = new CacheLinesExperiment();
        var p = e.Quick with { Sizes = [500, 5_000], Operations = 1_000 };
        Assert.Equal(e.Run(p, seed: 9).Table.ToCsv(), e.Run(p, seed: 9).Table.ToCsv());
        Assert.NotEqual(e.Run(p, seed: 9).Table.ToCsv(), e.Run(p, seed: 10).Table.ToCsv());
    }

    [Theory]
    [InlineData("arities", "1")]
    [InlineData("sizes", "1")]
    [InlineData("operations", "0")]
    public void Bad_parameters_are_rejected_naming_the_parameter(string name, string value)
    {
        var e = Assert.Throws<ParameterException>(() => ParameterBinder.Bind(new CacheLinesExperiment().Defaults, [new(name, value)]));
        Assert.Contains(name, e.Message);
    }

    [Fact]
    public void The_experiment_is_registered_under_the_heaps_paper()
    {
        Assert.Contains(ExperimentRegistry.Library.ForPaper("heaps"), e => e.Id == "heaps/cache-lines");
        Assert.NotNull(Papers.Find("heaps"));
    }
}

public class HeapPrinterTests
{
    [Fact]
    public void A_toy_4_ary_heap_prints_as_array_and_tree()
    {
        var heap = new DaryHeap<Arity4>();
        foreach (var (p, i) in new long[] { 5, 3, 8, 1, 9, 2 }.Select((p, i) => (p, i))) heap.Push(i, p);
        var slots = heap.ToArray();
        Assert.Equal("[0]=1 | [1]=2 [2]=8 [3]=3 [4]=9 | [5]=5", HeapPrinter.Array(slots, 4));
        Assert.Equal("1  (slot 0)\n├─ 2  (slot 1)\n│  └─ 5  (slot 5)\n├─ 8  (slot 2)\n├─ 3  (slot 3)\n└─ 9  (slot 4)\n", HeapPrinter.Tree(slots, 4));
    }
}
