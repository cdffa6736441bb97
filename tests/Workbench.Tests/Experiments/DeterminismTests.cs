using Workbench.Experiments.Bloom;

namespace Workbench.Tests.Experiments;

/// <summary>Same parameters and seed give byte-identical results for accuracy experiments.</summary>
public class DeterminismTests
{
    private static readonly FprVsBitsParameters Small = new FprVsBitsExperiment().Quick with { Keys = 20_000, NegativeProbes = 200_000 };

    [Fact]
    public void Fpr_vs_bits_gives_byte_identical_csv_for_the_same_seed()
    {
        var e = new FprVsBitsExperiment();
        string first = e.Run(Small, seed: 123).Table.ToCsv();
        string second = e.Run(Small, seed: 123).Table.ToCsv();
        Assert.Equal(first, second);
    }

    [Fact]
    public void Fpr_vs_bits_changes_with_the_seed()
    {
        var e = new FprVsBitsExperiment();
        Assert.NotEqual(e.Run(Small, seed: 1).Table.ToCsv(), e.Run(Small, seed: 2).Table.ToCsv());
    }

    [Fact]
    public void Fpr_vs_k_gives_byte_identical_csv_for_the_same_seed()
    {
        var e = new FprVsKExperiment();
        var p = e.Quick with { Keys = 10_000, NegativeProbes = 100_000, HashCounts = [1, 5, 9] };
        Assert.Equal(e.Run(p, seed: 9).Table.ToCsv(), e.Run(p, seed: 9).Table.ToCsv());
    }

    [Fact]
    public void Progress_is_reported_to_completion()
    {
        var e = new FprVsKExperiment();
        var p = e.Quick with { Keys = 1_000, NegativeProbes = 10_000, HashCounts = [1, 2] };
        var seen = new List<ExperimentProgress>();
        e.Run(p, 1, new SyncProgress(seen.Add));
        Assert.Equal(4, seen[^1].Done);
        Assert.Equal(4, seen[^1].Total);
    }

    private sealed class SyncProgress(Action<ExperimentProgress> report) : IProgress<ExperimentProgress>
    {
        public void Report(ExperimentProgress value) => report(value);
    }
}
