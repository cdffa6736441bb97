using Workbench.Experiments.FilterComparison;
using Workbench.Filters;

namespace Workbench.Experiments.BinaryFuse;

/// <summary>
/// <c>binary-fuse-filter/space</c>: bits per key, false-positive rate and construction retries of
/// the 3-wise binary fuse filter (Graf &amp; Lemire 2022) for 8- and 16-bit fingerprints. The claims:
/// about 1.125 f bits per key at a million keys or more (the size factor
/// <c>max(1.125, 0.875 + 0.25 ln(10^6) / ln n)</c> of the reference code is larger for small n), a
/// false-positive rate of 2^-f, and construction that rarely retries.
/// </summary>
public sealed class BinaryFuseSpaceExperiment : StaticFilterSpaceExperiment
{
    public override string Id => "binary-fuse-filter/space";
    public override string Title => "Binary fuse filter";
    protected override string FilterName => "binary-fuse";
    public override double PaperRatio => 1.125;
    public override long SlotsFor(long keys) => BinaryFuseFilter<byte>.Sizing.For(keys).ArrayLength;
    public override IStaticMembershipFilter Build(ReadOnlySpan<ulong> keys, int fingerprintBits, long seed) => StaticFilters.BinaryFuse(keys, fingerprintBits, seed);
}
