using Workbench.Hashing;

namespace Workbench.Sketches;

/// <summary>
/// <see cref="BlockedCountMinSketch"/> written plainly: one byte per counter, counter
/// (block, row, slot) at <c>block·128 + row·32 + slot</c>, the block from the high word of
/// <c>h·blocks</c> and row i's slot from bits 8i..8i+4 of h, for the low half h of the key's XXH3-128
/// from the library call. Same counters as the fast sketch for the same blocks and seed.
/// </summary>
public sealed class ReferenceBlockedCountMinSketch(long blocks, long seed = 0, CountMinUpdate update = CountMinUpdate.Classic)
{
    private readonly byte[] _counters = new byte[checked(blocks * 128)];

    public long Blocks { get; } = blocks;

    public int Counter(long block, int row, int slot) => _counters[block * 128 + row * 32 + slot];

    private long[] Positions(ulong key)
    {
        ulong h = KeyHash.Hash128(key, seed).Low;
        long block = (long)(((UInt128)h * (ulong)Blocks) >> 64);
        var positions = new long[4];
        for (int row = 0; row < 4; row++)
        {
            int bits = (int)((h >> (8 * row)) & 31);   // bit 0: word, bits 1..4: nibble
            int slot = (bits & 1) * 16 + (bits >> 1);
            positions[row] = block * 128 + row * 32 + slot;
        }
        return positions;
    }

    public void Increment(ulong key)
    {
        var positions = Positions(key);
        int min = Estimate(key);
        foreach (var p in positions)
        {
            bool raise = update == CountMinUpdate.Classic || _counters[p] == min;
            if (raise && _counters[p] < 15) _counters[p]++;
        }
    }

    public int Estimate(ulong key) => Positions(key).Min(p => (int)_counters[p]);
}
