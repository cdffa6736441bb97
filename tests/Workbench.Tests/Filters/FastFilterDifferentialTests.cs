using Workbench.Filters;
using Workbench.Hashing;

namespace Workbench.Tests.Filters;

/// <summary>
/// The fast filters against their reference twin, which defines the bit positions: after the same
/// inserts they hold exactly the same bits, and every lookup path (the public one, the scalar one,
/// the AVX-512 one where the machine has it) answers as the reference does, for k from 1 to 16
/// (one and two vector registers of probes) and for filter sizes that are and are not powers of two.
/// </summary>
public class FastFilterDifferentialTests
{
    public static TheoryData<int, long> Cases()
    {
        var data = new TheoryData<int, long>();
        for (int k = 1; k <= 16; k++)
        {
            data.Add(k, 512 * 61);      // 61 blocks, a prime count
            data.Add(k, 1 << 16);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Classic_filter_sets_the_reference_bits_and_answers_as_the_reference(int k, long bits)
    {
        long seed = 1000 + k;
        var reference = new ReferenceBloomFilter(ReferenceBloomFilter.Layout.Classic, bits, k, seed);
        var fast = new BloomFilter(bits, k, seed);
        var expectedBits = new bool[bits];
        var members = KeyStream.Members(k);
        for (int i = 0; i < bits / 10; i++)
        {
            reference.Add(members[i]);
            fast.Add(members[i]);
            foreach (long p in reference.Positions(members[i])) expectedBits[p] = true;
        }
        for (long i = 0; i < bits; i++) Assert.True(expectedBits[i] == fast.GetBit(i), $"bit {i} differs (k = {k})");
        var random = new Random(k * 31 + (int)bits);
        for (int i = 0; i < 20_000; i++)
        {
            ulong key = i % 4 == 0 ? members[random.Next((int)(bits / 10))] : (ulong)random.NextInt64(long.MinValue, long.MaxValue);
            Assert.True(reference.MayContain(key) == fast.MayContain(key), $"key {key:X16} (k = {k})");
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Blocked_filter_sets_the_reference_bits_and_every_lookup_path_answers_as_the_reference(int k, long bits)
    {
        long seed = 2000 + k;
        var reference = new ReferenceBloomFilter(ReferenceBloomFilter.Layout.Blocked, bits, k, seed);
        var fast = new BlockedBloomFilter(bits, k, seed);
        var fastScalar = new BlockedBloomFilter(bits, k, seed);
        Assert.Equal(reference.SizeInBits, fast.SizeInBits);
        var expectedBits = new bool[reference.SizeInBits];
        var members = KeyStream.Members(k);
        for (int i = 0; i < bits / 10; i++)
        {
            reference.Add(members[i]);
            fast.Add(members[i]);
            fastScalar.AddScalar(members[i]);
            foreach (long p in reference.Positions(members[i])) expectedBits[p] = true;
        }
        for (long i = 0; i < expectedBits.Length; i++)
        {
            Assert.True(expectedBits[i] == fast.GetBit(i / 512, (int)(i % 512)), $"bit {i} differs (k = {k})");
            Assert.True(expectedBits[i] == fastScalar.GetBit(i / 512, (int)(i % 512)), $"bit {i} differs after scalar inserts (k = {k})");
        }
        var random = new Random(k * 37 + (int)bits);
        for (int i = 0; i < 20_000; i++)
        {
            ulong key = i % 4 == 0 ? members[random.Next((int)(bits / 10))] : (ulong)random.NextInt64(long.MinValue, long.MaxValue);
            bool expected = reference.MayContain(key);
            Assert.True(expected == fast.MayContain(key), $"public lookup, key {key:X16} (k = {k})");
            Assert.True(expected == fast.MayContainScalar(key), $"scalar lookup, key {key:X16} (k = {k})");
            if (BlockedBloomFilter.IsVectorized)
                Assert.True(expected == fast.MayContainVector(key), $"AVX-512 lookup, key {key:X16} (k = {k})");
        }
    }

    [Fact]
    public void Blocked_filter_paths_agree_for_every_k_up_to_64_on_a_million_lookups()
    {
        for (int k = 1; k <= 64; k += 3)
        {
            var fast = new BlockedBloomFilter(512 * 97, k, k);
            var members = KeyStream.Members(k);
            for (int i = 0; i < 512 * 97 / 12; i++) fast.Add(members[i]);
            var absent = KeyStream.NonMembers(k);
            for (int i = 0; i < 50_000; i++)
            {
                bool scalar = fast.MayContainScalar(absent[i]);
                Assert.True(scalar == fast.MayContain(absent[i]), $"k = {k}, key {i}");
                if (BlockedBloomFilter.IsVectorized) Assert.True(scalar == fast.MayContainVector(absent[i]), $"k = {k}, key {i}");
            }
        }
    }
}
