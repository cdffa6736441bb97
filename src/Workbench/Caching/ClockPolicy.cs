namespace Workbench.Caching;

/// <summary>
/// CLOCK (Corbató 1968), the second-chance approximation of LRU: slots form a ring with one
/// reference bit each, set on a hit. On a miss with a full cache the hand sweeps forward, clearing
/// set bits, and replaces the first slot whose bit is clear; the hand then points past it. New keys
/// enter with the bit clear (as in Caffeine's simulator), so a key must be hit once to survive a
/// sweep. While the cache fills, keys take slots 0, 1, 2, ... and the hand stays at 0.
/// </summary>
public sealed class ClockPolicy : ICachePolicy
{
    private readonly long[] _keys;
    private readonly bool[] _referenced;
    private KeyIndex _index;
    private int _count, _hand;

    public ClockPolicy(int capacity)
    {
        CachePolicies.CheckCapacity(capacity);
        Capacity = capacity;
        _keys = new long[capacity];
        _referenced = new bool[capacity];
        _index = new KeyIndex(capacity);
    }

    public string Name => "clock";

    public int Capacity { get; }

    public bool Access(long key)
    {
        int slot = _index.Find(key);
        if (slot >= 0)
        {
            _referenced[slot] = true;
            return true;
        }
        if (_count < Capacity)
        {
            slot = _count++;
        }
        else
        {
            while (_referenced[_hand])
            {
                _referenced[_hand] = false;
                _hand = _hand + 1 == Capacity ? 0 : _hand + 1;
            }
            slot = _hand;
            _index.Remove(_keys[slot]);
            _hand = _hand + 1 == Capacity ? 0 : _hand + 1;
        }
        _keys[slot] = key;
        _referenced[slot] = false;
        _index.Add(key, slot);
        return false;
    }
}
