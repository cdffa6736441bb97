namespace Workbench.Caching;

/// <summary>
/// LIRS (Jiang &amp; Zhang, "LIRS: An Efficient Low Inter-reference Recency Set Replacement Policy",
/// SIGMETRICS 2002, §3): keys with a low inter-reference recency (LIR, about 99% of the capacity) are
/// never evicted while they stay LIR; the rest of the cache holds resident HIR keys in a FIFO queue Q
/// whose front is the victim. The recency stack S holds LIR keys and recently seen HIR keys,
/// resident or not; its bottom is always a LIR key ("stack pruning" removes HIR keys from the
/// bottom). An HIR key requested while still in S has a smaller recency than the bottom LIR key, so
/// it becomes LIR and the bottom LIR key becomes a resident HIR key at the end of Q.
/// <para>
/// L_hirs is 1% of the capacity (at least 1), the paper's setting. The paper bounds S only by
/// pruning; as in Caffeine's simulator, non-resident HIR keys kept in S are capped (at 2 × capacity)
/// by forgetting the one that became non-resident first.
/// </para>
/// </summary>
public sealed class LirsPolicy : ICachePolicy
{
    private const byte Lir = 0, HirResident = 1, HirNonResident = 2;
    private const int Q = 0, NonResident = 1;

    private readonly long[] _keys;
    private readonly byte[] _state;
    private readonly bool[] _inStack;
    private readonly int[] _free;
    private int _freeCount;
    private KeyIndex _index;
    private SlotLists _stack;        // one list: S, head = top (most recent)
    private SlotLists _queues;       // Q (resident HIR, head = end, tail = front) and the non-resident FIFO
    private readonly int _maxLir, _maxNonResident;
    private int _lirCount, _hirResident, _nonResident;

    public LirsPolicy(int capacity)
    {
        CachePolicies.CheckCapacity(capacity);
        Capacity = capacity;
        int hir = Math.Max(1, capacity / 100);
        _maxLir = Math.Max(0, capacity - hir);
        _maxNonResident = 2 * capacity;
        int slots = capacity + _maxNonResident + 2;
        _keys = new long[slots];
        _state = new byte[slots];
        _inStack = new bool[slots];
        _free = new int[slots];
        for (int i = 0; i < slots; i++) _free[i] = slots - 1 - i;
        _freeCount = slots;
        _index = new KeyIndex(slots);
        _stack = new SlotLists(slots, 1);
        _queues = new SlotLists(slots, 2);
    }

    public string Name => "lirs";

    public int Capacity { get; }

    /// <summary>Number of LIR keys (at most capacity minus L_hirs).</summary>
    public int LirCount => _lirCount;

    /// <summary>True when <paramref name="key"/> is resident and LIR.</summary>
    public bool IsLir(long key)
    {
        int s = _index.Find(key);
        return s >= 0 && _state[s] == Lir;
    }

    public bool Access(long key)
    {
        int slot = _index.Find(key);
        if (slot >= 0 && _state[slot] == Lir)
        {
            bool wasBottom = _stack.Tail(0) == slot;
            _stack.MoveToHead(0, slot);
            if (wasBottom) Prune();
            return true;
        }
        if (slot >= 0 && _state[slot] == HirResident)
        {
            if (_inStack[slot])
            {
                _queues.Unlink(slot);
                _hirResident--;
                MakeLir(slot);
                _stack.MoveToHead(0, slot);
                DemoteBottomLir();
            }
            else
            {
                PushStack(slot);
                _queues.MoveToHead(Q, slot);
            }
            return true;
        }
        // Miss: the key is new or a non-resident HIR key still in S.
        if (_lirCount < _maxLir && slot < 0)
        {
            slot = NewSlot(key);
            MakeLir(slot);
            PushStack(slot);
            return false;
        }
        if (_lirCount + _hirResident >= Capacity) EvictFrontOfQ();
        if (slot >= 0)
        {
            // Non-resident HIR in S (it may have been forgotten by the eviction above).
            slot = _index.Find(key);
        }
        if (slot >= 0)
        {
            _queues.Unlink(slot);     // off the non-resident FIFO
            _nonResident--;
            MakeLir(slot);
            _stack.MoveToHead(0, slot);
            DemoteBottomLir();
        }
        else
        {
            slot = NewSlot(key);
            _state[slot] = HirResident;
            _hirResident++;
            PushStack(slot);
            _queues.PushHead(Q, slot);
        }
        return false;
    }

    private int NewSlot(long key)
    {
        int slot = _free[--_freeCount];
        _keys[slot] = key;
        _index.Add(key, slot);
        _inStack[slot] = false;
        return slot;
    }

    private void MakeLir(int slot)
    {
        _state[slot] = Lir;
        _lirCount++;
    }

    private void PushStack(int slot)
    {
        if (_inStack[slot]) _stack.MoveToHead(0, slot);
        else { _stack.PushHead(0, slot); _inStack[slot] = true; }
    }

    /// <summary>The LIR key at the bottom of S becomes a resident HIR key at the end of Q; then S is pruned.</summary>
    private void DemoteBottomLir()
    {
        if (_lirCount <= _maxLir) return;
        int bottom = _stack.Tail(0);
        _stack.Unlink(bottom);
        _inStack[bottom] = false;
        _state[bottom] = HirResident;
        _lirCount--;
        _hirResident++;
        _queues.PushHead(Q, bottom);
        Prune();
    }

    /// <summary>Stack pruning: removes HIR keys from the bottom of S until a LIR key is there.</summary>
    private void Prune()
    {
        while (true)
        {
            int bottom = _stack.Tail(0);
            if (bottom < 0 || _state[bottom] == Lir) return;
            _stack.Unlink(bottom);
            _inStack[bottom] = false;
            if (_state[bottom] == HirNonResident) Forget(bottom);
        }
    }

    private void EvictFrontOfQ()
    {
        int front = _queues.Tail(Q);
        if (front < 0)
        {
            // Q is empty only when every resident is LIR (capacity 1 without HIR space): evict the bottom LIR key.
            front = _stack.Tail(0);
            _stack.Unlink(front);
            _inStack[front] = false;
            _lirCount--;
            Forget(front, wasNonResident: false);
            return;
        }
        _queues.Unlink(front);
        _hirResident--;
        if (_inStack[front])
        {
            _state[front] = HirNonResident;
            _nonResident++;
            _queues.PushHead(NonResident, front);
            if (_nonResident > _maxNonResident)
            {
                int oldest = _queues.Tail(NonResident);
                _stack.Unlink(oldest);
                _inStack[oldest] = false;
                Forget(oldest);
            }
        }
        else
        {
            Forget(front, wasNonResident: false);
        }
    }

    private void Forget(int slot, bool wasNonResident = true)
    {
        if (wasNonResident)
        {
            _queues.Unlink(slot);
            _nonResident--;
        }
        _index.Remove(_keys[slot]);
        _free[_freeCount++] = slot;
    }
}
