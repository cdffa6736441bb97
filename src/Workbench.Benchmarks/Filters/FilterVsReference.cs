using BenchmarkDotNet.Attributes;
using Workbench.Filters;
using Workbench.Hashing;

namespace Workbench.Benchmarks.Filters;

/// <summary>
/// Question: how much faster is each fast filter than its plainly written reference twin? Small
/// filters (2^14 keys, cache-resident), lookups of 2^14 keys, half of them members, so that the
/// comparison is of computation. The reference twin is the baseline.
/// </summary>
public abstract class FilterVsReferenceBase
{
    protected const int Keys = 1 << 14;
    protected ulong[] Members = [], Queries = [];

    protected void MakeKeys()
    {
        var m = KeyStream.Members(FilterFixture.Seed);
        var a = KeyStream.NonMembers(FilterFixture.Seed);
        Members = [.. Enumerable.Range(0, Keys).Select(i => m[i])];
        Queries = [.. Enumerable.Range(0, Keys).Select(i => i % 2 == 0 ? m[i] : a[i])];
    }
}

/// <summary><see cref="CuckooFilter"/> against <see cref="ReferenceCuckooFilter"/>, 12-bit fingerprints, 2^14 keys in 2^15 slots.</summary>
public class CuckooVsReference : FilterVsReferenceBase
{
    private CuckooFilter _fast = null!;
    private ReferenceCuckooFilter _reference = null!;

    [GlobalSetup]
    public void Setup()
    {
        MakeKeys();
        _fast = new CuckooFilter(Keys, 12, FilterFixture.Seed);
        _reference = new ReferenceCuckooFilter(Keys, 12, FilterFixture.Seed);
        foreach (var k in Members) { _fast.TryAdd(k); _reference.TryAdd(k); }
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Keys)]
    public int ReferenceLookup() { int h = 0; foreach (var k in Queries) h += _reference.MayContain(k) ? 1 : 0; return h; }

    [Benchmark(OperationsPerInvoke = Keys)]
    public int FastLookup() { int h = 0; foreach (var k in Queries) h += _fast.MayContain(k) ? 1 : 0; return h; }
}

/// <summary><see cref="XorFilter{TFingerprint}"/> (8-bit) against <see cref="ReferenceXorFilter"/>: lookups on the same array, and construction.</summary>
public class XorVsReference : FilterVsReferenceBase
{
    private XorFilter<byte> _fast = null!;
    private ReferenceXorFilter _reference = null!;

    [GlobalSetup]
    public void Setup()
    {
        MakeKeys();
        _fast = new XorFilter<byte>(Members, FilterFixture.Seed);
        _reference = ReferenceXorFilter.FromParts(ReferenceXorFilter.Kind.Xor, 8, Keys, _fast.FilterSeed, [.. Enumerable.Range(0, _fast.ArrayLength).Select(_fast.FingerprintAt)]);
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Keys)]
    public int ReferenceLookup() { int h = 0; foreach (var k in Queries) h += _reference.MayContain(k) ? 1 : 0; return h; }

    [Benchmark(OperationsPerInvoke = Keys)]
    public int FastLookup() { int h = 0; foreach (var k in Queries) h += _fast.MayContain(k) ? 1 : 0; return h; }

    [Benchmark(OperationsPerInvoke = Keys)]
    public long ReferenceConstruction() => new ReferenceXorFilter(ReferenceXorFilter.Kind.Xor, 8, Members, FilterFixture.Seed).Count;

    [Benchmark(OperationsPerInvoke = Keys)]
    public long FastConstruction() => new XorFilter<byte>(Members, FilterFixture.Seed).Count;
}

/// <summary><see cref="BinaryFuseFilter{TFingerprint}"/> (8-bit) against <see cref="ReferenceXorFilter"/>: lookups on the same array, and construction.</summary>
public class BinaryFuseVsReference : FilterVsReferenceBase
{
    private BinaryFuseFilter<byte> _fast = null!;
    private ReferenceXorFilter _reference = null!;

    [GlobalSetup]
    public void Setup()
    {
        MakeKeys();
        _fast = new BinaryFuseFilter<byte>(Members, FilterFixture.Seed);
        _reference = ReferenceXorFilter.FromParts(ReferenceXorFilter.Kind.BinaryFuse, 8, Keys, _fast.FilterSeed, [.. Enumerable.Range(0, _fast.ArrayLength).Select(_fast.FingerprintAt)]);
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Keys)]
    public int ReferenceLookup() { int h = 0; foreach (var k in Queries) h += _reference.MayContain(k) ? 1 : 0; return h; }

    [Benchmark(OperationsPerInvoke = Keys)]
    public int FastLookup() { int h = 0; foreach (var k in Queries) h += _fast.MayContain(k) ? 1 : 0; return h; }

    [Benchmark(OperationsPerInvoke = Keys)]
    public long ReferenceConstruction() => new ReferenceXorFilter(ReferenceXorFilter.Kind.BinaryFuse, 8, Members, FilterFixture.Seed).Count;

    [Benchmark(OperationsPerInvoke = Keys)]
    public long FastConstruction() => new BinaryFuseFilter<byte>(Members, FilterFixture.Seed).Count;
}
