namespace Workbench.Sketches;

/// <summary>
/// φ-heavy hitters from a count-min sketch and a heap of candidates (Cormode &amp; Muthukrishnan
/// 2005, section 5.1, "heavy hitters" in the cash-register model): on each arrival the key's
/// count is added and its estimate read; a key whose estimate reaches φ·N_t (N_t the count so
/// far) becomes a candidate, and candidates whose last estimate fell below φ·N_t are dropped
/// from the bottom of a min-heap as N grows. Since estimates never fall below true counts, every
/// key with f ≥ φ·N is reported (recall 1); with the sketch sized for ε, every reported key has
/// f ≥ (φ - ε)·N with probability 1 - δ each.
/// </summary>
public sealed class CountMinHeavyHitters
{
    private readonly Dictionary<ulong, long> _candidates = [];
    private readonly PriorityQueue<ulong, long> _heap = new();

    /// <param name="sketch">The sketch counts are added to (it should start empty).</param>
    /// <param name="phi">φ in (0, 1): the fraction of the stream a heavy hitter holds at least.</param>
    public CountMinHeavyHitters(CountMinSketch sketch, double phi)
    {
        ArgumentNullException.ThrowIfNull(sketch);
        if (!(phi > 0 && phi < 1)) throw new ArgumentOutOfRangeException(nameof(phi), phi, "phi must be in (0, 1)");
        Sketch = sketch;
        Phi = phi;
    }

    public CountMinSketch Sketch { get; }

    public double Phi { get; }

    /// <summary>Candidates currently held (the heap's useful size).</summary>
    public int CandidateCount => _candidates.Count;

    public void Add(ulong key, long count = 1)
    {
        Sketch.Add(key, count);
        double threshold = Phi * Sketch.TotalCount;
        long estimate = Sketch.Estimate(key);
        if (estimate >= threshold)
        {
            _candidates[key] = estimate;
            _heap.Enqueue(key, estimate);
        }
        // Drop candidates from the bottom whose estimate is now below the threshold; entries whose
        // key has a newer estimate are stale copies and are skipped (lazy deletion).
        while (_heap.TryPeek(out var low, out long priority) && priority < threshold)
        {
            _heap.Dequeue();
            if (_candidates.TryGetValue(low, out long current) && current == priority) _candidates.Remove(low);
        }
        // Keep the heap proportional to the candidates: rebuild when stale entries dominate.
        if (_heap.Count > 4 * _candidates.Count + 64)
        {
            _heap.Clear();
            foreach (var (k, e) in _candidates) _heap.Enqueue(k, e);
        }
    }

    /// <summary>The reported heavy hitters: candidates whose current estimate is at least φ·N, with that estimate, largest first.</summary>
    public IReadOnlyList<(ulong Key, long Estimate)> HeavyHitters()
    {
        double threshold = Phi * Sketch.TotalCount;
        return [.. _candidates.Keys.Select(k => (Key: k, Estimate: Sketch.Estimate(k))).Where(c => c.Estimate >= threshold).OrderByDescending(c => c.Estimate).ThenBy(c => c.Key)];
    }
}
