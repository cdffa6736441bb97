namespace Workbench.Workloads;

/// <summary>
/// A Zipf key <em>order</em>: the first <c>count</c> of the ranks 1..n, each exactly once, in the order
/// of Zipf-weighted sampling without replacement (successive sampling): the next rank is drawn from
/// the ranks not yet drawn, rank k with probability proportional to <c>k^-s</c>. This is also the order
/// in which the distinct ranks of an endless Zipf stream (<see cref="ZipfGenerator"/>) first appear:
/// a stream's next new rank is a draw from the unseen ranks in proportion to their weights. Drawing
/// that stream and dropping repeats needs about n·H(n, s)/k^-s draws to reach a rank k of the tail;
/// this needs none.
/// <para>
/// Construction (exponential clocks; Efraimidis &amp; Spirakis, "Weighted random sampling with a
/// reservoir", Information Processing Letters 97(5), 2006): rank k gets the arrival time
/// <c>E_k / w_k</c> with <c>E_k</c> a seeded standard exponential and <c>w_k = k^-s</c>; the order is
/// by arrival time. The smallest arrival among the unseen ranks belongs to rank k with probability
/// <c>w_k / Σ w</c>, and by memorylessness the same holds after each removal, which is successive
/// sampling. One pass over the n ranks keeps the <c>count</c> earliest in a heap: O(n log count) time,
/// O(count) memory beyond the result.
/// </para>
/// </summary>
public static class ZipfOrder
{
    /// <summary>
    /// The first <paramref name="count"/> ranks (1-based, distinct) of the Zipf-weighted order of 1..n
    /// with exponent <paramref name="exponent"/>, from <paramref name="seed"/>: the same arguments give
    /// the same ranks, and the first <c>c</c> ranks for a count above <c>c</c> are those for <c>c</c>.
    /// </summary>
    public static int[] Ranks(int n, double exponent, int count, long seed)
    {
        if (n < 1 || n > 1 << 28) throw new ArgumentOutOfRangeException(nameof(n), n, "n (the number of ranks) must be between 1 and 2^28");
        if (!(exponent >= 0 && double.IsFinite(exponent))) throw new ArgumentOutOfRangeException(nameof(exponent), exponent, "the Zipf exponent s must be a finite number of at least 0");
        if (count < 0 || count > n) throw new ArgumentOutOfRangeException(nameof(count), count, $"count must be between 0 and n = {n}");
        if (count == 0) return [];
        // Max-heap on arrival time of the count earliest ranks seen so far; ties broken by rank.
        var earliest = new PriorityQueue<int, (double Arrival, int Rank)>(count, Latest.Instance);
        var random = new SplitMix64(seed);
        for (int k = 1; k <= n; k++)
        {
            // E = -ln(1 - u) with u in [0, 1); the arrival time is E / k^-s = E · k^s.
            double arrival = -Math.Log(1.0 - random.NextDouble()) * Math.Pow(k, exponent);
            if (earliest.Count < count) earliest.Enqueue(k, (arrival, k));
            else if (earliest.TryPeek(out _, out var latest) && (arrival, k).CompareTo(latest) < 0)
                earliest.EnqueueDequeue(k, (arrival, k));
        }
        var ranks = new int[count];
        for (int i = count - 1; i >= 0; i--) ranks[i] = earliest.Dequeue();
        return ranks;
    }

    private sealed class Latest : IComparer<(double Arrival, int Rank)>
    {
        public static readonly Latest Instance = new();
        public int Compare((double Arrival, int Rank) x, (double Arrival, int Rank) y) => y.CompareTo(x);
    }
}
