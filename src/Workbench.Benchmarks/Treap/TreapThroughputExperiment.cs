using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using Workbench.Experiments;

namespace Workbench.Benchmarks.Treap;

/// <summary>Parameters of <c>treap/throughput</c>.</summary>
/// <param name="Keys">Sizes n of the structures (10^3 to 10^7).</param>
/// <param name="Orders">Key orders: <c>sequential</c>, <c>random</c>, <c>zipf</c> (<see cref="TreapFixture"/>).</param>
/// <param name="Structures">Which ordered sets: <c>treap</c>, <c>sortedset</c>, <c>sorteddictionary</c>.</param>
/// <param name="Operations">Which operations: <c>insert</c>, <c>lookup</c>, <c>delete</c>, <c>range</c> (a scan of 100 consecutive keys; SortedDictionary has none).</param>
/// <param name="AllOrdersUpTo">Sizes above this are measured in the random order only: building each 10^7-key structure takes seconds and a gigabyte, and the orders differ little there (see papers/treap/README.md).</param>
/// <param name="Job">BenchmarkDotNet job: <c>dry</c> (smoke run, numbers not to be quoted), <c>short</c>, <c>sweep</c>, <c>medium</c>, <c>default</c>; always one invocation per iteration.</param>
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
/// tree's, but our treap's nodes are 24-byte structs in one array rather than heap objects.
/// Timing experiment: not deterministic; its keys come from <see cref="TreapFixture.Seed"/>.
/// </summary>
public sealed class TreapThroughputExperiment : Experiment<TreapThroughputParameters>
{
    public override string Id => "treap/throughput";
    public override string Title => "Treap against SortedSet and SortedDictionary: nanoseconds per operation against n";
    public override bool Deterministic => false;

    /// <summary>
    /// 10^3, 10^5 and 10^6 keys (cache-resident, L2/L3-sized, DRAM-bound) in the random order, short job:
    /// a few minutes on 2 cores. Each case costs a few seconds of BenchmarkDotNet machinery in process,
    /// so the full grid (five sizes to 10^7, three orders) takes over a quarter of an hour; ask for it with
    /// <c>--set keys=1000,10000,100000,1000000,10000000 --set orders=sequential,random,zipf --set all_orders_up_to=1000000</c>.
    /// </summary>
    public override TreapThroughputParameters Defaults { get; } = new(
        [1_000, 100_000, 1_000_000], [TreapFixture.Random], TreapFixture.Structures, TreapFixture.Operations, 1_000_000, "short");

    public override TreapThroughputParameters Quick { get; } = new(
        [1_000], TreapFixture.Orders, TreapFixture.Structures, TreapFixture.Operations, 1_000_000, "dry");

    /// <summary>
    /// Columns of the result table: one row per structure, key order and n, with each operation's
    /// nanoseconds per operation (and BenchmarkDotNet's 99.9% interval) and its ratio to SortedSet at the
    /// same order and n (below 1: faster than SortedSet). NaN where an operation was not measured.
    /// </summary>
    public static readonly string[] Columns =
    [
        "structure", "order", "series", "keys",
        .. TreapFixture.Operations.SelectMany(op => new[] { $"{op}_ns", $"{op}_ns_ci_low", $"{op}_ns_ci_high", $"{op}_ratio_to_sortedset" }),
        "job",
    ];

    /// <summary>The job of a name, with one invocation per iteration (the iteration cleanup restores the structure).</summary>
    public static Job JobFor(string name) => InProcessBenchmark.JobFor(name).WithInvocationCount(1).WithUnrollFactor(1);

    protected override ResultTable Execute(TreapThroughputParameters p, int seed, IProgress<ExperimentProgress>? progress, CancellationToken cancellation)
    {
        var measured = new Dictionary<(string Structure, string Order, long Keys, string Operation), (double Mean, double Low, double High)>();
        var config = InProcessBenchmark.CreateConfig(JobFor(p.Job), typeof(TreapOperationsBySize).Assembly);
        lock (TreapSweep.Gate)
        {
            var saved = (TreapSweep.Keys, TreapSweep.Orders, TreapSweep.Structures, TreapSweep.Operations);
            try
            {
                (TreapSweep.Keys, TreapSweep.Orders, TreapSweep.Structures, TreapSweep.Operations) =
                    ([.. p.Keys.Distinct()], [.. p.Orders.Distinct()], [.. p.Structures.Distinct()], [.. p.Operations.Distinct()]);
                using var all = BenchmarkConverter.TypeToBenchmarks(typeof(TreapOperationsBySize), config);
                var cases = all.BenchmarksCases
                    .Select(c => (Case: c, Structure: (string)c.Parameters["Structure"], Operation: (string)c.Parameters["Operation"],
                                  Order: (string)c.Parameters["Order"], Keys: (long)c.Parameters["Keys"]))
                    .Where(c => TreapFixture.Supports(c.Structure, c.Operation) && (c.Keys <= p.AllOrdersUpTo || c.Order == TreapFixture.Random))
                    // Grouped so that each structure is built once per size and build order (random and zipf share one).
                    .OrderBy(c => c.Keys)
                    .ThenBy(c => Array.IndexOf(TreapFixture.Structures, c.Structure))
                    .ThenBy(c => c.Order == TreapFixture.Sequential ? 1 : 0)
                    .ThenBy(c => Array.IndexOf(TreapFixture.Orders, c.Order))
                    .ThenBy(c => Array.IndexOf(TreapFixture.Operations, c.Operation))
                    .ToList();
                for (int i = 0; i < cases.Count; i++)
                {
                    cancellation.ThrowIfCancellationRequested();
                    var (c, structure, operation, order, keys) = cases[i];
                    string stage = $"{structure} {operation}, {order} order, n = {keys:N0}";
                    progress?.Report(new ExperimentProgress(i, cases.Count, stage));
                    var summary = BenchmarkRunner.Run(new BenchmarkRunInfo([c], typeof(TreapOperationsBySize), all.Config));
                    var report = summary.Reports.FirstOrDefault()
                        ?? throw new InvalidOperationException($"BenchmarkDotNet produced no report for {stage}: {string.Join("; ", summary.ValidationErrors.Select(e => e.Message))}");
                    if (!report.Success) throw new InvalidOperationException($"benchmark failed for {stage}");
                    int perInvocation = operation is TreapFixture.Insert or TreapFixture.Delete ? TreapFixture.UpdateCount(keys) : TreapFixture.OperationCount;
                    var (mean, low, high) = InProcessBenchmark.Timing(report);
                    measured[(structure, order, keys, operation)] = (mean / perInvocation, low / perInvocation, high / perInvocation);
                    progress?.Report(new ExperimentProgress(i + 1, cases.Count, stage));
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
                var m = measured.TryGetValue((structure, order, keys, op), out var v) ? v : (double.NaN, double.NaN, double.NaN);
                double ratio = measured.TryGetValue((TreapFixture.SortedSetName, order, keys, op), out var b) ? m.Item1 / b.Mean : double.NaN;
                row.AddRange([m.Item1, m.Item2, m.Item3, ratio]);
            }
            row.Add(p.Job);
            table.AddRow([.. row]);
        }
        return table;
    }

    public override IReadOnlyList<FigureSpec> Figures(TreapThroughputParameters p) =>
    [
        .. TreapFixture.Operations.Where(p.Operations.Contains).Select(op => new FigureSpec(
            $"throughput-{op}",
            $"{Describe(op)}: nanoseconds per operation against n (one thread)",
            new AxisSpec("keys", "keys n", Log: true),
            new AxisSpec($"{op}_ns", op == TreapFixture.Range ? $"nanoseconds per scan of {TreapFixture.RangeWidth} keys" : "nanoseconds per operation", Log: true),
            [new SeriesSpec($"{op}_ns", "", SeriesStyle.Measured, $"{op}_ns_ci_low", $"{op}_ns_ci_high")],
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
