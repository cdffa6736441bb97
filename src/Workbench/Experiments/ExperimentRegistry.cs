namespace Workbench.Experiments;

/// <summary>
/// Experiments by stable id. The library registers its own in <see cref="Library"/>; front ends
/// add experiments from other assemblies (BenchmarkDotNet-backed throughput experiments live in
/// Workbench.Benchmarks) with <see cref="With"/>.
/// </summary>
public sealed class ExperimentRegistry
{
    private readonly List<IExperiment> _experiments;

    public ExperimentRegistry(IEnumerable<IExperiment> experiments)
    {
        _experiments = [.. experiments];
        var dup = _experiments.GroupBy(e => e.Id).FirstOrDefault(g => g.Count() > 1);
        if (dup is not null) throw new ArgumentException($"Experiment id '{dup.Key}' registered twice.");
        foreach (var e in _experiments)
        {
            if (Papers.Find(e.PaperId) is null) throw new ArgumentException($"Experiment '{e.Id}' names unknown paper '{e.PaperId}'.");
        }
    }

    /// <summary>The experiments implemented in this library (accuracy experiments).</summary>
    public static ExperimentRegistry Library { get; } = new([
        new Bloom.FprVsBitsExperiment(),
        new Bloom.FprVsKExperiment(),
        new Treap.DepthVsNExperiment(),
        new Treap.DepthDistributionExperiment(),
        new Treap.RotationsExperiment(),
        new Heaps.CacheLinesExperiment(),
        new CountMin.ErrorVsWidthExperiment(),
        new CountMin.ErrorVsDepthExperiment(),
        new CountMin.HeavyHittersExperiment(),
        new HyperLogLog.ErrorVsCardinalityExperiment(),
        new HyperLogLog.ErrorVsMemoryExperiment(),
        new TinyLfu.HitRatioVsSizeExperiment(),
        new TinyLfu.AdaptivityExperiment(),
        new TinyLfu.PeerSeedsExperiment(),
        new Cuckoo.LoadFactorExperiment(),
        new Cuckoo.CuckooFprExperiment(),
        new Xor.XorSpaceExperiment(),
        new BinaryFuse.BinaryFuseSpaceExperiment(),
        new FilterComparison.FprVsSpaceExperiment(),
        new TinyLfu.SketchErrorExperiment(),
        new Raft.ElectionTimeExperiment(),
        new Raft.FaultsExperiment(),
        new Raft.ThroughputLatencyExperiment(),
    ]);

    public ExperimentRegistry With(params IExperiment[] more) => new(_experiments.Concat(more));

    public IReadOnlyList<IExperiment> All => _experiments;

    public IExperiment? Find(string id) => _experiments.FirstOrDefault(e => e.Id == id);

    public IReadOnlyList<IExperiment> ForPaper(string paperId) => _experiments.Where(e => e.PaperId == paperId).ToList();
}
