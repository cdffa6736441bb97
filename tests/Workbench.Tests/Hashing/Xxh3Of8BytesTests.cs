using Workbench.Hashing;

namespace Workbench.Tests.Hashing;

public class Xxh3Of8BytesTests
{
    [Fact]
    public void Inline_XXH3_128_equals_System_IO_Hashing_for_millions_of_random_keys_and_seeds()
    {
        var random = new Random(20261129);
        long[] seeds = [0, 1, -1, 42, long.MinValue, long.MaxValue, .. Enumerable.Range(0, 10).Select(_ => random.NextInt64(long.MinValue, long.MaxValue))];
        foreach (long seed in seeds)
        {
            ulong bitflip = Xxh3Of8Bytes.Bitflip(seed);
            for (int i = 0; i < 250_000; i++)
            {
                ulong key = (ulong)random.NextInt64(long.MinValue, long.MaxValue);
                var expected = KeyHash.Hash128(key, seed);
                var actual = Xxh3Of8Bytes.Hash128(key, bitflip);
                if (expected != actual) Assert.Fail($"key {key:X16}, seed {seed}: expected {expected}, got {actual}");
            }
        }
    }

    [Theory]
    [InlineData(0UL)]
    [InlineData(1UL)]
    [InlineData(ulong.MaxValue)]
    [InlineData(0x8000000000000000UL)]
    public void Inline_XXH3_128_equals_System_IO_Hashing_on_edge_keys(ulong key)
    {
        foreach (long seed in new long[] { 0, 7, -7 })
            Assert.Equal(KeyHash.Hash128(key, seed), Xxh3Of8Bytes.Hash128(key, Xxh3Of8Bytes.Bitflip(seed)));
    }
}
