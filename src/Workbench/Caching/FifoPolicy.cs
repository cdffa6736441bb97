namespace Workbench.Caching;

/// <summary>
/// First in, first out: keys leave in the order they were admitted; a hit changes nothing. The
/// simplest queue, and the base that CLOCK, SIEVE and S3-FIFO refine. Flat arrays as in
/// <see cref="LruPolicy"/>.
/// </summary>
public sealed class FifoPolicy : ICachePolicy
{
    private readonly long[] _keys;
    private KeyIndex _index;
    private SlotLists _queue;
    private int _count;

    public FifoPolicy(int capacity)
    {
        CachePolicies.CheckCapacity(capacity);
        Capacity = capacity;
        _keys = new long[capacity];
        _index = new KeyIndex(capacity);
        _queue = new SlotLists(capacity, 1);
    }

    public string Name => "fifo";

    public int Capacity { get; }

    public bool Access(long key)
    {
        if (_index.Find(key) >= 0) return true;
        int slot;
        if (_count < Capacity) slot = _count++;
        else
        {
            slot = _queue.Tail(0);
            _index.Remove(_keys[slot]);
            _queue.Unlink(slot);
        }
        _keys[slot] = key;
        _index.Add(key, slot);
        _queue.PushHead(0, slot);
        return false;
    }
}
