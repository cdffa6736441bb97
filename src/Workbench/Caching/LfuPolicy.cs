namespace Workbench.Caching;

/// <summary>
/// In-cache least frequently used: each resident key counts its hits since admission; the victim
/// is the key with the smallest count, the least recently used among ties. Counts are forgotten
/// on eviction (the "in-cache LFU" of the TinyLFU paper, §2, as opposed to perfect LFU, which
/// remembers every key ever seen). A sorted set of (count, last use, key) gives the victim in
/// O(log n); this is a reference policy for hit ratios, not a throughput one.
/// </summary>
public sealed class LfuPolicy : ICachePolicy
{
    private readonly Dictionary<long, (long Count, long LastUse)> _entries = [];
    private readonly SortedSet<(long Count, long LastUse, long Key)> _order = [];
    private long _clock;

    public LfuPolicy(int capacity)
    {
        CachePolicies.CheckCapacity(capacity);
        Capacity = capacity;
    }

    public string Name => "lfu";

    public int Capacity { get; }

    public bool Access(long key)
    {
        long now = _clock++;
        if (_entries.TryGetValue(key, out var e))
        {
            _order.Remove((e.Count, e.LastUse, key));
            _entries[key] = (e.Count + 1, now);
            _order.Add((e.Count + 1, now, key));
            return true;
        }
        if (_entries.Count == Capacity)
        {
            var victim = _order.Min;
            _order.Remove(victim);
            _entries.Remove(victim.Key);
        }
        _entries[key] = (1, now);
        _order.Add((1, now, key));
        return false;
    }
}
