using Workbench.Experiments.Bloom;
using Workbench.Experiments.Cuckoo;
using Workbench.Filters;

namespace Workbench.Experiments.FilterComparison;

/// <summary>Parameters of <c>filters/fpr-vs-space</c>.</summary>
/// <param name="Keys">n, keys per filter (the cuckoo filter holds <c>cuckoo_load</c> times its power-of-two slot count, at most n).</param>
/// <param name="BloomBitsPerKey">Memory budgets of the classic and blocked Bloom filters (each at its optimal k).</param>
/// <param name="CuckooFingerprintBits">Fingerprint sizes f of the cuckoo filter.</param>
/// <param name="CuckooLoad">The cuckoo filter's load (its maximum is about 0.955).</param>
/// <param name="FingerprintBits">Fingerprint sizes of the xor and binary fuse filters (8, 16).</param>
/// <param name="NegativeProbes">Lookups of absent keys per filter.</param>
/// <param name="Confidence">Two-sided level of the Wilson interval.</param>
public sealed record FprVsSpaceParameters(long Keys, int[] BloomBitsPerKey, int[] CuckooFingerprintBits, double CuckooLoad, int[] FingerprintBits, long NegativeProbes, double Confidence) : IExperimentParameters
{
    public IEnumerable<string> Validate()
    {
        foreach (var e in Check.InRange("keys", Keys, 1000, 20_000_000)) yield return e;
        foreach (var e in Check.AllInRange("bloom_bits_per_key", BloomBitsPerKey, 1, 40)) yield return e;
        foreach (var e in Check.AllInRange("cuckoo_fingerprint_bits", CuckooFingerprintBits, 1, 16)) yield return e;
        foreach (var e in Check.InRange("cuckoo_load", CuckooLoad, 0.05, 0.94)) yield return e;
        if (FingerprintBits is null || FingerprintBits.Length == 0 || FingerprintBits.Any(f => f is not (8 or 16)))
            yield return $"fingerprint_bits must list 8 and/or 16 (got {ParameterBinder.Format(FingerprintBits ?? [])})";
        foreach (var e in Check.Positive("negative_probes", NegativeProbes)) yield return e;
        foreach (var e in Check.InRange("confidence", Confidence, 0.5, 0.999999)) yield return e;
    }

    public override string ToString() =>
        $"keys={Keys}, bloom_bits_per_key={ParameterBinder.Format(BloomBitsPerKey)}, cuckoo_fingerprint_bits={ParameterBinder.Format(CuckooFingerprintBits)}, cuckoo_load={CuckooLoad}, fingerprint_bits={ParameterBinder.Format(FingerprintBits)}, negative_probes={NegativeProbes}, confidence={Confidence}";
}

/// <summary>
/// <c>filters/fpr-vs-space</c>: every membership filter of the workbench on one chart of
/// false-positive rate against memory, with the information-theoretic floor: a filter with
/// false-positive rate ε needs at least log2(1/ε) bits per key (Carter, Floyd, Gill, Markowsky &amp;
/// Wegman 1978), i.e. ε ≥ 2^-bits. The Bloom filters pay about 1.44 times the floor (classic) and
/// more (blocked); the cuckoo filter f/α plus the 3 bits that 2b costs; xor 1.23 times; binary fuse
/// 1.125 times. Each row is one filter at one memory budget, beside its closed form.
/// </summary>
public sealed class FprVsSpaceExperiment : Experiment<FprVsSpaceParameters>
{
    public const string Classic = "bloom", Blocked = "blocked-bloom", Cuckoo = "cuckoo", Xor = "xor", Fuse = "binary-fuse", Bound = "floor log2(1/ε)";

    public override string Id => "filters/fpr-vs-space";
    public override string Title => "False-positive rate against bits per key, all filters";

    public override FprVsSpaceParameters Defaults { get; } = new(1_000_000, [4, 6, 8, 10, 12, 14, 16, 18, 20], [4, 6, 8, 10, 12, 14, 16], 0.94, [8, 16], 10_000_000, 0.95);
    public override FprVsSpaceParameters Quick { get; } = new(100_000, [6, 10, 14, 18], [6, 10, 14], 0.94, [8, 16], 1_000_000, 0.95);

    public static readonly string[] Columns = ["filter", "parameter", "keys", "filter_bits", "bits_per_key", "probes", "false_positives", "fpr", "ci_low", "ci_high", "theory_fpr"];

    protected override ResultTable Execute(FprVsSpaceParameters p, int seed, IProgress<ExperimentProgress>? progress, CancellationToken cancellation)
    {
        var table = new ResultTable(Columns);
        var members = FilterMeasurement.Members(seed, p.Keys);
        long total = 2L * p.BloomBitsPerKey.Length + p.CuckooFingerprintBits.Length + 2L * p.FingerprintBits.Length, done = 0;
        void Report(string stage) => progress?.Report(new ExperimentProgress(done, total, stage));
        void Row(string filter, string parameter, long keys, long bits, FprSample s, double theory)
        {
            table.AddRow(filter, parameter, keys, bits, (double)bits / keys, s.Probes, s.FalsePositives, s.Fpr, s.CiLow, s.CiHigh, theory);
            done++;
        }

        foreach (var (name, bloomName) in new[] { (Classic, BloomFilters.Classic), (Blocked, BloomFilters.Blocked) })
        {
            foreach (int bpk in p.BloomBitsPerKey)
            {
                Report($"{name}, {bpk} bits per key");
                int k = BloomFilters.OptimalHashCount(bloomName, bpk);
                var filter = BloomFilters.Create(bloomName, p.Keys * bpk, k, seed);
                foreach (var key in members) filter.Add(key);
                var s = FilterMeasurement.Measure(filter.MayContain, members, p.NegativeProbes, seed, p.Confidence, name, cancellation);
                Row(name, $"k={k}", p.Keys, filter.SizeInBits, s, BloomFilters.TheoryFpr(bloomName, filter.SizeInBits, p.Keys, k));
            }
        }

        long slots = CuckooFilter.BucketCountFor(p.Keys) * CuckooFilter.BucketSize;
        long cuckooKeys = Math.Min(p.Keys, (long)(slots * p.CuckooLoad));
        var cuckooMembers = members.AsSpan(0, (int)cuckooKeys).ToArray();
        foreach (int f in p.CuckooFingerprintBits)
        {
            Report($"cuckoo, f = {f}");
            var filter = CuckooFprExperiment.Fill(slots, f, seed, cuckooMembers);
            var s = FilterMeasurement.Measure(filter.MayContain, cuckooMembers, p.NegativeProbes, seed, p.Confidence, "cuckoo", cancellation);
            Row(Cuckoo, $"f={f}", cuckooKeys, filter.SizeInBits, s, CuckooFilter.TheoryFpr(f, filter.LoadFactor));
        }

        foreach (var (name, build) in new (string, Func<ulong[], int, IStaticMembershipFilter>)[]
        {
            (Xor, (keys, f) => StaticFilters.Xor(keys, f, seed)),
            (Fuse, (keys, f) => StaticFilters.BinaryFuse(keys, f, seed)),
        })
        {
            foreach (int f in p.FingerprintBits)
            {
                Report($"{name}, f = {f}");
                var filter = build(members, f);
                var s = FilterMeasurement.Measure(filter.MayContain, members, p.NegativeProbes, seed, p.Confidence, name, cancellation);
                Row(name, $"f={f}", p.Keys, filter.SizeInBits, s, Math.Pow(2, -f));
            }
        }

        // The floor: eps = 2^-bits, drawn over the range of memory measured.
        double max = table.Doubles("bits_per_key").Max();
        for (int b = 2; b <= (int)Math.Ceiling(max); b += 2)
            table.AddRow(Bound, "", p.Keys, 0L, (double)b, 0L, 0L, double.NaN, double.NaN, double.NaN, Math.Pow(2, -b));
        progress?.Report(new ExperimentProgress(total, total, "done"));
        return table;
    }

    public override IReadOnlyList<FigureSpec> Figures(FprVsSpaceParameters p) =>
    [
        new FigureSpec(
            "fpr-vs-space",
            $"False-positive rate against memory, n = {p.Keys:N0} (cuckoo at load {p.CuckooLoad:P0})",
            new AxisSpec("bits_per_key", "memory (bits per key)"),
            new AxisSpec("fpr", "false-positive rate (fraction of absent keys)", Log: true),
            [
                new SeriesSpec("fpr", "measured", SeriesStyle.Measured, "ci_low", "ci_high"),
                new SeriesSpec("theory_fpr", "theory", SeriesStyle.Theory),
            ],
            GroupBy: "filter"),
    ];
}
