using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Workbench.Filters;

namespace Workbench.Benchmarks.Filters;

/// <summary>
/// Question: at one million random 64-bit keys, how many nanoseconds does a lookup cost in each
/// filter, and how many per key does construction cost, set against the C++ figures of the
/// FastFilter benchmark (Graf &amp; Lemire's <c>bulk-insert-and-query</c>) measured on this kind of
/// machine? Lookups: the fixture's query array, 50% members and 50% absent keys shuffled (the
/// benchmark's "find 50%" column), one key at a time in a plain loop that adds each answer to a
/// count (<c>hits += MayContain(k) ? 1 : 0</c>, as the C++ loop adds its bools), so that no branch
/// on the random answer stops the next lookups' loads from overlapping; construction: the whole
/// filter from the key array (for Bloom and cuckoo filters, inserting every key into a new filter).
/// <c>OperationsPerInvoke</c> reports time per key. Filters: classic Bloom at 12 bits per key,
/// blocked Bloom at 12, cuckoo with 12-bit fingerprints, xor and binary fuse with 8 and 16.
/// </summary>
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class Filters1M
{
    /// <summary>n, keys per filter (and lookups per invocation).</summary>
    public const int Keys = 1_000_000;

    private FilterFixture _f = null!;

    [GlobalSetup]
    public void Setup() => _f = FilterFixture.For(Keys);

    [Benchmark(OperationsPerInvoke = 1_000_000), BenchmarkCategory("lookup")]
    public int BloomLookup()
    {
        var f = _f.Bloom; int hits = 0;
        foreach (var k in _f.Queries) hits += f.MayContain(k) ? 1 : 0;
        return hits;
    }

    [Benchmark(OperationsPerInvoke = 1_000_000), BenchmarkCategory("lookup")]
    public int BlockedBloomLookup()
    {
        var f = _f.Blocked; int hits = 0;
        foreach (var k in _f.Queries) hits += f.MayContain(k) ? 1 : 0;
        return hits;
    }

    [Benchmark(OperationsPerInvoke = 1_000_000), BenchmarkCategory("lookup")]
    public int CuckooLookup()
    {
        var f = _f.Cuckoo; int hits = 0;
        foreach (var k in _f.Queries) hits += f.MayContain(k) ? 1 : 0;
        return hits;
    }

    [Benchmark(OperationsPerInvoke = 1_000_000), BenchmarkCategory("lookup")]
    public int Xor8Lookup()
    {
        var f = _f.Xor8; int hits = 0;
        foreach (var k in _f.Queries) hits += f.MayContain(k) ? 1 : 0;
        return hits;
    }

    [Benchmark(OperationsPerInvoke = 1_000_000), BenchmarkCategory("lookup")]
    public int Xor16Lookup()
    {
        var f = _f.Xor16; int hits = 0;
        foreach (var k in _f.Queries) hits += f.MayContain(k) ? 1 : 0;
        return hits;
    }

    [Benchmark(OperationsPerInvoke = 1_000_000), BenchmarkCategory("lookup")]
    public int BinaryFuse8Lookup()
    {
        var f = _f.Fuse8; int hits = 0;
        foreach (var k in _f.Queries) hits += f.MayContain(k) ? 1 : 0;
        return hits;
    }

    [Benchmark(OperationsPerInvoke = 1_000_000), BenchmarkCategory("lookup")]
    public int BinaryFuse16Lookup()
    {
        var f = _f.Fuse16; int hits = 0;
        foreach (var k in _f.Queries) hits += f.MayContain(k) ? 1 : 0;
        return hits;
    }

    [Benchmark(OperationsPerInvoke = 1_000_000), BenchmarkCategory("construction")]
    public BloomFilter BloomConstruction()
    {
        var f = _f.NewBloom();
        foreach (var k in _f.Members) f.Add(k);
        return f;
    }

    [Benchmark(OperationsPerInvoke = 1_000_000), BenchmarkCategory("construction")]
    public BlockedBloomFilter BlockedBloomConstruction()
    {
        var f = _f.NewBlocked();
        foreach (var k in _f.Members) f.Add(k);
        return f;
    }

    /// <summary>Inserts the fixture's cuckoo keys (94% of the 2^20 slots, 985,661 keys); BenchmarkDotNet divides by 10^6, so per inserted key multiply by <c>10^6 / CuckooMembers.Length</c> (the throughput experiment does).</summary>
    [Benchmark(OperationsPerInvoke = 1_000_000), BenchmarkCategory("construction")]
    public CuckooFilter CuckooConstruction()
    {
        var f = _f.NewCuckoo();
        foreach (var k in _f.CuckooMembers) f.TryAdd(k);
        return f;
    }

    [Benchmark(OperationsPerInvoke = 1_000_000), BenchmarkCategory("construction")]
    public XorFilter<byte> Xor8Construction() => new(_f.Members, FilterFixture.Seed);

    [Benchmark(OperationsPerInvoke = 1_000_000), BenchmarkCategory("construction")]
    public XorFilter<ushort> Xor16Construction() => new(_f.Members, FilterFixture.Seed);

    [Benchmark(OperationsPerInvoke = 1_000_000), BenchmarkCategory("construction")]
    public BinaryFuseFilter<byte> BinaryFuse8Construction() => new(_f.Members, FilterFixture.Seed);

    [Benchmark(OperationsPerInvoke = 1_000_000), BenchmarkCategory("construction")]
    public BinaryFuseFilter<ushort> BinaryFuse16Construction() => new(_f.Members, FilterFixture.Seed);
}
