using Workbench.Experiments.Bloom;

namespace Workbench.Tests.Charts;

/// <summary>Small real results shared by the chart tests (a few hundred milliseconds to compute).</summary>
internal static class ChartTestData
{
    public static readonly FprVsKExperiment FprVsK = new();

    public static FprVsKParameters TinyFprVsK => FprVsK.Quick with { Keys = 2_000, NegativeProbes = 20_000, HashCounts = [1, 2, 4, 7, 10] };

    public static ExperimentResult RunTinyFprVsK() => FprVsK.Run(TinyFprVsK, seed: 42);

    /// <summary>A fresh empty directory under the system temp folder.</summary>
    public static string TempDirectory()
    {
        var dir = Path.Combine(Path.GetTempPath(), "workbench-tests-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        return dir;
    }
}
