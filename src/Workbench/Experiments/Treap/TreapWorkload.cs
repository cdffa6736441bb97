using Workbench.Trees;
using Workbench.Workloads;

namespace Workbench.Experiments.Treap;

/// <summary>Key orders and seeded treaps shared by the treap experiments.</summary>
public static class TreapWorkload
{
    /// <summary>Keys 0..n-1 in ascending order.</summary>
    public const string Sequential = "sequential";

    /// <summary>Keys 0..n-1 in a seeded random order (a Fisher–Yates shuffle).</summary>
    public const string Random = "random";

    /// <summary>The orders the accuracy experiments accept.</summary>
    public static readonly string[] Orders = [Random, Sequential];

    /// <summary>The priority seed of tree <paramref name="tree"/> of an experiment run with <paramref name="seed"/>: distinct per tree and per n.</summary>
    public static long TreeSeed(int seed, long keys, int tree) => (long)new SplitMix64(seed ^ (keys << 20) ^ ((long)tree << 48)).Next();

    /// <summary>Keys 0..n-1 in <paramref name="order"/>; the shuffle is seeded by <paramref name="shuffleSeed"/>.</summary>
    public static long[] Keys(long n, string order, long shuffleSeed)
    {
        var keys = new long[n];
        for (long i = 0; i < n; i++) keys[i] = i;
        if (order == Random) new SplitMix64(shuffleSeed).Shuffle(keys.AsSpan());
        else if (order != Sequential) throw new ArgumentException($"unknown key order '{order}' (expected one of {string.Join(", ", Orders)})", nameof(order));
        return keys;
    }

    /// <summary>A treap holding keys 0..n-1, inserted in random order, with priorities from <paramref name="treeSeed"/>.</summary>
    public static Trees.Treap Build(long n, long treeSeed)
    {
        var treap = new Trees.Treap(treeSeed, (int)n);
        foreach (var k in Keys(n, Random, ~treeSeed)) treap.Add(k);
        return treap;
    }

    /// <summary>Checks that every n lies in [1, max], naming the parameter.</summary>
    public static IEnumerable<string> KeysInRange(string name, IReadOnlyList<long>? values, long max)
    {
        if (values is null || values.Count == 0) { yield return $"{name} must list at least one value"; yield break; }
        foreach (var v in values)
        {
            if (v < 1 || v > max) { yield return $"{name} values must be between 1 and {max} (got {v})"; yield break; }
        }
    }
}
