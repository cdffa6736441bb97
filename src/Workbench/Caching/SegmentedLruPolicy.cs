namespace Workbench.Caching;

/// <summary>
/// Segmented LRU (Karedla, Love &amp; Wherry, IEEE Computer 27(3), 1994): a probationary and a
/// protected LRU segment. New keys enter probation; a hit in probation promotes the key to the head
/// of protected; when protected exceeds its share (80% of the capacity, Caffeine's default) its LRU
/// key is demoted to the head of probation; the victim is always probation's LRU key, so a key seen
/// once never displaces a key seen twice. W-TinyLFU uses the same structure as its main region.
/// </summary>
public sealed class SegmentedLruPolicy : ICachePolicy
{
    private const int Probation = 0, Protected = 1;

    private readonly long[] _keys;
    private readonly byte[] _segment;
    private KeyIndex _index;
    private SlotLists _lists;
    private readonly int _maxProtected;
    private int _count, _protectedCount;

    public SegmentedLruPolicy(int capacity, double protectedFraction = 0.8)
    {
        CachePolicies.CheckCapacity(capacity);
        if (!(protectedFraction >= 0 && protectedFraction < 1)) throw new ArgumentOutOfRangeException(nameof(protectedFraction), protectedFraction, "protectedFraction must be in [0, 1)");
        Capacity = capacity;
        _maxProtected = (int)(protectedFraction * capacity);
        _keys = new long[capacity + 1];
        _segment = new byte[capacity + 1];
        _index = new KeyIndex(capacity + 1);
        _lists = new SlotLists(capacity + 1, 2);
    }

    public string Name => "slru";

    public int Capacity { get; }

    public bool Access(long key)
    {
        int slot = _index.Find(key);
        if (slot >= 0)
        {
            _lists.MoveToHead(Protected, slot);
            if (_segment[slot] == Probation)
            {
                _segment[slot] = Protected;
                if (++_protectedCount > _maxProtected)
                {
                    int demoted = _lists.Tail(Protected);
                    _segment[demoted] = Probation;
                    _lists.MoveToHead(Probation, demoted);
                    _protectedCount--;
                }
            }
            return true;
        }
        if (_count < Capacity)
        {
            slot = _count++;
        }
        else
        {
            slot = _lists.Tail(Probation);   // protected holds at most 80%, so probation is never empty here
            _index.Remove(_keys[slot]);
            _lists.Unlink(slot);
        }
        _keys[slot] = key;
        _segment[slot] = Probation;
        _index.Add(key, slot);
        _lists.PushHead(Probation, slot);
        return false;
    }
}
