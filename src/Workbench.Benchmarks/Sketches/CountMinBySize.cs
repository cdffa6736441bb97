using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BitFaster.Caching.Lfu;
using Workbench.Sketches;

namespace Workbench.Benchmarks.Sketches;

/// <summary>
/// Question: how fast are count-min increments and estimates, per key, against BitFaster.Caching's
/// <c>CmSketch</c> (4-bit counters, depth 4, one 64-byte block per key, AVX2 where available) at
/// equal memory? Memory per case is BitFaster's table, 8·S bytes for <c>maximumSize</c> S:
/// <list type="bullet">
/// <item><c>Blocked</c>: <see cref="BlockedCountMinSketch"/>, S/8 blocks: the same design (4-bit, d = 4, one block per key), the comparable case;</item>
/// <item><c>Classic</c> and <c>Conservative</c>: <see cref="CountMinSketch"/> with 64-bit counters, d = 4 independent rows of w = S/4, so each key touches 4 cache lines: a different design at the same memory.</item>
/// </list>
/// BitFaster's increment also halves all counters every 10·S increments (TinyLFU's aging); that
/// amortised cost is part of its numbers, and the blocked sketch here does no aging. Keys: 16,384
/// uniform random 64-bit keys, one at a time in a loop.
/// </summary>
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class CountMinBySize
{
    private ulong[] _keys = [];
    private long[] _longKeys = [];
    private CmSketch<long>? _bitFaster;
    private BlockedCountMinSketch? _blocked;
    private CountMinSketch? _classic;
    private CountMinSketch? _conservative;

    [ParamsSource(nameof(SizeValues))]
    public long MaximumSize { get; set; }

    public static IEnumerable<long> SizeValues => SketchSweep.CountMinSizes;

    /// <summary>Bytes of counters every sketch of this case holds: 8 times S rounded up to a power of two.</summary>
    public static long BytesFor(long maximumSize) => 8L * (long)System.Numerics.BitOperations.RoundUpToPowerOf2((ulong)Math.Max(maximumSize, 8));

    [GlobalSetup]
    public void Setup()
    {
        _keys = SketchSweep.Keys();
        _longKeys = [.. _keys.Select(k => (long)k)];
        long bytes = BytesFor(MaximumSize);
        _bitFaster = new CmSketch<long>(MaximumSize, EqualityComparer<long>.Default);
        _blocked = new BlockedCountMinSketch(bytes / 64, seed: 1);
        int width = (int)(bytes / 8 / 4);
        _classic = new CountMinSketch(width, 4, seed: 1);
        _conservative = new CountMinSketch(width, 4, seed: 1, CountMinUpdate.Conservative);
        // Warm every sketch with one pass so that estimates read populated counters.
        foreach (var k in _keys) { _bitFaster.Increment((long)k); _blocked.Increment(k); _classic.Add(k); _conservative.Add(k); }
    }

    [GlobalCleanup]
    public void Cleanup() => (_bitFaster, _blocked, _classic, _conservative) = (null, null, null, null);

    [Benchmark(Baseline = true, OperationsPerInvoke = SketchSweep.KeyCount), BenchmarkCategory("increment")]
    public void BitFasterIncrement()
    {
        var s = _bitFaster!;
        foreach (var k in _longKeys) s.Increment(k);
    }

    [Benchmark(OperationsPerInvoke = SketchSweep.KeyCount), BenchmarkCategory("increment")]
    public void BlockedIncrement()
    {
        var s = _blocked!;
        foreach (var k in _keys) s.Increment(k);
    }

    [Benchmark(OperationsPerInvoke = SketchSweep.KeyCount), BenchmarkCategory("increment")]
    public void ClassicIncrement()
    {
        var s = _classic!;
        foreach (var k in _keys) s.Add(k);
    }

    [Benchmark(OperationsPerInvoke = SketchSweep.KeyCount), BenchmarkCategory("increment")]
    public void ConservativeIncrement()
    {
        var s = _conservative!;
        foreach (var k in _keys) s.Add(k);
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = SketchSweep.KeyCount), BenchmarkCategory("estimate")]
    public int BitFasterEstimate()
    {
        var s = _bitFaster!;
        int sum = 0;
        foreach (var k in _longKeys) sum += s.EstimateFrequency(k);
        return sum;
    }

    [Benchmark(OperationsPerInvoke = SketchSweep.KeyCount), BenchmarkCategory("estimate")]
    public int BlockedEstimate()
    {
        var s = _blocked!;
        int sum = 0;
        foreach (var k in _keys) sum += s.Estimate(k);
        return sum;
    }

    [Benchmark(OperationsPerInvoke = SketchSweep.KeyCount), BenchmarkCategory("estimate")]
    public long ClassicEstimate()
    {
        var s = _classic!;
        long sum = 0;
        foreach (var k in _keys) sum += s.Estimate(k);
        return sum;
    }
}
