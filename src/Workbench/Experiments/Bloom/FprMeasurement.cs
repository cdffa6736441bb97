using Workbench.Filters;
using Workbench.Hashing;
using Workbench.Statistics;

namespace Workbench.Experiments.Bloom;

/// <summary>The two filters the Bloom experiments compare, by the names used in parameters and tables.</summary>
public static class BloomFilters
{
    public const string Classic = "classic";
    public const string Blocked = "blocked";
    public static readonly string[] Names = [Classic, Blocked];

    /// <summary>The filter's own optimal k at this memory: <c>round((m/n) ln 2)</c> for classic, the minimiser of the Poisson-mixture rate for blocked.</summary>
    public static int OptimalHashCount(string filter, double bitsPerKey) =>
        filter == Blocked ? BloomMath.OptimalBlockedHashCount(bitsPerKey) : BloomMath.OptimalHashCount(bitsPerKey);

    public static IMembershipFilter Create(string filter, long bits, int k, long seed) => filter switch
    {
        Classic => new BloomFilter(bits, k, seed),
        Blocked => new BlockedBloomFilter(bits, k, seed),
        _ => throw new ArgumentException($"unknown filter '{filter}'", nameof(filter)),
    };

    public static double TheoryFpr(string filter, double bits, double keys, int k) =>
        filter == Blocked ? BloomMath.BlockedFpr(bits, keys, k) : BloomMath.ClassicFpr(bits, keys, k);
}

/// <summary>One measured false-positive rate with its confidence interval.</summary>
public readonly record struct FprSample(long FalsePositives, long Probes, double Fpr, double CiLow, double CiHigh);

/// <summary>
/// Measures a filter's false-positive rate the direct way: insert n member keys, confirm every
/// one is reported present (a false negative is a bug and throws), then query keys known to be
/// absent and count the "maybe" answers.
/// </summary>
public static class FprMeasurement
{
    public static FprSample Measure(IMembershipFilter filter, long keys, long probes, int seed, double confidence, CancellationToken cancellation = default)
    {
        var members = KeyStream.Members(seed);
        for (long i = 0; i < keys; i++) filter.Add(members[i]);
        for (long i = 0; i < keys; i++)
        {
            if (!filter.MayContain(members[i]))
                throw new InvalidOperationException($"false negative: member key {i} of seed {seed} reported absent by {filter.GetType().Name}");
        }
        cancellation.ThrowIfCancellationRequested();
        var absent = KeyStream.NonMembers(seed);
        long fp = 0;
        for (long i = 0; i < probes; i++)
        {
            if (filter.MayContain(absent[i])) fp++;
            if ((i & 0xFFFFF) == 0) cancellation.ThrowIfCancellationRequested();
        }
        var (lo, hi) = BinomialInterval.Wilson(fp, probes, confidence);
        return new FprSample(fp, probes, (double)fp / probes, lo, hi);
    }
}
