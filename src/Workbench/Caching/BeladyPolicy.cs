namespace Workbench.Caching;

/// <summary>
/// Belady's optimal replacement (Belady, "A study of replacement algorithms for a virtual-storage
/// computer", IBM Systems Journal 5(2), 1966), the clairvoyant upper bound on hit ratio for unit-size
/// entries. <see cref="Prepare"/> computes, for every position of the trace, the position of the same
/// key's next request. On each request the requested key is considered together with the residents;
/// when that makes one too many, the key whose next use lies furthest in the future (or never comes)
/// is dropped, which may be the requested key itself (it then bypasses the cache). This is the true
/// offline optimum with bypass allowed, the variant Caffeine's simulator reports as "opt". Residents
/// sit in a max-heap on next use with lazy deletion of stale entries. Must be replayed on exactly the
/// prepared trace.
/// </summary>
public sealed class BeladyPolicy : IOfflinePolicy
{
    private const long Never = long.MaxValue;

    private long[] _trace = [];
    private int[] _next = [];
    private int _position;
    private readonly Dictionary<long, long> _residentNextUse = [];
    private readonly PriorityQueue<long, long> _furthest = new();   // key, priority = -next use

    public BeladyPolicy(int capacity)
    {
        CachePolicies.CheckCapacity(capacity);
        Capacity = capacity;
    }

    public string Name => "opt";

    public int Capacity { get; }

    public void Prepare(ReadOnlySpan<long> trace)
    {
        _trace = trace.ToArray();
        _next = new int[trace.Length];
        var seen = new Dictionary<long, int>();
        for (int i = trace.Length - 1; i >= 0; i--)
        {
            _next[i] = seen.TryGetValue(trace[i], out int j) ? j : -1;
            seen[trace[i]] = i;
        }
        _position = 0;
        _residentNextUse.Clear();
        _furthest.Clear();
    }

    public bool Access(long key)
    {
        if (_position >= _trace.Length) throw new InvalidOperationException($"opt: request {_position} is beyond the prepared trace of {_trace.Length} requests; call Prepare with the whole trace first");
        if (_trace[_position] != key) throw new InvalidOperationException($"opt: request {_position} is key {key} but the prepared trace has {_trace[_position]} there");
        long nextUse = _next[_position] < 0 ? Never - _position : _next[_position];   // distinct "never" values keep ties deterministic
        _position++;
        bool hit = _residentNextUse.ContainsKey(key);
        if (!hit && _residentNextUse.Count == Capacity)
        {
            long victim = PeekFurthest(out long victimNextUse);
            if (nextUse >= victimNextUse) return false;   // the requested key is needed last: bypass
            _furthest.Dequeue();
            _residentNextUse.Remove(victim);
        }
        _residentNextUse[key] = nextUse;
        _furthest.Enqueue(key, -nextUse);
        return hit;
    }

    private long PeekFurthest(out long nextUse)
    {
        while (true)
        {
            _furthest.TryPeek(out long key, out long priority);
            if (_residentNextUse.TryGetValue(key, out long current) && current == -priority)
            {
                nextUse = current;
                return key;
            }
            _furthest.Dequeue();   // stale: the key was requested again or evicted
        }
    }
}
