namespace Workbench.Benchmarks.Sketches;

/// <summary>
/// The sizes the sketch benchmarks read through their <c>ParamsSource</c>. The command line uses
/// the defaults; the in-process <c>count-min/throughput</c> and <c>hyperloglog/throughput</c>
/// experiments set them for the duration of a run, under <see cref="Gate"/>.
/// </summary>
public static class SketchSweep
{
    public static readonly Lock Gate = new();

    /// <summary>BitFaster's <c>maximumSize</c> S: its table is 8·S bytes (S rounded up to a power of two); every sketch gets that memory.</summary>
    public static readonly IReadOnlyList<long> DefaultCountMinSizes = [1L << 10, 1L << 16, 1L << 22];

    public static readonly IReadOnlyList<int> DefaultPrecisions = [10, 14, 18];

    public static IReadOnlyList<long> CountMinSizes { get; set; } = DefaultCountMinSizes;

    public static IReadOnlyList<int> Precisions { get; set; } = DefaultPrecisions;

    /// <summary>Keys each benchmark invocation runs through (uniform random 64-bit keys, fixed seed).</summary>
    public const int KeyCount = 1 << 14;

    public static ulong[] Keys()
    {
        var random = new Workloads.SplitMix64(20260101);
        var keys = new ulong[KeyCount];
        for (int i = 0; i < keys.Length; i++) keys[i] = random.Next();
        return keys;
    }
}
