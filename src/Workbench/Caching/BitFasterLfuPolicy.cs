using BitFaster.Caching.Lfu;
using BitFaster.Caching.Scheduler;

namespace Workbench.Caching;

/// <summary>
/// The peer: BitFaster.Caching's <c>ConcurrentLfu</c> (a .NET port of Caffeine's W-TinyLFU with
/// its hill-climbing window, read and write buffers and a block count-min sketch) replayed as a
/// policy. A <c>ForegroundScheduler</c> runs the cache's maintenance on the calling thread, so the
/// replay is deterministic; buffered reads are applied to the sketch and the LRU order at the next
/// maintenance (the next miss, or when a read buffer fills), as in the production cache. A request
/// is a <c>TryGet</c> (hit) or else an <c>AddOrUpdate</c>. ConcurrentLfu needs a capacity of at least 3.
/// <para>
/// By default the cache hashes keys as in production, with <c>long.GetHashCode</c> under its sketch's own
/// spreading. With a hash seed (for measuring how much the hash decides, as <c>tinylfu/peer-seeds</c>
/// does) the key comparer first mixes the key with the seed (<see cref="SeededKeyComparer"/>), so each
/// seed gives the same cache a different, equally good hash; nothing else changes.
/// </para>
/// </summary>
public sealed class BitFasterLfuPolicy : ICachePolicy
{
    private readonly ConcurrentLfu<long, long> _cache;

    public BitFasterLfuPolicy(int capacity, long? hashSeed = null)
    {
        if (capacity < 3) throw new ArgumentOutOfRangeException(nameof(capacity), capacity, "capacity must be at least 3 for bitfaster-lfu (ConcurrentLfu's minimum)");
        Capacity = capacity;
        IEqualityComparer<long> comparer = hashSeed is { } seed ? new SeededKeyComparer(seed) : EqualityComparer<long>.Default;
        _cache = new ConcurrentLfu<long, long>(1, capacity, new ForegroundScheduler(), comparer);
    }

    public string Name => "bitfaster-lfu";

    public int Capacity { get; }

    public bool Access(long key)
    {
        if (_cache.TryGet(key, out _)) return true;
        _cache.AddOrUpdate(key, key);
        return false;
    }
}

/// <summary>
/// Equality of <c>long</c> keys with a seeded hash: the key plus the seed times the golden-ratio
/// constant, through the SplitMix64 finaliser (Steele, Lea &amp; Flood, OOPSLA 2014), folded to 32 bits
/// as <c>long.GetHashCode</c> folds. Distinct seeds give unrelated hashes of the same keys.
/// </summary>
public sealed class SeededKeyComparer(long seed) : IEqualityComparer<long>
{
    public long Seed { get; } = seed;

    public bool Equals(long x, long y) => x == y;

    public int GetHashCode(long key)
    {
        ulong z = unchecked((ulong)key + (ulong)Seed * 0x9E3779B97F4A7C15UL);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        z ^= z >> 31;
        return unchecked((int)z ^ (int)(z >> 32));
    }
}
