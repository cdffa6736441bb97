namespace Workbench.Caching;

/// <summary>
/// <see cref="WindowTinyLfuPolicy"/> written plainly for differential tests: three
/// <see cref="LinkedList{T}"/> segments (First is the most recently used end), a
/// <see cref="Dictionary{TKey, TValue}"/> from key to its node and segment, and
/// <see cref="ReferenceFrequencySketch"/>. Same window/probation/protected sizing, promotion,
/// demotion, admission (candidate kept only if strictly more frequent than the victim; while a
/// grown window fills, the less frequent of probation's two LRU entries is evicted) and hill
/// climber; it allocates on every miss and is several times slower.
/// </summary>
public sealed class ReferenceWindowTinyLfu : ICachePolicy
{
    private enum Segment { Window, Probation, Protected }

    private sealed class Entry(long key)
    {
        public long Key = key;
        public Segment Segment;
        public LinkedListNode<Entry>? Node;
    }

    private readonly LinkedList<Entry> _window = new(), _probation = new(), _protected = new();
    private readonly Dictionary<long, Entry> _entries = [];
    private readonly ReferenceFrequencySketch _sketch;
    private readonly bool _adaptive;
    private int _maxWindow, _maxProtected;
    private WindowTinyLfuSizing.Climber _climber = new();
    private int _sampleRequests, _sampleHits;

    public ReferenceWindowTinyLfu(int capacity, bool adaptive = false, long seed = 0)
    {
        CachePolicies.CheckCapacity(capacity);
        Capacity = capacity;
        _adaptive = adaptive;
        _sketch = new ReferenceFrequencySketch(capacity, seed);
        (_maxWindow, _maxProtected) = WindowTinyLfuSizing.Partition(capacity, WindowTinyLfuSizing.DefaultMainFraction);
    }

    public string Name => _adaptive ? "wtinylfu-adaptive" : "wtinylfu";

    public int Capacity { get; }

    private LinkedList<Entry> ListOf(Segment s) => s switch
    {
        Segment.Window => _window,
        Segment.Probation => _probation,
        _ => _protected,
    };

    private void MoveTo(Entry e, Segment s)
    {
        ListOf(e.Segment).Remove(e.Node!);
        e.Segment = s;
        e.Node = ListOf(s).AddFirst(e);
    }

    public bool Access(long key)
    {
        _sketch.Increment(key);
        bool hit = _entries.TryGetValue(key, out Entry? e);
        if (hit)
        {
            if (e!.Segment == Segment.Probation)
            {
                MoveTo(e, Segment.Protected);
                if (_protected.Count > _maxProtected) MoveTo(_protected.Last!.Value, Segment.Probation);
            }
            else
            {
                MoveTo(e, e.Segment);
            }
        }
        else
        {
            var added = new Entry(key) { Segment = Segment.Window };
            added.Node = _window.AddFirst(added);
            _entries.Add(key, added);
            if (_window.Count > _maxWindow)
            {
                // Everything over the window's limit goes to probation, oldest first; the oldest competes.
                Entry candidate = _window.Last!.Value;
                while (_window.Count > _maxWindow) MoveTo(_window.Last!.Value, Segment.Probation);
                if (_entries.Count > Capacity)
                {
                    Entry victim = _probation.Last!.Value;
                    Remove(_sketch.Estimate(candidate.Key) > _sketch.Estimate(victim.Key) ? victim : candidate);
                }
            }
            else if (_entries.Count > Capacity)
            {
                // The window has grown and offers no candidate: the two LRU entries of probation compete.
                if (_probation.Count >= 2)
                {
                    Entry oldest = _probation.Last!.Value, next = _probation.Last.Previous!.Value;
                    Remove(_sketch.Estimate(oldest.Key) > _sketch.Estimate(next.Key) ? next : oldest);
                }
                else
                {
                    Remove(_probation.Count > 0 ? _probation.Last!.Value : _protected.Last!.Value);
                }
            }
        }
        if (_adaptive) Sample(hit);
        return hit;
    }

    private void Remove(Entry e)
    {
        ListOf(e.Segment).Remove(e.Node!);
        _entries.Remove(e.Key);
    }

    private void Sample(bool hit)
    {
        if (hit) _sampleHits++;
        _sampleRequests++;
        // A sample ends at a miss, once it holds W requests; a shrunk window is trimmed at the next miss.
        if (_sampleRequests < _sketch.SampleSize || hit) return;
        _climber.Adjust((double)_sampleHits / _sampleRequests);
        _sampleHits = _sampleRequests = 0;
        (_maxWindow, _maxProtected) = WindowTinyLfuSizing.Partition(Capacity, _climber.MainFraction);
        while (_protected.Count > _maxProtected) MoveTo(_protected.Last!.Value, Segment.Probation);
    }
}
