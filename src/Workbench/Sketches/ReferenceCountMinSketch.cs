using Workbench.Hashing;

namespace Workbench.Sketches;

/// <summary>
/// The count-min sketch written as plainly as possible, to test <see cref="CountMinSketch"/>
/// against: a two-dimensional counter array and, per row i, the column
/// <c>floor((a + i·b mod 2^64) · w / 2^64)</c> from the key's XXH3-128 halves (a, b), computed
/// with the library call and 128-bit arithmetic. Same counters as the fast sketch for the same
/// width, depth and seed.
/// </summary>
public sealed class ReferenceCountMinSketch
{
    private readonly long[,] _counters;

    public ReferenceCountMinSketch(int width, int depth, long seed = 0, CountMinUpdate update = CountMinUpdate.Classic)
    {
        CountMinMath.CheckShape(width, depth);
        Width = width;
        Depth = depth;
        Seed = seed;
        Update = update;
        _counters = new long[depth, width];
    }

    public int Width { get; }
    public int Depth { get; }
    public long Seed { get; }
    public CountMinUpdate Update { get; }

    public long Counter(int row, int column) => _counters[row, column];

    /// <summary>The column of <paramref name="key"/> in row <paramref name="row"/>.</summary>
    public int Column(ulong key, int row)
    {
        var (a, b) = KeyHash.Hash128(key, Seed);
        ulong h = unchecked(a + (ulong)row * b);
        return (int)(((UInt128)h * (ulong)Width) >> 64);
    }

    public void Add(ulong key, long count = 1)
    {
        if (Update == CountMinUpdate.Classic)
        {
            for (int row = 0; row < Depth; row++) _counters[row, Column(key, row)] += count;
        }
        else
        {
            long target = Estimate(key) + count;
            for (int row = 0; row < Depth; row++)
            {
                int column = Column(key, row);
                if (_counters[row, column] < target) _counters[row, column] = target;
            }
        }
    }

    public long Estimate(ulong key)
    {
        long min = long.MaxValue;
        for (int row = 0; row < Depth; row++) min = Math.Min(min, _counters[row, Column(key, row)]);
        return min;
    }
}
