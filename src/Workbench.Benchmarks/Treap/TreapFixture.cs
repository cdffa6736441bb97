using Workbench.Workloads;

namespace Workbench.Benchmarks.Treap;

/// <summary>
/// The ordered sets, key sets and operation streams the treap benchmarks measure.
/// <para>
/// Keys: a structure of size n holds the even keys 0, 2, ..., 2(n-1); inserts use odd keys (always
/// absent), so an insert batch never collides with the set. Key orders: <c>sequential</c> builds in
/// ascending order and walks the keys in ascending order (a cursor, wrapping); <c>random</c> builds in a
/// seeded random order and draws keys uniformly; <c>zipf</c> builds in random order and draws keys by
/// rank from a Zipf distribution (exponent <see cref="ZipfExponent"/>), ranks mapped to keys through a
/// seeded permutation so that hot keys are spread over the key range. Inserts and deletes take distinct
/// keys in the same order; for Zipf that is <see cref="ZipfOrder"/>, Zipf-weighted sampling without
/// replacement over the same rank-to-key permutation (the order in which the distinct keys of a Zipf
/// stream first appear, without drawing the stream).
/// </para>
/// <para>
/// Building a structure of 10 million keys takes seconds, so the structures of the last size and build
/// order are kept (<see cref="Structure"/>; about 1.3 GB at 10^7 for all three) and reused by every
/// case of the same structure, size and order; the
/// benchmarks restore any change they make (an iteration cleanup deletes what was inserted and
/// re-inserts what was deleted), so every iteration starts from the same set.
/// </para>
/// </summary>
public static class TreapFixture
{
    /// <summary>Seed of every benchmark's keys, orders and priorities.</summary>
    public const int Seed = 42;

    /// <summary>The Zipf exponent of the <c>zipf</c> order (the usual skew of cache traces).</summary>
    public const double ZipfExponent = 0.99;

    /// <summary>Operations per invocation of lookups and range scans.</summary>
    public const int OperationCount = 1 << 14;

    /// <summary>Keys per range scan: a range covers this many consecutive keys.</summary>
    public const int RangeWidth = 100;

    public const string TreapName = "treap";
    public const string SortedSetName = "sortedset";
    public const string SortedDictionaryName = "sorteddictionary";
    public static readonly string[] Structures = [TreapName, SortedSetName, SortedDictionaryName];

    public const string Insert = "insert";
    public const string Lookup = "lookup";
    public const string Delete = "delete";
    public const string Range = "range";
    public static readonly string[] Operations = [Insert, Lookup, Delete, Range];

    public const string Sequential = "sequential";
    public const string Random = "random";
    public const string Zipf = "zipf";
    public static readonly string[] Orders = [Sequential, Random, Zipf];

    /// <summary>
    /// Inserts or deletes per invocation: n/8, at most 2^14, so that a batch changes the size by at most
    /// an eighth and the measurement stays at size n.
    /// </summary>
    public static int UpdateCount(long n) => (int)Math.Clamp(n / 8, 1, 1 << 14);

    /// <summary>Whether a structure supports an operation (SortedDictionary has no range query).</summary>
    public static bool Supports(string structure, string operation) => !(structure == SortedDictionaryName && operation == Range);

    // The structures of one size and build order, kept together so that the structures of one
    // (size, order, operation) can be measured one right after the other.
    private static (long N, string Order)? _cachedKey;
    private static readonly Dictionary<string, object> _cached = [];

    /// <summary>The structure holding the even keys below 2n, built in <paramref name="order"/> (sequential ascending,
    /// otherwise seeded random); every structure of the last size and build order is cached.</summary>
    public static object Structure(string structure, long n, string order)
    {
        var key = (n, order == Sequential ? Sequential : Random);
        if (_cachedKey == key && _cached.TryGetValue(structure, out var hit)) return hit;
        if (_cachedKey != key)
        {
            _cached.Clear();
            _cachedKey = null;
        }
        GC.Collect();
        var buildOrder = BuildOrder(n, order);
        object built;
        switch (structure)
        {
            case TreapName:
                var t = new Trees.Treap(Seed, (int)n);
                foreach (var k in buildOrder) t.Add(k);
                built = t;
                break;
            case SortedSetName:
                var s = new SortedSet<long>();
                foreach (var k in buildOrder) s.Add(k);
                built = s;
                break;
            case SortedDictionaryName:
                var d = new SortedDictionary<long, long>();
                foreach (var k in buildOrder) d.Add(k, k);
                built = d;
                break;
            default:
                throw new ArgumentException($"unknown structure '{structure}' (expected one of {string.Join(", ", Structures)})", nameof(structure));
        }
        _cached[structure] = built;
        _cachedKey = key;
        return built;
    }

    /// <summary>Drops the cached structure.</summary>
    public static void Release()
    {
        _cached.Clear();
        _cachedKey = null;
    }

    /// <summary>The keys of a structure of size n in the order they are inserted when it is built.</summary>
    public static long[] BuildOrder(long n, string order)
    {
        var keys = new long[n];
        for (long i = 0; i < n; i++) keys[i] = 2 * i;
        if (order != Sequential) new SplitMix64(Seed + 1).Shuffle(keys.AsSpan());
        return keys;
    }

    /// <summary><paramref name="count"/> key indices in [0, n) in <paramref name="order"/>, repeats allowed (lookups, range starts).</summary>
    public static long[] Indices(long n, string order, int count)
    {
        var result = new long[count];
        switch (order)
        {
            case Sequential:
                for (int i = 0; i < count; i++) result[i] = i % n;
                break;
            case Random:
                var random = new SplitMix64(Seed + 2);
                for (int i = 0; i < count; i++) result[i] = random.NextLong(n);
                break;
            case Zipf:
                var zipf = new ZipfGenerator((int)n, ZipfExponent, Seed + 3);
                var permutation = Permutation(n);
                for (int i = 0; i < count; i++) result[i] = permutation[zipf.Next() - 1];
                break;
            default:
                throw new ArgumentException($"unknown order '{order}' (expected one of {string.Join(", ", Orders)})", nameof(order));
        }
        return result;
    }

    /// <summary><paramref name="count"/> distinct key indices in [0, n) in <paramref name="order"/> (inserts and deletes).</summary>
    public static long[] DistinctIndices(long n, string order, int count)
    {
        if (count > n) throw new ArgumentOutOfRangeException(nameof(count), count, $"at most n = {n} distinct indices");
        switch (order)
        {
            case Sequential:
            {
                var result = new long[count];
                long start = n / 2; // the middle of the key range, not its end
                for (int i = 0; i < count; i++) result[i] = (start + i) % n;
                return result;
            }
            case Random:
                return Permutation(n, Seed + 4)[..count];
            case Zipf:
            {
                // Zipf-weighted sampling without replacement (the order in which a Zipf stream's distinct keys first appear).
                var permutation = Permutation(n);
                return [.. ZipfOrder.Ranks((int)n, ZipfExponent, count, Seed + 5).Select(rank => permutation[rank - 1])];
            }
            default:
                throw new ArgumentException($"unknown order '{order}' (expected one of {string.Join(", ", Orders)})", nameof(order));
        }
    }

    private static long[] Permutation(long n, long seed = Seed + 7)
    {
        var p = new long[n];
        for (long i = 0; i < n; i++) p[i] = i;
        new SplitMix64(seed).Shuffle(p.AsSpan());
        return p;
    }
}
