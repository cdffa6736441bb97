using Workbench.Experiments.FilterComparison;
using Workbench.Filters;

namespace Workbench.Experiments.Xor;

/// <summary>
/// <c>xor-filter/space</c>: bits per key, false-positive rate and construction retries of the
/// xor filter (Graf &amp; Lemire 2020) for 8- and 16-bit fingerprints. The claims: about 1.23 f bits
/// per key (section 3: capacity 1.23 n + 32, so the ratio tends to 1.23 from above), a
/// false-positive rate of 2^-f, and construction that rarely needs a second seed (1.23 lies above
/// the peeling threshold of random 3-hypergraphs, about 1.222, so peeling succeeds with a
/// probability that grows with n).
/// </summary>
public sealed class XorSpaceExperiment : StaticFilterSpaceExperiment
{
    public override string Id => "xor-filter/space";
    public override string Title => "Xor filter";
    protected override string FilterName => "xor";
    public override double PaperRatio => 1.23;
    public override long SlotsFor(long keys) => 3L * XorFilter<byte>.BlockLengthFor(keys);
    public override IStaticMembershipFilter Build(ReadOnlySpan<ulong> keys, int fingerprintBits, long seed) => StaticFilters.Xor(keys, fingerprintBits, seed);
}
