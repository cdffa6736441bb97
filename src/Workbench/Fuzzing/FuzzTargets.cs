namespace Workbench.Fuzzing;

/// <summary>
/// Every fuzz target by name: one per input parser (each trace reader, the parameter binder) and one
/// per fast implementation with a reference twin (differential targets). <c>workbench fuzz list</c>
/// prints them; <c>workbench fuzz run &lt;name&gt;</c> runs one under AFL++; the test suite replays
/// their saved inputs under <c>fuzz/regressions/&lt;name&gt;/</c>.
/// </summary>
public static class FuzzTargets
{
    public static IReadOnlyList<FuzzTarget> All { get; } = [
        ParameterBinderTarget.Create(),
        .. TraceReaderTargets.Create(),
        FuzzTarget.Differential(FilterDifferential.Classic()),
        FuzzTarget.Differential(FilterDifferential.Blocked()),
        FuzzTarget.Differential(new OrderedSetDifferential()),
        FuzzTarget.Differential(HeapDifferential.Dary2()),
        FuzzTarget.Differential(HeapDifferential.Dary4()),
        FuzzTarget.Differential(HeapDifferential.Dary8()),
        FuzzTarget.Differential(HeapDifferential.Indexed4()),
        FuzzTarget.Differential(HeapDifferential.Pairing()),
        FuzzTarget.Differential(new FrequencySketchDifferential()),
        FuzzTarget.Differential(new WindowTinyLfuDifferential(adaptive: false)),
        FuzzTarget.Differential(new WindowTinyLfuDifferential(adaptive: true)),
    ];

    /// <summary>The differential targets, for seeded random search (<see cref="IDifferentialTarget.Search"/>).</summary>
    public static IReadOnlyList<IDifferentialTarget> Differentials { get; } = [
        FilterDifferential.Classic(),
        FilterDifferential.Blocked(),
        new OrderedSetDifferential(),
        HeapDifferential.Dary2(),
        HeapDifferential.Dary4(),
        HeapDifferential.Dary8(),
        HeapDifferential.Indexed4(),
        HeapDifferential.Pairing(),
        new FrequencySketchDifferential(),
        new WindowTinyLfuDifferential(adaptive: false),
        new WindowTinyLfuDifferential(adaptive: true),
    ];

    public static FuzzTarget? Find(string name) => All.FirstOrDefault(t => t.Name == name);

    /// <summary>
    /// Runs target <paramref name="name"/> on <paramref name="data"/>: 0 accepted, 1 rejected; throws
    /// on a crash or divergence. A plain static entry point, so that an instrumented copy of this
    /// assembly loaded in its own context can be called by reflection.
    /// </summary>
    public static int Execute(string name, byte[] data) =>
        (int)(Find(name) ?? throw new ArgumentException($"unknown fuzz target '{name}'", nameof(name))).Execute(data);
}
