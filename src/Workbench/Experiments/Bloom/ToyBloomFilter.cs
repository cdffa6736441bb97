using System.Text;
using Workbench.Filters;

namespace Workbench.Experiments.Bloom;

/// <summary>
/// A classic Bloom filter small enough to print (Bloom 1970, with the double hashing of Kirsch
/// &amp; Mitzenmacher 2006): it remembers the keys it was given, shows which bits each key sets,
/// and finds the first absent key that it wrongly reports as present. Uses the same hash scheme
/// as <see cref="BloomFilter"/>, so what it prints is what the real filter does at this size.
/// </summary>
public sealed class ToyBloomFilter
{
    private readonly BloomFilter _filter;
    private readonly ReferenceBloomFilter _positions;
    private readonly List<ulong> _keys = [];

    /// <param name="bits">m, at least 64 and at most 1024 (it is printed).</param>
    /// <param name="hashCount">k, probes per key.</param>
    /// <param name="seed">Seed of the hash function.</param>
    public ToyBloomFilter(int bits = 64, int hashCount = 3, long seed = 0)
    {
        if (bits is < 64 or > 1024) throw new ArgumentOutOfRangeException(nameof(bits), bits, "a toy filter has 64 to 1024 bits");
        _filter = new BloomFilter(bits, hashCount, seed);
        _positions = new ReferenceBloomFilter(ReferenceBloomFilter.Layout.Classic, bits, hashCount, seed);
    }

    public long SizeInBits => _filter.SizeInBits;

    public int HashCount => _filter.HashCount;

    /// <summary>The keys added so far, in order.</summary>
    public IReadOnlyList<ulong> Keys => _keys;

    /// <summary>Adds a key; returns the bit positions it sets (in probe order).</summary>
    public IReadOnlyList<long> Add(ulong key)
    {
        _filter.Add(key);
        _keys.Add(key);
        return Positions(key);
    }

    /// <summary>The k bit positions a key maps to.</summary>
    public IReadOnlyList<long> Positions(ulong key) => [.. _positions.Positions(key)];

    public bool MayContain(ulong key) => _filter.MayContain(key);

    /// <summary>Fraction of bits set.</summary>
    public double FillRatio() => _filter.FillRatio();

    /// <summary>The smallest key at or above <paramref name="from"/> that was never added but is reported present; null if none within <paramref name="limit"/> tries.</summary>
    public ulong? FirstFalsePositive(ulong from = 0, int limit = 1_000_000)
    {
        var added = _keys.ToHashSet();
        for (ulong key = from; key < from + (ulong)limit; key++)
        {
            if (!added.Contains(key) && _filter.MayContain(key)) return key;
        }
        return null;
    }

    /// <summary>The bit array as rows of 32 bits, each row prefixed with its first bit index; <c>1</c> set, <c>.</c> clear.</summary>
    public string Render()
    {
        var sb = new StringBuilder();
        for (long row = 0; row < SizeInBits; row += 32)
        {
            sb.Append($"{row,4} ");
            for (long i = row; i < Math.Min(row + 32, SizeInBits); i++)
            {
                if (i > row && (i - row) % 8 == 0) sb.Append(' ');
                sb.Append(_filter.GetBit(i) ? '1' : '.');
            }
            sb.Append('\n');
        }
        return sb.ToString();
    }

    /// <summary>One line per query: the key, its bit positions, which are set, and the answer.</summary>
    public string Explain(ulong key)
    {
        var positions = Positions(key);
        string bits = string.Join(", ", positions.Select(p => $"{p}{(_filter.GetBit(p) ? "=1" : "=0")}"));
        string answer = MayContain(key)
            ? (_keys.Contains(key) ? "maybe present (it was added)" : "maybe present: a FALSE POSITIVE, it was never added")
            : "definitely absent";
        return $"key {key}: bits {bits} -> {answer}";
    }
}
