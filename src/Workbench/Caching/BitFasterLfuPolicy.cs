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
/// </summary>
public sealed class BitFasterLfuPolicy : ICachePolicy
{
    private readonly ConcurrentLfu<long, long> _cache;

    public BitFasterLfuPolicy(int capacity)
    {
        if (capacity < 3) throw new ArgumentOutOfRangeException(nameof(capacity), capacity, "capacity must be at least 3 for bitfaster-lfu (ConcurrentLfu's minimum)");
        Capacity = capacity;
        _cache = new ConcurrentLfu<long, long>(1, capacity, new ForegroundScheduler(), EqualityComparer<long>.Default);
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
