namespace Workbench.Statistics;

/// <summary>Summary statistics of a sample of independent replicates.</summary>
public static class SampleStatistics
{
    /// <summary>
    /// The sample standard deviation (divisor n − 1) of <paramref name="values"/> about their mean
    /// <paramref name="mean"/>, in two passes; 0 for fewer than two values.
    /// </summary>
    public static double StandardDeviation(double[] values, double mean) =>
        values.Length < 2 ? 0 : Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / (values.Length - 1));
}
