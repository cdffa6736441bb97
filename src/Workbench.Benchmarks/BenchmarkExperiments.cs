using Workbench.Benchmarks.Bloom;
using Workbench.Benchmarks.Treap;
using Workbench.Experiments;

namespace Workbench.Benchmarks;

/// <summary>The experiments whose measurements come from BenchmarkDotNet (throughput curves), registered by the front ends beside <see cref="ExperimentRegistry.Library"/>.</summary>
public static class BenchmarkExperiments
{
    public static IExperiment[] All { get; } = [new BloomThroughputExperiment(), new TreapThroughputExperiment(), new Heaps.HeapThroughputExperiment(), new Heaps.DijkstraExperiment(),
        new TinyLfu.TinyLfuThroughputExperiment(),
        new Sketches.CountMinThroughputExperiment(),
        new Sketches.HyperLogLogThroughputExperiment()];

    /// <summary>Every experiment: the library's accuracy experiments and the benchmark-backed ones.</summary>
    public static ExperimentRegistry Registry { get; } = ExperimentRegistry.Library.With(All);
}
