using CsCheck;
using Workbench.Filters;

namespace Workbench.Tests.Filters;

/// <summary>
/// The fast filters answer exactly as their plainly written reference twin for the same hash
/// scheme, on random key sets, sizes, probe counts, seeds and queries (differential testing).
/// </summary>
public class BloomDifferentialTests
{
    private static readonly Gen<(ulong[] Keys, ulong[] Queries, long Bits, int K, long Seed)> Cases =
        Gen.Select(
            Gen.ULong.Array[0, 300],
            Gen.ULong.Array[1, 300],
            Gen.Long[64, 20_000],
            Gen.Int[1, 20],
            Gen.Long);

    [Fact]
    public void Classic_filter_answers_as_the_reference_twin() =>
        Cases.Sample(c =>
        {
            var fast = new BloomFilter(c.Bits, c.K, c.Seed);
            var reference = new ReferenceBloomFilter(ReferenceBloomFilter.Layout.Classic, c.Bits, c.K, c.Seed);
            Compare(fast, reference, c.Keys, c.Queries);
        }, iter: 400);

    [Fact]
    public void Blocked_filter_answers_as_the_reference_twin() =>
        Cases.Sample(c =>
        {
            var fast = new BlockedBloomFilter(c.Bits, c.K, c.Seed);
            var reference = new ReferenceBloomFilter(ReferenceBloomFilter.Layout.Blocked, c.Bits, c.K, c.Seed);
            Compare(fast, reference, c.Keys, c.Queries);
        }, iter: 400);

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(8)]
    [InlineData(9)]
    [InlineData(16)]
    [InlineData(33)]
    [InlineData(64)]
    public void Blocked_filter_sets_exactly_the_reference_bits(int k)
    {
        const long bits = 512 * 37;
        var fast = new BlockedBloomFilter(bits, k, seed: 5);
        var reference = new ReferenceBloomFilter(ReferenceBloomFilter.Layout.Blocked, bits, k, seed: 5);
        var expected = new HashSet<long>();
        for (ulong key = 0; key < 300; key++)
        {
            fast.Add(key * 0x9E3779B97F4A7C15UL);
            foreach (var p in reference.Positions(key * 0x9E3779B97F4A7C15UL)) expected.Add(p);
        }
        for (long p = 0; p < bits; p++)
            Assert.Equal(expected.Contains(p), fast.GetBit(p / 512, (int)(p % 512)));
    }

    [Fact]
    public void Classic_filter_sets_exactly_the_reference_bits()
    {
        const long bits = 10_007;
        var fast = new BloomFilter(bits, 6, seed: 9);
        var reference = new ReferenceBloomFilter(ReferenceBloomFilter.Layout.Classic, bits, 6, seed: 9);
        var expected = new HashSet<long>();
        for (ulong key = 0; key < 500; key++)
        {
            fast.Add(key);
            foreach (var p in reference.Positions(key)) expected.Add(p);
        }
        for (long p = 0; p < bits; p++) Assert.Equal(expected.Contains(p), fast.GetBit(p));
    }

    private static void Compare(IMembershipFilter fast, ReferenceBloomFilter reference, ulong[] keys, ulong[] queries)
    {
        Assert.Equal(reference.SizeInBits, fast.SizeInBits);
        foreach (var k in keys) { fast.Add(k); reference.Add(k); }
        foreach (var q in queries.Concat(keys))
        {
            if (fast.MayContain(q) != reference.MayContain(q))
                throw new Xunit.Sdk.XunitException($"{fast.GetType().Name} and the reference disagree on key {q}");
        }
    }
}
