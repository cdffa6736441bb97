using BenchmarkDotNet.Attributes;
using Workbench.Sketches;

namespace Workbench.Benchmarks.Sketches;

/// <summary>
/// Question: what do a HyperLogLog add (hash plus one register update, dense representation) and
/// an estimate (a pass over the m registers) cost at several precisions? Adds run 16,384 uniform
/// random keys into a sketch already filled with them (steady state: most registers already at
/// their maximum); the reference twin's add is timed beside it.
/// </summary>
public class HyperLogLogByPrecision
{
    private ulong[] _keys = [];
    private HyperLogLog? _sketch;
    private ReferenceHyperLogLog? _reference;

    [ParamsSource(nameof(PrecisionValues))]
    public int Precision { get; set; }

    public static IEnumerable<int> PrecisionValues => SketchSweep.Precisions;

    [GlobalSetup]
    public void Setup()
    {
        _keys = SketchSweep.Keys();
        _sketch = new HyperLogLog(Precision, seed: 1, sparse: false);
        _reference = new ReferenceHyperLogLog(Precision, seed: 1);
        foreach (var k in _keys) { _sketch.Add(k); _reference.Add(k); }
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = SketchSweep.KeyCount)]
    public void Add()
    {
        var s = _sketch!;
        foreach (var k in _keys) s.Add(k);
    }

    [Benchmark(OperationsPerInvoke = SketchSweep.KeyCount)]
    public void ReferenceAdd()
    {
        var s = _reference!;
        foreach (var k in _keys) s.Add(k);
    }

    [Benchmark]
    public double Estimate() => _sketch!.Estimate();
}
