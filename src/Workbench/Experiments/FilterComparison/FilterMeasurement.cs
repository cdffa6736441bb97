using Workbench.Experiments.Bloom;
using Workbench.Hashing;
using Workbench.Statistics;

namespace Workbench.Experiments.FilterComparison;

/// <summary>
/// False-positive measurement for any filter given by its lookup: confirm every member is reported
/// present (a false negative is a bug and throws), then count the "maybe" answers over absent keys
/// (stream 1 of <see cref="KeyStream"/>, never equal to a member). As <see cref="FprMeasurement"/>
/// for the Bloom filters, which have an <c>Add</c>; the static filters are built from their keys.
/// </summary>
public static class FilterMeasurement
{
    /// <summary>The first <paramref name="count"/> member keys of a seed.</summary>
    public static ulong[] Members(int seed, long count)
    {
        var s = KeyStream.Members(seed);
        var keys = new ulong[count];
        for (long i = 0; i < count; i++) keys[i] = s[i];
        return keys;
    }

    public static FprSample Measure(Func<ulong, bool> mayContain, ReadOnlySpan<ulong> members, long probes, int seed, double confidence, string filter, CancellationToken cancellation = default)
    {
        for (int i = 0; i < members.Length; i++)
        {
            if (!mayContain(members[i]))
                throw new InvalidOperationException($"false negative: member key {i} of seed {seed} reported absent by {filter}");
        }
        cancellation.ThrowIfCancellationRequested();
        var absent = KeyStream.NonMembers(seed);
        long fp = 0;
        for (long i = 0; i < probes; i++)
        {
            if (mayContain(absent[i])) fp++;
            if ((i & 0xFFFFF) == 0) cancellation.ThrowIfCancellationRequested();
        }
        var (lo, hi) = BinomialInterval.Wilson(fp, probes, confidence);
        return new FprSample(fp, probes, (double)fp / probes, lo, hi);
    }

    /// <summary>|measured - theory| in binomial standard deviations.</summary>
    public static double Deviations(long falsePositives, long probes, double theory)
    {
        double sd = Math.Sqrt(probes * theory * (1 - theory));
        return sd == 0 ? (falsePositives == 0 ? 0 : double.PositiveInfinity) : Math.Abs(falsePositives - probes * theory) / sd;
    }
}
