using Workbench.Workloads;
using Workbench.Heaps;

namespace Workbench.Benchmarks.Heaps;

/// <summary>
/// What the heap benchmarks share: the heap names used in parameters and tables, the benchmark
/// method of each, seeded priorities, and the sweep settings that the in-process experiments set
/// for the duration of a run (under <see cref="Gate"/>, since they are process-wide; an
/// out-of-process BenchmarkDotNet run always sees the defaults).
/// </summary>
public static class HeapFixture
{
    public const string D2 = "d2", D4 = "d4", D8 = "d8", Pairing = "pairing", PriorityQueue = "priority-queue", D4Lazy = "d4-lazy";

    /// <summary>Heaps of the push/pop and decrease-key workloads (PriorityQueue has no decrease-key and only takes part in push/pop).</summary>
    public static readonly string[] HeapNames = [D2, D4, D8, Pairing, PriorityQueue];

    /// <summary>Queues of the Dijkstra runs: decrease-key with our heaps, lazy deletion with PriorityQueue and with our 4-ary heap.</summary>
    public static readonly string[] DijkstraNames = [D2, D4, D8, Pairing, PriorityQueue, D4Lazy];

    /// <summary>The benchmark method that measures each queue.</summary>
    public static string MethodOf(string heap) => heap switch
    {
        D2 => "D2", D4 => "D4", D8 => "D8", Pairing => "Pairing", PriorityQueue => "PriorityQueue", D4Lazy => "D4Lazy",
        _ => throw new ArgumentException($"unknown heap '{heap}'", nameof(heap)),
    };

    /// <summary>Seed of every benchmark's priorities and graphs: timings do not depend on which values are drawn.</summary>
    public const int Seed = 42;

    /// <summary>Priorities (and hold increments) uniform in [0, 2^40), as in <c>heaps/cache-lines</c>.</summary>
    public static long[] Priorities(int count, int stream)
    {
        var rng = new SplitMix64(Seed * 1_000_003L + stream);
        var p = new long[count];
        for (int i = 0; i < count; i++) p[i] = (long)(rng.Next() % Experiments.Heaps.CacheLinesExperiment.PriorityRange);
        return p;
    }

    /// <summary>Held by whoever changes the sweep settings below for a run.</summary>
    public static readonly Lock Gate = new();

    /// <summary>Heap sizes of <see cref="HeapHoldBySize"/> and <see cref="HeapDecreaseKeyBySize"/>: 10^3 (L1) to 10^7 (160 MB, far past L3).</summary>
    public static readonly int[] DefaultSizes = [1_000, 10_000, 100_000, 1_000_000, 10_000_000];

    public static IReadOnlyList<int> Sizes { get; set; } = DefaultSizes;

    /// <summary>Graph families of <see cref="DijkstraBenchmarks"/>.</summary>
    public static IReadOnlyList<string> Graphs { get; set; } = GraphGenerator.Names;

    /// <summary>Node counts of <see cref="DijkstraBenchmarks"/>: 10^5 nodes, 5·10^5 edges (random) or 4·10^5 (grid).</summary>
    public static readonly int[] DefaultNodes = [100_000];

    public static IReadOnlyList<int> Nodes { get; set; } = DefaultNodes;
}
