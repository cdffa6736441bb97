namespace Workbench.Caching;

/// <summary>
/// SIEVE (Zhang, Yang, Yue, Vigfusson &amp; Rashmi, "SIEVE is simpler than LRU", NSDI 2024,
/// Algorithm 1): one FIFO queue with a visited bit per key, set on a hit. New keys enter at the
/// head. The eviction hand starts at the tail (the oldest key) and moves towards the head, clearing
/// visited bits, until it finds an unvisited key, which is evicted; the hand stays at the next newer
/// key and wraps back to the tail when it passes the head. Unlike CLOCK, survivors keep their place
/// in the queue: new keys never go behind the hand's old ones ("lazy promotion, quick demotion").
/// </summary>
public sealed class SievePolicy : ICachePolicy
{
    private readonly long[] _keys;
    private readonly bool[] _visited;
    private KeyIndex _index;
    private SlotLists _queue;
    private int _count;
    private int _hand = -1;

    public SievePolicy(int capacity)
    {
        CachePolicies.CheckCapacity(capacity);
        Capacity = capacity;
        _keys = new long[capacity];
        _visited = new bool[capacity];
        _index = new KeyIndex(capacity);
        _queue = new SlotLists(capacity, 1);
    }

    public string Name => "sieve";

    public int Capacity { get; }

    public bool Access(long key)
    {
        int slot = _index.Find(key);
        if (slot >= 0)
        {
            _visited[slot] = true;
            return true;
        }
        if (_count < Capacity)
        {
            slot = _count++;
        }
        else
        {
            int hand = _hand >= 0 ? _hand : _queue.Tail(0);
            while (_visited[hand])
            {
                _visited[hand] = false;
                hand = _queue.Newer(hand);
                if (hand < 0) hand = _queue.Tail(0);
            }
            slot = hand;
            _hand = _queue.Newer(hand);   // -1 (restart at the tail) when the evicted key was the head
            _index.Remove(_keys[slot]);
            _queue.Unlink(slot);
        }
        _keys[slot] = key;
        _visited[slot] = false;
        _index.Add(key, slot);
        _queue.PushHead(0, slot);
        return false;
    }
}
