namespace Workbench.Benchmarks.Treap;

/// <summary>
/// The grid <see cref="TreapOperationsBySize"/> reads through its <c>ParamsSource</c>: the command line
/// uses the defaults; the in-process <c>treap/throughput</c> experiment sets them for the duration of a
/// run (under <see cref="Gate"/>, since they are process-wide).
/// </summary>
public static class TreapSweep
{
    /// <summary>Held by whoever changes the grid for a run.</summary>
    public static readonly Lock Gate = new();

    public static IReadOnlyList<long> Keys { get; set; } = [1_000, 100_000];

    public static IReadOnlyList<string> Orders { get; set; } = TreapFixture.Orders;

    public static IReadOnlyList<string> Structures { get; set; } = TreapFixture.Structures;

    public static IReadOnlyList<string> Operations { get; set; } = TreapFixture.Operations;
}
