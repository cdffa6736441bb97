namespace Workbench.Caching;

/// <summary>
/// ARC, the adaptive replacement cache (Megiddo &amp; Modha, "ARC: A Self-Tuning, Low Overhead
/// Replacement Cache", FAST 2003, Figure 4). Four LRU lists: T1 (resident, seen once recently), T2
/// (resident, seen at least twice), and their ghosts B1 and B2 (keys only, recently evicted from T1
/// and T2), with |T1| + |T2| ≤ c and |T1| + |B1| ≤ c, |T1| + |T2| + |B1| + |B2| ≤ 2c. The target
/// size p of T1 is real-valued as in the figure: a hit in B1 raises it by max(|B2|/|B1|, 1), a hit in
/// B2 lowers it by max(|B1|/|B2|, 1), clamped to [0, c]. REPLACE evicts T1's LRU key to B1 when
/// |T1| &gt; p (or |T1| = p and the request hit B2), else T2's LRU key to B2.
/// </summary>
public sealed class ArcPolicy : ICachePolicy
{
    private const int T1 = 0, T2 = 1, B1 = 2, B2 = 3;

    private readonly long[] _keys;
    private readonly byte[] _list;
    private readonly int[] _free;
    private int _freeCount;
    private readonly int[] _sizes = new int[4];
    private KeyIndex _index;
    private SlotLists _lists;
    private double _p;

    public ArcPolicy(int capacity)
    {
        CachePolicies.CheckCapacity(capacity);
        Capacity = capacity;
        int slots = 2 * capacity + 1;
        _keys = new long[slots];
        _list = new byte[slots];
        _free = new int[slots];
        for (int i = 0; i < slots; i++) _free[i] = slots - 1 - i;
        _freeCount = slots;
        _index = new KeyIndex(slots);
        _lists = new SlotLists(slots, 4);
    }

    public string Name => "arc";

    public int Capacity { get; }

    /// <summary>The current target size of T1 (0 to capacity).</summary>
    public double P => _p;

    /// <summary>Sizes of T1, T2, B1 and B2.</summary>
    public (int T1, int T2, int B1, int B2) Sizes => (_sizes[T1], _sizes[T2], _sizes[B1], _sizes[B2]);

    public bool Access(long key)
    {
        int c = Capacity;
        int slot = _index.Find(key);
        if (slot >= 0)
        {
            int list = _list[slot];
            if (list is T1 or T2)
            {
                Move(slot, T2);                                                       // Case I
                return true;
            }
            if (list == B1)
            {
                _p = Math.Min(c, _p + Math.Max((double)_sizes[B2] / _sizes[B1], 1));  // Case II
                Replace(inB2: false);
            }
            else
            {
                _p = Math.Max(0, _p - Math.Max((double)_sizes[B1] / _sizes[B2], 1));  // Case III
                Replace(inB2: true);
            }
            Move(slot, T2);
            return false;
        }
        // Case IV: a key in none of the four lists.
        int l1 = _sizes[T1] + _sizes[B1];
        int total = l1 + _sizes[T2] + _sizes[B2];
        if (l1 == c)
        {
            if (_sizes[T1] < c)
            {
                Drop(_lists.Tail(B1));
                Replace(inB2: false);
            }
            else
            {
                Drop(_lists.Tail(T1));
            }
        }
        else if (total >= c)
        {
            if (total == 2 * c) Drop(_lists.Tail(B2));
            Replace(inB2: false);
        }
        slot = _free[--_freeCount];
        _keys[slot] = key;
        _index.Add(key, slot);
        _list[slot] = T1;
        _sizes[T1]++;
        _lists.PushHead(T1, slot);
        return false;
    }

    /// <summary>REPLACE(x, p) of Figure 4: demote one resident key to its ghost list.</summary>
    private void Replace(bool inB2)
    {
        int t1 = _sizes[T1];
        if (t1 >= 1 && ((inB2 && t1 == _p) || t1 > _p)) Move(_lists.Tail(T1), B1);
        else Move(_lists.Tail(T2), B2);
    }

    private void Move(int slot, int to)
    {
        _sizes[_list[slot]]--;
        _sizes[to]++;
        _list[slot] = (byte)to;
        _lists.MoveToHead(to, slot);
    }

    private void Drop(int slot)
    {
        _sizes[_list[slot]]--;
        _lists.Unlink(slot);
        _index.Remove(_keys[slot]);
        _free[_freeCount++] = slot;
    }
}
