namespace Workbench.Filters;

/// <summary>
/// An approximate membership filter over 64-bit keys: <see cref="MayContain"/> is always true for
/// an added key (no false negatives) and true for other keys with a small probability (the false
/// positive rate).
/// </summary>
public interface IMembershipFilter
{
    /// <summary>Adds a key. Adding the same key twice has no further effect.</summary>
    void Add(ulong key);

    /// <summary>False means the key was certainly never added; true means it probably was.</summary>
    bool MayContain(ulong key);

    /// <summary>Memory of the bit array, in bits (the m of the papers).</summary>
    long SizeInBits { get; }

    /// <summary>Number of probes per key (the k of the papers).</summary>
    int HashCount { get; }
}
