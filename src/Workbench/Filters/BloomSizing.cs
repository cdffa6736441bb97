namespace Workbench.Filters;

/// <summary>
/// The size of a Bloom filter: m bits for n expected keys with k probes. Built from a target
/// false-positive rate or from a memory budget in bits per key.
/// </summary>
public readonly record struct BloomSizing(long Bits, int HashCount, long ExpectedKeys)
{
    /// <summary>Bits per expected key (m/n).</summary>
    public double BitsPerKey => (double)Bits / ExpectedKeys;

    /// <summary>
    /// Sizing for <paramref name="expectedKeys"/> keys at <paramref name="bitsPerKey"/> bits each,
    /// with <paramref name="hashCount"/> probes or, when omitted, the optimal <c>round((m/n) ln 2)</c>.
    /// </summary>
    public static BloomSizing FromBitsPerKey(long expectedKeys, double bitsPerKey, int? hashCount = null)
    {
        if (expectedKeys <= 0) throw new ArgumentOutOfRangeException(nameof(expectedKeys), expectedKeys, "expected key count must be positive");
        if (!(bitsPerKey > 0) || double.IsInfinity(bitsPerKey)) throw new ArgumentOutOfRangeException(nameof(bitsPerKey), bitsPerKey, "bits per key must be positive");
        if (hashCount is <= 0 or > 64) throw new ArgumentOutOfRangeException(nameof(hashCount), hashCount, "hash count must be between 1 and 64");
        long bits = checked((long)Math.Ceiling(expectedKeys * bitsPerKey));
        return new BloomSizing(Math.Max(bits, 64), hashCount ?? BloomMath.OptimalHashCount(bitsPerKey), expectedKeys);
    }

    /// <summary>Sizing that meets <paramref name="targetFpr"/> for <paramref name="expectedKeys"/> keys with the optimal k.</summary>
    public static BloomSizing FromTargetFpr(long expectedKeys, double targetFpr)
    {
        double bpk = BloomMath.BitsPerKeyFor(targetFpr);
        return FromBitsPerKey(expectedKeys, bpk);
    }
}
