namespace Workbench.Caching;

/// <summary>
/// The policies by registry name, as in Caffeine's simulator: one name per policy, a capacity in
/// entries and a seed for the few that draw random numbers (the others ignore it). Names are
/// lower-case and stable; front ends and experiments refer to policies only through them.
/// </summary>
public static class CachePolicies
{
    private static readonly (string Name, Func<int, long, ICachePolicy> Create)[] Registry =
    [
        ("lru", (c, _) => new LruPolicy(c)),
        ("fifo", (c, _) => new FifoPolicy(c)),
        ("clock", (c, _) => new ClockPolicy(c)),
        ("lfu", (c, _) => new LfuPolicy(c)),
        ("slru", (c, _) => new SegmentedLruPolicy(c)),
        ("arc", (c, _) => new ArcPolicy(c)),
        ("lirs", (c, _) => new LirsPolicy(c)),
        ("sieve", (c, _) => new SievePolicy(c)),
        ("s3fifo", (c, _) => new S3FifoPolicy(c)),
        ("tinylfu", (c, s) => new TinyLfuPolicy(c, s)),
        ("wtinylfu", (c, s) => new WindowTinyLfuPolicy(c, adaptive: false, seed: s)),
        ("wtinylfu-adaptive", (c, s) => new WindowTinyLfuPolicy(c, adaptive: true, seed: s)),
        ("bitfaster-lfu", (c, _) => new BitFasterLfuPolicy(c)),
        ("opt", (c, _) => new BeladyPolicy(c)),
    ];

    /// <summary>Every registered policy name, in a fixed order (simple policies first, then TinyLFU's family, the peer, and the offline optimum).</summary>
    public static IReadOnlyList<string> Names { get; } = Array.AsReadOnly(Registry.Select(r => r.Name).ToArray());

    /// <summary>A fresh policy <paramref name="name"/> holding up to <paramref name="capacity"/> entries.</summary>
    /// <exception cref="ArgumentException">Unknown <paramref name="name"/> (the message lists the known ones) or <paramref name="capacity"/> below 1.</exception>
    public static ICachePolicy Create(string name, int capacity, long seed = 0)
    {
        ArgumentNullException.ThrowIfNull(name);
        CheckCapacity(capacity);
        foreach (var (n, create) in Registry)
        {
            if (string.Equals(n, name, StringComparison.OrdinalIgnoreCase)) return create(capacity, seed);
        }
        throw new ArgumentException($"Unknown cache policy '{name}'; known policies: {string.Join(", ", Names)}.", nameof(name));
    }

    internal static void CheckCapacity(int capacity)
    {
        if (capacity < 1) throw new ArgumentOutOfRangeException(nameof(capacity), capacity, "capacity (cache size in entries) must be at least 1");
    }
}
