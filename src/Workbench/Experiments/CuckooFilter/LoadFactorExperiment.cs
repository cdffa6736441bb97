using Workbench.Filters;
using Workbench.Hashing;

namespace Workbench.Experiments.Cuckoo;

/// <summary>Parameters of <c>cuckoo-filter/load-factor</c>.</summary>
/// <param name="Slots">Table sizes in slots (powers of two, at least 8; 4 slots per bucket).</param>
/// <param name="Trials">Seeded tables filled per size.</param>
/// <param name="FingerprintBits">f; the load reached hardly depends on it once tags rarely collide.</param>
public sealed record LoadFactorParameters(long[] Slots, int Trials, int FingerprintBits) : IExperimentParameters
{
    public IEnumerable<string> Validate()
    {
        if (Slots is null || Slots.Length == 0) yield return "slots must list at least one size";
        else foreach (var s in Slots)
        {
            if (s < 8 || s > 1L << 26 || (s & (s - 1)) != 0) { yield return $"slots values must be powers of two between 8 and 67108864 (got {s})"; break; }
        }
        foreach (var e in Check.InRange("trials", Trials, 1, 1000)) yield return e;
        foreach (var e in Check.InRange("fingerprint_bits", FingerprintBits, 1, 16)) yield return e;
    }

    public override string ToString() => $"slots={ParameterBinder.Format(Slots)}, trials={Trials}, fingerprint_bits={FingerprintBits}";
}

/// <summary>
/// <c>cuckoo-filter/load-factor</c>: fill a cuckoo filter with fresh keys until the first insert
/// runs out of its 500 kicks, and record the load α = keys / slots reached. Fan et al. (section 5.1,
/// figure 5 and table 3) report about 95% for 4-way buckets (84% for b = 2, 98% for b = 8).
/// Deterministic: keys and eviction choices come from the seed.
/// </summary>
public sealed class LoadFactorExperiment : Experiment<LoadFactorParameters>
{
    /// <summary>The paper's maximum load for b = 4 (section 5.1).</summary>
    public const double PublishedLoad = 0.955;

    public override string Id => "cuckoo-filter/load-factor";
    public override string Title => "Load factor reached before the first failed insert";

    public override LoadFactorParameters Defaults { get; } = new([1L << 10, 1L << 12, 1L << 14, 1L << 16, 1L << 18, 1L << 20], 10, 12);
    public override LoadFactorParameters Quick { get; } = new([1L << 10, 1L << 12, 1L << 14, 1L << 16], 4, 12);

    protected override ResultTable Execute(LoadFactorParameters p, int seed, IProgress<ExperimentProgress>? progress, CancellationToken cancellation)
    {
        var table = new ResultTable("slots", "buckets", "fingerprint_bits", "trials", "mean_load", "min_load", "max_load", "published_load");
        long done = 0;
        foreach (long slots in p.Slots)
        {
            progress?.Report(new ExperimentProgress(done, p.Slots.Length, $"{slots:N0} slots"));
            var loads = new List<double>();
            for (int t = 0; t < p.Trials; t++)
            {
                cancellation.ThrowIfCancellationRequested();
                loads.Add(LoadAtFailure(slots, p.FingerprintBits, seed * 1000 + t));
            }
            table.AddRow(slots, slots / CuckooFilter.BucketSize, p.FingerprintBits, p.Trials, loads.Average(), loads.Min(), loads.Max(), PublishedLoad);
            progress?.Report(new ExperimentProgress(++done, p.Slots.Length, $"{slots:N0} slots"));
        }
        return table;
    }

    /// <summary>Fills a table of <paramref name="slots"/> slots until an insert parks its entry in the victim slot; the load then (victim not counted).</summary>
    public static double LoadAtFailure(long slots, int fingerprintBits, int seed)
    {
        // Capacity of exactly 96% of the slots makes BucketCountFor pick slots / 4 buckets.
        var f = new CuckooFilter((long)(slots * 0.96), fingerprintBits, seed);
        if (f.SlotCount != slots) throw new InvalidOperationException($"sizing gave {f.SlotCount} slots, expected {slots}");
        var keys = KeyStream.Members(seed);
        for (long i = 0; !f.IsFull; i++) f.TryAdd(keys[i]);
        return f.LoadFactor;
    }

    public override IReadOnlyList<FigureSpec> Figures(LoadFactorParameters p) =>
    [
        new FigureSpec(
            "load-factor",
            $"Cuckoo filter load at the first failed insert (b = 4, 500 kicks, {p.Trials} tables per size)",
            new AxisSpec("slots", "table size (slots)", Log: true),
            new AxisSpec("mean_load", "load factor at failure (fraction of slots)"),
            [
                new SeriesSpec("mean_load", "measured (mean, min to max)", SeriesStyle.Measured, "min_load", "max_load"),
                new SeriesSpec("published_load", "paper: about 95%", SeriesStyle.Published),
            ]),
    ];
}
