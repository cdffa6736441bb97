namespace Workbench.Caching;

/// <summary>
/// S3-FIFO (Yang, Zhang, Qiu, Yue &amp; Rashmi, "FIFO queues are all you need for cache eviction",
/// SOSP 2023, Algorithm 1): a small FIFO S (10% of the capacity) that new keys enter, a main FIFO M
/// (the rest), and a ghost FIFO G of keys recently evicted from S (as many as M holds). Each resident
/// key has a 2-bit frequency, incremented on a hit up to 3. Eviction takes from S while S holds at
/// least 10% of the capacity, else from M. From S, a key hit more than once moves to M (which may
/// then evict from M) and the others are evicted into G; from M, a key with a non-zero frequency is
/// reinserted at M's head with its frequency decremented, else evicted. A miss on a key in G inserts
/// it straight into M.
/// </summary>
public sealed class S3FifoPolicy : ICachePolicy
{
    private const int Small = 0, Main = 1, Ghost = 2;

    private readonly long[] _keys;
    private readonly byte[] _queue;
    private readonly byte[] _freq;
    private readonly int[] _free;
    private int _freeCount;
    private KeyIndex _index;
    private SlotLists _lists;
    private int _small, _main, _ghost;
    private readonly double _smallTarget, _mainCapacity;
    private readonly int _ghostCapacity;

    public S3FifoPolicy(int capacity, double smallFraction = 0.1)
    {
        CachePolicies.CheckCapacity(capacity);
        if (!(smallFraction > 0 && smallFraction < 1)) throw new ArgumentOutOfRangeException(nameof(smallFraction), smallFraction, "smallFraction must be in (0, 1)");
        Capacity = capacity;
        _smallTarget = smallFraction * capacity;
        _mainCapacity = capacity - _smallTarget;
        _ghostCapacity = Math.Max(1, (int)_mainCapacity);
        int slots = capacity + _ghostCapacity + 1;
        _keys = new long[slots];
        _queue = new byte[slots];
        _freq = new byte[slots];
        _free = new int[slots];
        for (int i = 0; i < slots; i++) _free[i] = slots - 1 - i;
        _freeCount = slots;
        _index = new KeyIndex(slots);
        _lists = new SlotLists(slots, 3);
    }

    public string Name => "s3fifo";

    public int Capacity { get; }

    public bool Access(long key)
    {
        int slot = _index.Find(key);
        if (slot >= 0 && _queue[slot] != Ghost)
        {
            if (_freq[slot] < 3) _freq[slot]++;
            return true;
        }
        if (slot >= 0)
        {
            // A ghost: off G first (so that making room cannot drop it), then straight into M.
            _lists.Unlink(slot);
            _ghost--;
            _queue[slot] = Main;
            while (_small + _main >= Capacity) Evict();
            _main++;
            _lists.PushHead(Main, slot);
        }
        else
        {
            while (_small + _main >= Capacity) Evict();
            slot = _free[--_freeCount];
            _keys[slot] = key;
            _index.Add(key, slot);
            _queue[slot] = Small;
            _small++;
            _lists.PushHead(Small, slot);
        }
        _freq[slot] = 0;
        return false;
    }

    private void Evict()
    {
        if (_small >= _smallTarget && _small > 0) EvictSmall(); else EvictMain();
    }

    private void EvictSmall()
    {
        while (_small > 0)
        {
            int t = _lists.Tail(Small);
            _small--;
            if (_freq[t] > 1)
            {
                _queue[t] = Main;
                _main++;
                _lists.MoveToHead(Main, t);
                if (_main >= _mainCapacity) EvictMain();
            }
            else
            {
                if (_ghost == _ghostCapacity) Drop(_lists.Tail(Ghost));
                _queue[t] = Ghost;
                _ghost++;
                _lists.MoveToHead(Ghost, t);
                return;
            }
        }
    }

    private void EvictMain()
    {
        while (_main > 0)
        {
            int t = _lists.Tail(Main);
            if (_freq[t] > 0)
            {
                _freq[t]--;
                _lists.MoveToHead(Main, t);
            }
            else
            {
                _main--;
                Drop(t);
                return;
            }
        }
    }

    private void Drop(int slot)
    {
        if (_queue[slot] == Ghost) _ghost--;
        _lists.Unlink(slot);
        _index.Remove(_keys[slot]);
        _free[_freeCount++] = slot;
    }
}
