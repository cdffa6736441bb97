namespace Workbench.Caching;

/// <summary>
/// TinyLFU admission in front of LRU (Einziger, Friedman &amp; Manes 2017, §3, Figure 1): every
/// request increments the <see cref="FrequencySketch"/>; on a miss with a full cache the new key
/// (the candidate) is admitted only if its estimated frequency is strictly greater than that of
/// LRU's victim, which is then evicted; otherwise the candidate is not cached at all. Without a
/// window, a new key needs a few requests before it can displace a resident, which is why the paper
/// adds W-TinyLFU's window for recency-biased workloads.
/// </summary>
public sealed class TinyLfuPolicy : ICachePolicy
{
    private readonly long[] _keys;
    private KeyIndex _index;
    private SlotLists _list;
    private readonly FrequencySketch _sketch;
    private int _count;

    public TinyLfuPolicy(int capacity, long seed = 0)
    {
        CachePolicies.CheckCapacity(capacity);
        Capacity = capacity;
        _keys = new long[capacity];
        _index = new KeyIndex(capacity);
        _list = new SlotLists(capacity, 1);
        _sketch = new FrequencySketch(capacity, seed);
    }

    public string Name => "tinylfu";

    public int Capacity { get; }

    public bool Access(long key)
    {
        _sketch.Increment(key);
        int slot = _index.Find(key);
        if (slot >= 0)
        {
            _list.MoveToHead(0, slot);
            return true;
        }
        if (_count < Capacity)
        {
            slot = _count++;
        }
        else
        {
            slot = _list.Tail(0);
            if (_sketch.Estimate(key) <= _sketch.Estimate(_keys[slot])) return false;   // rejected
            _index.Remove(_keys[slot]);
            _list.Unlink(slot);
        }
        _keys[slot] = key;
        _index.Add(key, slot);
        _list.PushHead(0, slot);
        return false;
    }
}
