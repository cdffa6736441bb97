namespace Workbench.Trees;

/// <summary>
/// The reference twin of <see cref="Treap"/>: the same ordered-set operations written as plainly as
/// possible over a sorted <see cref="List{T}"/> with binary search. Updates cost O(n) (elements are
/// shifted), which is fine for the sizes the differential tests use; its answers define what the
/// treap must answer, including the exceptions it throws on misuse.
/// </summary>
public sealed class ReferenceOrderedSet : IReadOnlyCollection<long>
{
    private readonly List<long> _keys;

    public ReferenceOrderedSet() => _keys = [];

    private ReferenceOrderedSet(List<long> sorted) => _keys = sorted;

    public int Count => _keys.Count;

    public bool Add(long key)
    {
        int i = _keys.BinarySearch(key);
        if (i >= 0) return false;
        _keys.Insert(~i, key);
        return true;
    }

    public bool Remove(long key)
    {
        int i = _keys.BinarySearch(key);
        if (i < 0) return false;
        _keys.RemoveAt(i);
        return true;
    }

    public bool Contains(long key) => _keys.BinarySearch(key) >= 0;

    public long Min => _keys.Count > 0 ? _keys[0] : throw new InvalidOperationException("The set is empty: it has no smallest key (check Count first).");

    public long Max => _keys.Count > 0 ? _keys[^1] : throw new InvalidOperationException("The set is empty: it has no largest key (check Count first).");

    /// <summary>The number of keys smaller than <paramref name="key"/>.</summary>
    public int Rank(long key)
    {
        int i = _keys.BinarySearch(key);
        return i >= 0 ? i : ~i;
    }

    public long Select(int index)
    {
        if (index < 0 || index >= _keys.Count)
            throw new ArgumentOutOfRangeException(nameof(index), index, $"index must be in [0, Count) = [0, {Count})");
        return _keys[index];
    }

    public int CountRange(long low, long high) => high <= low ? 0 : Rank(high) - Rank(low);

    public IEnumerable<long> Range(long low, long high) => _keys.Where(k => k >= low && k < high).ToList();

    /// <summary>Keys below <paramref name="key"/>, and keys at or above it; this set is left empty.</summary>
    public (ReferenceOrderedSet Less, ReferenceOrderedSet AtLeast) Split(long key)
    {
        int r = Rank(key);
        var result = (new ReferenceOrderedSet(_keys.GetRange(0, r)), new ReferenceOrderedSet(_keys.GetRange(r, _keys.Count - r)));
        _keys.Clear();
        return result;
    }

    /// <summary>All keys of both (every key of left below every key of right); both are left empty.</summary>
    public static ReferenceOrderedSet Join(ReferenceOrderedSet left, ReferenceOrderedSet right)
    {
        ArgumentNullException.ThrowIfNull(left);
        ArgumentNullException.ThrowIfNull(right);
        if (ReferenceEquals(left, right)) throw new ArgumentException("cannot join a set with itself", nameof(right));
        if (left.Count > 0 && right.Count > 0 && left.Max >= right.Min)
            throw new ArgumentException($"Join needs every key of left below every key of right, but left's largest key {left.Max} is not below right's smallest key {right.Min}.", nameof(right));
        var joined = new List<long>(left._keys);
        joined.AddRange(right._keys);
        left._keys.Clear();
        right._keys.Clear();
        return new ReferenceOrderedSet(joined);
    }

    public IEnumerator<long> GetEnumerator() => _keys.GetEnumerator();

    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
}
