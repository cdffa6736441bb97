using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using Workbench.Experiments;

namespace Workbench.Benchmarks.Treap;

/// <summary>Parameters of <c>treap/throughput</c>.</summary>
/// <param name="Keys">Sizes n of the structures (10^3 to 10^7).</param>
/// <param name="Orders">Key orders: <c>sequential</c>, <c>random</c>, <c>zipf</c> (<see cref="TreapFixture"/>).</param>
/// <param name="Structures">Which ordered sets: <c>treap</c>, <c>sortedset</c>, <c>sorteddictionary</c>.</param>
/// <param name="Operations">Which operations: <c>insert</c>, <c>lookup</c>, <c>delete</c>, <c>range</c> (a scan of 100 consecutive keys; SortedDictionary has none).</param>
/// <param name="AllOrdersUpTo">Sizes above this are measured in the random order only (to shorten a run: each 10^7-key structure takes about 35 seconds to build in random order).</param>
/// <param name="Job">BenchmarkDotNet job: <c>dry</c> (smoke run, numbers not to be quoted), <c>short</c>, <c>sweep</c> (iterations scaled to n, <see cref="TreapThroughputExperiment.JobFor(string, long)"/>), <c>medium</c>, <c>default</c>; always one invocation per iteration.</param>
public sealed record TreapThroughputParameters(long[] Keys, string[] Orders, string[] Structures, string[] Operations, long AllOrdersUpTo, string Job) : IExperimentParameters
{
    public const long MinKeys = 1_000;
    public const long MaxKeys = 20_000_000;

    public IEnumerable<string> Validate()
    {
        if (Keys is null || Keys.Length == 0) yield return "keys must list at least one size";
        else if (Keys.FirstOrDefault(k => k < MinKeys || k > MaxKeys) is long bad && bad != 0)
            yield return $"keys values must be between {MinKeys} and {MaxKeys} (got {bad})";
        foreach (var e in Check.OneOf("orders", Orders ?? [], TreapFixture.Orders)) yield return e;
        foreach (var e in Check.OneOf("structures", Structures ?? [], TreapFixture.Structures)) yield return e;
        foreach (var e in Check.OneOf("operations", Operations ?? [], TreapFixture.Operations)) yield return e;
        foreach (var e in Check.Positive("all_orders_up_to", AllOrdersUpTo)) yield return e;
        foreach (var e in Check.OneOf("job", [Job ?? ""], InProcessBenchmark.JobNames)) yield return e;
    }

    public override string ToString() =>
        $"keys={ParameterBinder.Format(Keys)}, orders={ParameterBinder.Format(Orders)}, structures={ParameterBinder.Format(Structures)}, operations={ParameterBinder.Format(Operations)}, all_orders_up_to={AllOrdersUpTo}, job={Job}";
}

/// <summary>
/// <c>treap/throughput</c>: nanoseconds per insert, lookup, delete and 100-key range scan of our treap
/// against .NET's SortedSet&lt;long&gt; (a red-black tree) and SortedDictionary&lt;long, long&gt;, from
/// 10^3 to 10^7 keys, in sequential, random and Zipf key orders, measured by BenchmarkDotNet
/// (<see cref="TreapOperationsBySize"/>) in this process. Seidel &amp; Aragon (1996, section 1) offer
/// treaps as simple balanced trees whose expected costs match the deterministic ones; this measures
/// what that costs in practice: a treap's expected depth (about 1.39 log2 n) is above a red-black
/// tree's, but our treap's nodes are 24-byte structs in two arrays (the top of the tree apart) rather than heap objects.
/// Timing experiment: not deterministic; its keys come from <see cref="TreapFixture.Seed"/>.
/// </summary>
public sealed class TreapThroughputExperiment : Experiment<TreapThroughputParameters>
{
    public override string Id => "treap/throughput";
    public override string Title => "Treap against SortedSet and SortedDictionary: nanoseconds per operation against n";
    public override bool Deterministic => false;

    /// <summary>
    /// The issue's full grid: 10^3 to 10^7 keys (cache-resident to DRAM-bound) in the sequential, random
    /// and Zipf orders, every structure and operation, <c>sweep</c> job (<see cref="JobFor(string, long)"/>):
    /// 165 cases, about 8 minutes on an idle 2-core machine, of which about 2 minutes build the three
    /// 10^7-key structures in random order (twice: sequential builds its own).
    /// </summary>
    public override TreapThroughputParameters Defaults { get; } = new(
        [1_000, 10_000, 100_000, 1_000_000, 10_000_000], TreapFixture.Orders, TreapFixture.Structures, TreapFixture.Operations, 10_000_000, "sweep");

    public override TreapThroughputParameters Quick { get; } = new(
        [1_000], TreapFixture.Orders, TreapFixture.Structures, TreapFixture.Operations, 1_000_000, "dry");

    /// <summary>
    /// Columns of the result table: one row per structure, key order and n, with each operation's median
    /// nanoseconds per operation over the iterations, its first and third quartiles (the interquartile
    /// range, robust to the odd iteration slowed by other work on the machine), and the ratio of its
    /// median to SortedSet's at the same order and n (below 1: faster than SortedSet). NaN where an
    /// operation was not measured; the quartiles are NaN for the one-iteration dry job.
    /// </summary>
    public static readonly string[] Columns =
    [
        "structure", "order", "series", "keys",
        .. TreapFixture.Operations.SelectMany(op => new[] { $"{op}_ns", $"{op}_ns_q1", $"{op}_ns_q3", $"{op}_ratio_to_sortedset" }),
        "iterations", "job",
    ];

    /// <summary>
    /// The job of a name for structures of <paramref name="keys"/> keys: one invocation per iteration
    /// (the iteration cleanup restores the structure), and no forced full collection between iterations.
    /// BenchmarkDotNet forces one by default (<c>GcForce</c>); it happens outside the measured time, but a
    /// full collection of a SortedSet of 10^6 node objects takes long enough that it made each case take 5
    /// to 10 seconds instead of about 1, and the 10^7 grid unrunnable. The operations allocate little
    /// (SortedSet and SortedDictionary allocate a node per insert, SortedSet a view per range), and any
    /// collection they cause is theirs to pay. For <c>sweep</c>, the iteration count follows n: an
    /// insert batch at 10^3 keys is 125 operations (a few microseconds), so small sizes get 41
    /// iterations, 10^6 21 and larger 15, each after 4 warm-ups.
    /// </summary>
    public static Job JobFor(string name, long keys)
    {
        var job = InProcessBenchmark.JobFor(name).WithInvocationCount(1).WithUnrollFactor(1).WithGcForce(false);
        return name == "sweep" ? job.WithWarmupCount(4).WithIterationCount(IterationsFor(keys)) : job;
    }

    /// <summary>Measured iterations of the <c>sweep</c> job at <paramref name="keys"/> keys.</summary>
    public static int IterationsFor(long keys) => keys <= 100_000 ? 41 : keys <= 1_000_000 ? 21 : 15;

    protected override ResultTable Execute(TreapThroughputParameters p, int seed, IProgress<ExperimentProgress>? progress, CancellationToken cancellation)
    {
        var measured = new Dictionary<(string Structure, string Order, long Keys, string Operation), (double Median, double Q1, double Q3, int Iterations)>();
        var sizes = p.Keys.Distinct().Order().ToArray();
        var orders = p.Orders.Distinct().ToArray();
        var structures = p.Structures.Distinct().ToArray();
        var operations = p.Operations.Distinct().ToArray();
        int total = sizes.Sum(k => structures.Sum(s => operations.Count(op => TreapFixture.Supports(s, op))
            * orders.Count(o => k <= p.AllOrdersUpTo || o == TreapFixture.Random)));
        int done = 0;
        lock (TreapSweep.Gate)
        {
            var saved = (TreapSweep.Keys, TreapSweep.Orders, TreapSweep.Structures, TreapSweep.Operations);
            try
            {
                (TreapSweep.Orders, TreapSweep.Structures, TreapSweep.Operations) = (orders, structures, operations);
                foreach (long size in sizes)
                {
                    // One configuration per size: the sweep job's iteration count depends on n.
                    TreapSweep.Keys = [size];
                    var config = InProcessBenchmark.CreateConfig(JobFor(p.Job, size), typeof(TreapOperationsBySize).Assembly);
                    using var all = BenchmarkConverter.TypeToBenchmarks(typeof(TreapOperationsBySize), config);
                    var cases = all.BenchmarksCases
                        .Select(c => (Case: c, Structure: (string)c.Parameters["Structure"], Operation: (string)c.Parameters["Operation"],
                                      Order: (string)c.Parameters["Order"], Keys: (long)c.Parameters["Keys"]))
                        .Where(c => TreapFixture.Supports(c.Structure, c.Operation) && (c.Keys <= p.AllOrdersUpTo || c.Order == TreapFixture.Random))
                        // Grouped by build order, so that each structure is built once per size and build order
                        // (random and zipf share one) and all of them stay cached; then the structures of one
                        // (order, operation) run back to back, so that their ratio is measured within seconds
                        // rather than minutes apart (at 10^7 keys this machine's memory speed drifts over minutes).
                        .OrderBy(c => c.Order == TreapFixture.Sequential ? 1 : 0)
                        .ThenBy(c => Array.IndexOf(TreapFixture.Orders, c.Order))
                        .ThenBy(c => Array.IndexOf(TreapFixture.Operations, c.Operation))
                        .ThenBy(c => Array.IndexOf(TreapFixture.Structures, c.Structure))
                        .ToList();
                    foreach (var (c, structure, operation, order, keys) in cases)
                    {
                        cancellation.ThrowIfCancellationRequested();
                        string stage = $"{structure} {operation}, {order} order, n = {keys:N0}";
                        progress?.Report(new ExperimentProgress(done, total, stage));
                        // Built (or taken from the cache) here rather than in the case's global setup: a
                        // 10^7-key structure takes half a minute or more to build in random order, which
                        // would count against BenchmarkDotNet's in-process time limit for the case.
                        TreapFixture.Structure(structure, keys, order);
                        var summary = BenchmarkRunner.Run(new BenchmarkRunInfo([c], typeof(TreapOperationsBySize), all.Config));
                        var report = summary.Reports.FirstOrDefault()
                            ?? throw new InvalidOperationException($"BenchmarkDotNet produced no report for {stage}: {string.Join("; ", summary.ValidationErrors.Select(e => e.Message))}");
                        if (!report.Success || report.ResultStatistics is not { } s) throw new InvalidOperationException($"benchmark failed for {stage}");
                        int perInvocation = operation is TreapFixture.Insert or TreapFixture.Delete ? TreapFixture.UpdateCount(keys) : TreapFixture.OperationCount;
                        measured[(structure, order, keys, operation)] = s.N < 2
                            ? (s.Median / perInvocation, double.NaN, double.NaN, s.N)
                            : (s.Median / perInvocation, s.Q1 / perInvocation, s.Q3 / perInvocation, s.N);
                        progress?.Report(new ExperimentProgress(++done, total, stage));
                    }
                }
            }
            finally
            {
                (TreapSweep.Keys, TreapSweep.Orders, TreapSweep.Structures, TreapSweep.Operations) = saved;
                TreapFixture.Release();
            }
        }
        var table = new ResultTable(Columns);
        var points = measured.Keys.Select(k => (k.Structure, k.Order, k.Keys)).Distinct()
            .OrderBy(k => Array.IndexOf(TreapFixture.Structures, k.Structure)).ThenBy(k => Array.IndexOf(TreapFixture.Orders, k.Order)).ThenBy(k => k.Keys);
        foreach (var (structure, order, keys) in points)
        {
            var row = new List<object> { structure, order, $"{structure} {order}", keys };
            foreach (var op in TreapFixture.Operations)
            {
                var m = measured.TryGetValue((structure, order, keys, op), out var v) ? v : (Median: double.NaN, Q1: double.NaN, Q3: double.NaN, Iterations: 0);
                double ratio = measured.TryGetValue((TreapFixture.SortedSetName, order, keys, op), out var b) ? m.Median / b.Median : double.NaN;
                row.AddRange([m.Median, m.Q1, m.Q3, ratio]);
            }
            row.Add(measured.Where(e => e.Key.Structure == structure && e.Key.Order == order && e.Key.Keys == keys).Max(e => e.Value.Iterations));
            row.Add(p.Job);
            table.AddRow([.. row]);
        }
        return table;
    }

    public override IReadOnlyList<FigureSpec> Figures(TreapThroughputParameters p) =>
    [
        .. TreapFixture.Operations.Where(p.Operations.Contains).Select(op => new FigureSpec(
            $"throughput-{op}",
            $"{Describe(op)}: median nanoseconds per operation against n (one thread)",
            new AxisSpec("keys", "keys n", Log: true),
            new AxisSpec($"{op}_ns", op == TreapFixture.Range ? $"nanoseconds per scan of {TreapFixture.RangeWidth} keys" : "nanoseconds per operation", Log: true),
            [new SeriesSpec($"{op}_ns", "median, interquartile range", SeriesStyle.Measured, $"{op}_ns_q1", $"{op}_ns_q3")],
            GroupBy: "series")),
    ];

    private static string Describe(string op) => op switch
    {
        TreapFixture.Insert => "Insert",
        TreapFixture.Lookup => "Lookup of a present key",
        TreapFixture.Delete => "Delete",
        _ => $"Range scan ({TreapFixture.RangeWidth} consecutive keys)",
    };
}
