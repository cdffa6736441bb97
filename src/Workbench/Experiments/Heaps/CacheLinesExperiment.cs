using Workbench.Workloads;
using Workbench.Heaps;

namespace Workbench.Experiments.Heaps;

/// <summary>Parameters of <c>heaps/cache-lines</c>.</summary>
/// <param name="Sizes">Heap sizes n: the heap is filled to n, then held there.</param>
/// <param name="Arities">The d values to compare (2 to 64).</param>
/// <param name="Operations">Pop-then-push pairs counted at each size (the "hold" workload).</param>
public sealed record CacheLinesParameters(long[] Sizes, int[] Arities, int Operations) : IExperimentParameters
{
    public IEnumerable<string> Validate()
    {
        if (Sizes is null || Sizes.Length == 0) yield return "sizes must list at least one size";
        else if (Sizes.Any(s => s < 2 || s > 50_000_000)) yield return $"sizes values must be between 2 and 50000000 (got {string.Join(",", Sizes)})";
        foreach (var e in Check.AllInRange("arities", Arities ?? [], 2, 64)) yield return e;
        foreach (var e in Check.Positive("operations", Operations)) yield return e;
    }

    public override string ToString() => $"sizes={ParameterBinder.Format(Sizes)}, arities={ParameterBinder.Format(Arities)}, operations={Operations}";
}

/// <summary>
/// <c>heaps/cache-lines</c>: why d = 4 wins, counted rather than timed. A d-ary heap of n
/// random priorities is held at size n by pop-then-push pairs (the "hold" model of Jones 1986,
/// which LaMarca &amp; Ladner 1996 also use); <see cref="CountingDaryHeap"/> counts, per pop, the
/// comparisons, the levels the hole moves and the distinct 64-byte lines of the slot array touched.
/// Theory (Johnson 1975): a pop moves down about log_d n levels doing d comparisons each, so
/// d·log_d n comparisons, which is smallest at d = 3 and grows slowly with d; but the lines touched
/// are about one per level while d·16 bytes fit in a line (LaMarca &amp; Ladner 1996), so d = 4
/// touches half the lines of d = 2 for a third more comparisons, and d = 8 saves levels but pays
/// two lines per level. Deterministic: the priorities come from the seed.
/// </summary>
public sealed class CacheLinesExperiment : Experiment<CacheLinesParameters>
{
    public override string Id => "heaps/cache-lines";
    public override string Title => "Comparisons and cache lines touched per pop of a d-ary heap against n";

    public override CacheLinesParameters Defaults { get; } = new([1_000, 10_000, 100_000, 1_000_000, 10_000_000], [2, 4, 8], 100_000);
    public override CacheLinesParameters Quick { get; } = new([1_000, 10_000, 100_000], [2, 4, 8], 5_000);

    /// <summary>
    /// Initial priorities are uniform in [0, 2^40); each push is the popped priority plus an
    /// increment uniform in [0, 2^40), the hold model of Jones (1986). Pushing fresh uniform
    /// priorities instead would let the heap's content drift above them, so every pushed entry
    /// would climb to the root and be popped at once, along a path already in cache.
    /// </summary>
    public const long PriorityRange = 1L << 40;

    public static readonly string[] Columns =
    [
        "heap", "arity", "n", "operations",
        "comparisons_per_pop", "theory_comparisons_per_pop", "levels_per_pop", "theory_levels_per_pop",
        "lines_per_pop", "theory_lines_per_pop", "unaligned_lines_per_pop",
        "comparisons_per_push", "lines_per_push",
    ];

    protected override ResultTable Execute(CacheLinesParameters p, int seed, IProgress<ExperimentProgress>? progress, CancellationToken cancellation)
    {
        var table = new ResultTable(Columns);
        long total = (long)p.Arities.Length * p.Sizes.Length, done = 0;
        foreach (int d in p.Arities)
        {
            foreach (long n in p.Sizes)
            {
                string stage = $"d = {d}, n = {n:N0}";
                progress?.Report(new ExperimentProgress(done, total, stage));
                var rng = new SplitMix64(seed);
                var heap = new CountingDaryHeap(d);
                for (int i = 0; i < n; i++) heap.Push(i, (long)(rng.Next() % PriorityRange));
                long comparisons = 0, levels = 0, lines = 0, unaligned = 0, pushComparisons = 0, pushLines = 0;
                for (int op = 0; op < p.Operations; op++)
                {
                    var pop = heap.Pop(out var top);
                    comparisons += pop.Comparisons; levels += pop.Levels; lines += pop.Lines; unaligned += pop.UnalignedLines;
                    var push = heap.Push(top.Id, top.Priority + (long)(rng.Next() % PriorityRange));
                    pushComparisons += push.Comparisons; pushLines += push.Lines;
                    if ((op & 0xFFF) == 0) cancellation.ThrowIfCancellationRequested();
                }
                double ops = p.Operations, logd = Math.Log(n) / Math.Log(d);
                table.AddRow($"d={d}", d, n, p.Operations,
                    comparisons / ops, d * logd, levels / ops, logd,
                    lines / ops, TheoryLinesPerPop(d, n), unaligned / ops,
                    pushComparisons / ops, pushLines / ops);
                progress?.Report(new ExperimentProgress(++done, total, stage));
            }
        }
        return table;
    }

    /// <summary>
    /// ceil(16d/64) lines of children per level over log_d n levels (LaMarca &amp; Ladner 1996,
    /// aligned layout), plus the root's line and the line of the last slot, whose entry fills the hole.
    /// </summary>
    public static double TheoryLinesPerPop(int d, long n) =>
        Math.Ceiling(d * (double)CountingDaryHeap.EntryBytes / HeapStorage.LineBytes) * Math.Log(n) / Math.Log(d) + 2;

    public override IReadOnlyList<FigureSpec> Figures(CacheLinesParameters p) =>
    [
        new FigureSpec(
            "cache-lines",
            $"Cache lines touched per pop of a d-ary heap (16-byte entries, 64-byte lines, aligned; {p.Operations:N0} pops per point)",
            new AxisSpec("n", "heap size n (elements)", Log: true),
            new AxisSpec("lines_per_pop", "distinct 64-byte lines touched per pop"),
            [
                new SeriesSpec("lines_per_pop", "measured"),
                new SeriesSpec("theory_lines_per_pop", "theory ⌈16d/64⌉·log_d n + 2", SeriesStyle.Theory),
            ],
            GroupBy: "heap"),
        new FigureSpec(
            "comparisons",
            $"Comparisons per pop of a d-ary heap ({p.Operations:N0} pops per point; theory for d = 2 and 4 coincide)",
            new AxisSpec("n", "heap size n (elements)", Log: true),
            new AxisSpec("comparisons_per_pop", "comparisons per pop"),
            [
                new SeriesSpec("comparisons_per_pop", "measured"),
                new SeriesSpec("theory_comparisons_per_pop", "theory d·log_d n", SeriesStyle.Theory),
            ],
            GroupBy: "heap"),
    ];
}
