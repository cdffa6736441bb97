using Workbench.Experiments;
using Workbench.Fuzzing;

namespace Workbench.Fuzz;

/// <summary>Parameters of <c>fuzzing/coverage-vs-executions</c>.</summary>
/// <param name="Target">The fuzz target (see <c>workbench fuzz list</c>), run in a SharpFuzz-instrumented copy of the library.</param>
/// <param name="Strategies">Which of coverage-guided, blind-mutation, random-bytes to run.</param>
/// <param name="Executions">Inputs per strategy, seeds included.</param>
/// <param name="SampleEvery">A row every this many executions.</param>
/// <param name="Seeds">"minimal": start from the single byte '0', so that any structure must be discovered; "valid": start from the target's small valid inputs.</param>
public sealed record CoverageParameters(string Target, string[] Strategies, long Executions, long SampleEvery, string Seeds) : IExperimentParameters
{
    public IEnumerable<string> Validate()
    {
        var parsers = FuzzTargets.All.Where(t => t.Name == "parameter-binder" || t.Name.StartsWith("trace-", StringComparison.Ordinal)).Select(t => t.Name).ToList();
        if (!parsers.Contains(Target ?? "")) yield return $"target: '{Target}' is not a parser target (known: {string.Join(", ", parsers)})";
        foreach (var e in Check.OneOf("strategies", Strategies ?? [], FuzzStrategy.All)) yield return e;
        if (Executions is < 1 or > 10_000_000) yield return $"executions must be between 1 and 10000000 (got {Executions})";
        foreach (var e in Check.OneOf("seeds", [Seeds ?? ""], "minimal", "valid")) yield return e;
        if (SampleEvery < 1) yield return $"sample_every must be positive (got {SampleEvery})";
        else if (Executions / SampleEvery > 10_000) yield return $"sample_every {SampleEvery} gives more than 10000 rows for {Executions} executions";
    }
}

/// <summary>
/// <c>fuzzing/coverage-vs-executions</c>: distinct edges of a SharpFuzz-instrumented copy of the
/// library reached by three ways of choosing inputs, on the same target with the same seeds, mutations
/// and number of executions: AFL's coverage-guided loop (Zalewski, technical_details.txt: keep a
/// mutant that reaches a new edge or hit-count bucket), the same mutations without feedback, and
/// Miller et al.'s (CACM 1990) random byte strings. The edge map is read in process
/// (<see cref="InstrumentedTargets"/>); the loop is <see cref="CoverageLoop"/>. Edge ids come from the
/// instrumentation, so counts are comparable within a run, across strategies; not marked
/// deterministic because the instrumenter numbers blocks itself.
/// </summary>
public sealed class CoverageExperiment : Experiment<CoverageParameters>
{
    public override string Id => "fuzzing/coverage-vs-executions";

    public override string Title => "Edges reached against executions: coverage-guided, blind mutation, random bytes";

    public override bool Deterministic => false;

    public override CoverageParameters Defaults { get; } = new("trace-arc", FuzzStrategy.All, 20_000, 200, "minimal");

    public override CoverageParameters Quick { get; } = new("trace-arc", FuzzStrategy.All, 3_000, 100, "minimal");

    public static readonly string[] Columns = ["target", "seeds", "strategy", "executions", "edges", "corpus", "crashes"];

    protected override ResultTable Execute(CoverageParameters p, int seed, IProgress<ExperimentProgress>? progress, CancellationToken cancellation)
    {
        var lib = InstrumentedTargets.Instance;
        var target = FuzzTargets.Find(p.Target)!;
        // Warm up: the seeds run once before any strategy, so that one-time initialisation inside the
        // parsers is not credited to the strategy that happens to run first.
        foreach (var s0 in target.Seeds) lib.Execute(p.Target, s0);
        IReadOnlyList<byte[]> seeds = p.Seeds == "valid" ? target.Seeds : [[(byte)'0']];
        var table = new ResultTable(Columns);
        long total = p.Executions * p.Strategies.Length;
        for (int s = 0; s < p.Strategies.Length; s++)
        {
            var strategy = p.Strategies[s];
            long before = s * p.Executions;
            var points = CoverageLoop.Run(strategy, data => lib.Execute(p.Target, data), lib, seeds, p.Executions, p.SampleEvery, seed,
                done =>
                {
                    cancellation.ThrowIfCancellationRequested();
                    progress?.Report(new ExperimentProgress(before + done, total, strategy));
                });
            foreach (var pt in points) table.AddRow(p.Target, p.Seeds, pt.Strategy, pt.Executions, (long)pt.Edges, (long)pt.Corpus, pt.Crashes);
        }
        return table;
    }

    public override IReadOnlyList<FigureSpec> Figures(CoverageParameters p) =>
    [
        new("edges-vs-executions", $"Edges reached in {p.Target}: coverage feedback against blind inputs",
            new AxisSpec("executions", "executions (inputs run)", Log: true),
            new AxisSpec("edges", "distinct edges reached (SharpFuzz edge map)"),
            [new SeriesSpec("edges", "edges")],
            GroupBy: "strategy"),
    ];
}

/// <summary>The experiments of the fuzzing paper, registered by the command line beside the library's.</summary>
public static class FuzzExperiments
{
    public static IExperiment[] All { get; } = [new CoverageExperiment()];
}
