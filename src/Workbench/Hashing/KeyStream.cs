namespace Workbench.Hashing;

/// <summary>
/// Deterministic streams of distinct 64-bit keys from a seed: key i of stream s is
/// <c>Mix(offset(seed) + s·2^40 + i)</c>, a bijection of its argument, so the keys of one stream
/// are distinct and streams 0 (keys to insert) and 1 (keys never inserted, for measuring false
/// positives) never overlap for fewer than 2^40 keys each.
/// </summary>
public readonly struct KeyStream(int seed, int stream)
{
    private readonly ulong _base = KeyHash.Mix(0x9E3779B97F4A7C15UL ^ (ulong)(uint)seed) + ((ulong)(uint)stream << 40);

    /// <summary>The keys a filter under test is filled with.</summary>
    public static KeyStream Members(int seed) => new(seed, 0);

    /// <summary>Keys guaranteed absent from <see cref="Members"/> of the same seed.</summary>
    public static KeyStream NonMembers(int seed) => new(seed, 1);

    public ulong this[long i] => KeyHash.Mix(_base + (ulong)i);
}
