namespace Workbench.Workloads;

/// <summary>
/// SplitMix64 (Steele, Lea &amp; Flood, "Fast splittable pseudorandom number generators", OOPSLA 2014):
/// a 64-bit state advanced by the golden-ratio increment and passed through a bijective mixer. Small,
/// fast and fully determined by its seed, which is all the workloads and the treap's priorities need;
/// not for cryptography. A mutable struct: copy it and both copies produce the same sequence.
/// </summary>
public struct SplitMix64(long seed)
{
    private ulong _state = (ulong)seed;

    /// <summary>The next 64 pseudo-random bits.</summary>
    public ulong Next()
    {
        ulong z = _state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>A uniform double in [0, 1) with 53 random bits.</summary>
    public double NextDouble() => (Next() >> 11) * (1.0 / (1UL << 53));

    /// <summary>A uniform integer in [0, <paramref name="bound"/>), by Lemire's multiply-shift (bias below 2^-32 for any bound used here).</summary>
    public long NextLong(long bound)
    {
        if (bound <= 0) throw new ArgumentOutOfRangeException(nameof(bound), bound, "bound must be positive");
        return (long)Math.BigMul(Next(), (ulong)bound, out _);
    }

    /// <summary>A uniform integer in [0, <paramref name="bound"/>) for a positive 32-bit bound, by multiply-shift.</summary>
    public int Below(int bound) => (int)Math.BigMul(Next(), (ulong)bound, out _);

    /// <summary>Shuffles <paramref name="items"/> in place (Fisher–Yates), deterministically for this generator's state.</summary>
    public void Shuffle<T>(Span<T> items)
    {
        for (int i = items.Length - 1; i > 0; i--)
        {
            int j = (int)NextLong(i + 1);
            (items[i], items[j]) = (items[j], items[i]);
        }
    }
}
