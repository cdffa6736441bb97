namespace Workbench.Benchmarks.Bloom;

/// <summary>
/// The sizes and memory the size-sweep benchmarks (<see cref="BloomLookupBySize"/>,
/// <see cref="BloomInsertBySize"/>) read through their <c>ParamsSource</c>. The command line uses
/// the defaults; the in-process <c>bloom/throughput</c> experiment sets them for the duration of a
/// run (under <see cref="Gate"/>, since they are process-wide). An out-of-process benchmark run
/// always sees the defaults.
/// </summary>
public static class BloomSweep
{
    /// <summary>Held by whoever changes the sweep for a run.</summary>
    public static readonly Lock Gate = new();

    public static IReadOnlyList<long> FilterBytes { get; set; } = BloomFixture.DefaultFilterBytes;

    public static double BitsPerKey { get; set; } = BloomFixture.DefaultBitsPerKey;
}
