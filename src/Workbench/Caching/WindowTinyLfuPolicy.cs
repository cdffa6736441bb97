using System.Runtime.CompilerServices;

namespace Workbench.Caching;

/// <summary>
/// W-TinyLFU (Einziger, Friedman &amp; Manes, ACM TOS 13(4) 2017, §4), the fast implementation: a
/// small window LRU admits every new key; the window's LRU entry (the candidate) then competes for
/// the main region, a segmented LRU (probation and protected, Karedla et al. 1994) whose probation
/// LRU entry is the victim, and the TinyLFU sketch keeps whichever of the two it estimates more
/// frequent (strictly: ties keep the victim); while a window that the hill climber has grown fills
/// with new keys there is no candidate, and the less frequent of probation's two LRU entries is
/// evicted instead. A hit in probation promotes to protected, whose LRU
/// entry is demoted back to probation when protected overflows. Every request, hit or miss,
/// increments the sketch first. This is the replay logic of Caffeine's simulator
/// (<c>WindowTinyLfuPolicy</c>), sized as in <see cref="WindowTinyLfuSizing"/>; with
/// <c>adaptive</c> the window is resized by Caffeine's hill climber.
/// <para>
/// Allocation-free after construction: keys, segment tags and three intrusive lists live in flat
/// arrays of capacity + 1 slots (the extra slot holds the new key before one entry is evicted), a
/// <see cref="KeyIndex"/> maps keys to slots, and the sketch is <see cref="FrequencySketch"/>.
/// <see cref="ReferenceWindowTinyLfu"/> is the same algorithm written with LinkedList and
/// Dictionary; tests check that both give the same hit/miss sequence on any trace.
/// </para>
/// </summary>
public sealed class WindowTinyLfuPolicy : ICachePolicy
{
    private const int Window = 0, Probation = 1, Protected = 2;

    private readonly long[] _keys;
    private readonly byte[] _segment;
    private KeyIndex _index;
    private SlotLists _lists;
    private readonly FrequencySketch _sketch;
    private readonly bool _adaptive;
    private int _maxWindow, _maxProtected;
    private int _windowCount, _probationCount, _protectedCount;
    private int _used, _free = -1;
    private WindowTinyLfuSizing.Climber _climber = new();
    private int _sampleRequests, _sampleHits;
    private readonly int _sampleSize;

    public WindowTinyLfuPolicy(int capacity, bool adaptive = false, long seed = 0)
    {
        CachePolicies.CheckCapacity(capacity);
        Capacity = capacity;
        _adaptive = adaptive;
        _keys = new long[capacity + 1];
        _segment = new byte[capacity + 1];
        _index = new KeyIndex(capacity + 1);
        _lists = new SlotLists(capacity + 1, 3);
        _sketch = new FrequencySketch(capacity, seed);
        _sampleSize = _sketch.SampleSize;
        (_maxWindow, _maxProtected) = WindowTinyLfuSizing.Partition(capacity, WindowTinyLfuSizing.DefaultMainFraction);
    }

    public string Name => _adaptive ? "wtinylfu-adaptive" : "wtinylfu";

    public int Capacity { get; }

    /// <summary>Keys resident now.</summary>
    public int Count => _index.Count;

    /// <summary>Current window size limit in entries.</summary>
    public int MaxWindow => _maxWindow;

    /// <summary>Current protected segment limit in entries.</summary>
    public int MaxProtected => _maxProtected;

    /// <summary>The sketch that decides admission.</summary>
    public FrequencySketch Sketch => _sketch;

    public bool Access(long key)
    {
        _sketch.Increment(key);
        int slot = _index.Find(key);
        bool hit = slot >= 0;
        if (hit) OnHit(slot); else OnMiss(key);
        if (_adaptive) Sample(hit);
        return hit;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void OnHit(int slot)
    {
        switch (_segment[slot])
        {
            case Window:
                _lists.MoveToHead(Window, slot);
                break;
            case Probation:
                _segment[slot] = Protected;
                _lists.MoveToHead(Protected, slot);
                _probationCount--;
                if (++_protectedCount > _maxProtected) DemoteProtected();
                break;
            default:
                _lists.MoveToHead(Protected, slot);
                break;
        }
    }

    private void DemoteProtected()
    {
        int demoted = _lists.Tail(Protected);
        _segment[demoted] = Probation;
        _lists.MoveToHead(Probation, demoted);
        _protectedCount--;
        _probationCount++;
    }

    private void OnMiss(long key)
    {
        int slot;
        if (_free >= 0) { slot = _free; _free = -1; }
        else slot = _used++;
        _keys[slot] = key;
        _segment[slot] = Window;
        _index.Add(key, slot);
        _lists.PushHead(Window, slot);
        _windowCount++;
        if (_windowCount > _maxWindow)
        {
            // The window's overflow moves to probation in LRU order: one entry, or more after the hill
            // climber has shrunk the window; the oldest is the candidate.
            int candidate = _lists.Tail(Window);
            do
            {
                int moved = _lists.Tail(Window);
                _segment[moved] = Probation;
                _lists.MoveToHead(Probation, moved);
                _windowCount--;
                _probationCount++;
            }
            while (_windowCount > _maxWindow);
            if (_index.Count > Capacity)
            {
                int victim = _lists.Tail(Probation);
                bool admit = _sketch.Estimate(_keys[candidate]) > _sketch.Estimate(_keys[victim]);
                Evict(admit ? victim : candidate);
            }
        }
        else if (_index.Count > Capacity)
        {
            // Only after the hill climber has grown the window, which then fills with new keys and
            // offers no candidate. The sketch still decides, as Caffeine's
            // BoundedLocalCache.evictFromMain does whenever it has two entries to compare: the two LRU
            // entries of probation compete and the less frequent goes (ties evict the older), as in
            // the second pass of BitFaster's ConcurrentLfuCore.EvictFromMain, whose window grows the
            // same way.
            int oldest = _lists.Tail(Probation);
            int next = oldest >= 0 ? _lists.Newer(oldest) : -1;
            if (next >= 0) Evict(_sketch.Estimate(_keys[oldest]) > _sketch.Estimate(_keys[next]) ? next : oldest);
            else Evict(oldest >= 0 ? oldest : _lists.Tail(Protected));
        }
    }

    private void Evict(int slot)
    {
        _index.Remove(_keys[slot]);
        _lists.Unlink(slot);
        if (_segment[slot] == Probation) _probationCount--;
        else if (_segment[slot] == Protected) _protectedCount--;
        else _windowCount--;
        _free = slot;
    }

    /// <summary>The hill climber, run after a miss has been handled, as a production cache runs it in its
    /// maintenance (see <see cref="WindowTinyLfuSizing"/>): a sample closes at the first miss once it
    /// holds W requests; a smaller protected limit applies at once, a smaller window at the next miss.</summary>
    private void Sample(bool hit)
    {
        if (hit) _sampleHits++;
        if (++_sampleRequests < _sampleSize || hit) return;
        _climber.Adjust((double)_sampleHits / _sampleRequests);
        _sampleHits = _sampleRequests = 0;
        (_maxWindow, _maxProtected) = WindowTinyLfuSizing.Partition(Capacity, _climber.MainFraction);
        while (_protectedCount > _maxProtected) DemoteProtected();
    }
}
