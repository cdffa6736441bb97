namespace Workbench.Caching;

/// <summary>
/// Least recently used: a hit moves the key to the head of one recency list, a miss admits the key
/// at the head and, when full, evicts the tail. The baseline of every paper here; on the ARC
/// paper's OLTP trace it must reproduce the published LRU hit ratios (Megiddo &amp; Modha, FAST
/// 2003, Table III) to the last digit, since LRU is deterministic. Flat arrays: slot i holds
/// <c>_keys[i]</c>, linked in one <see cref="SlotLists"/> list, found through a <see cref="KeyIndex"/>.
/// </summary>
public sealed class LruPolicy : ICachePolicy
{
    private readonly long[] _keys;
    private KeyIndex _index;
    private SlotLists _list;
    private int _count;

    public LruPolicy(int capacity)
    {
        CachePolicies.CheckCapacity(capacity);
        Capacity = capacity;
        _keys = new long[capacity];
        _index = new KeyIndex(capacity);
        _list = new SlotLists(capacity, 1);
    }

    public string Name => "lru";

    public int Capacity { get; }

    public bool Access(long key)
    {
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
            _index.Remove(_keys[slot]);
            _list.Unlink(slot);
        }
        _keys[slot] = key;
        _index.Add(key, slot);
        _list.PushHead(0, slot);
        return false;
    }
}
