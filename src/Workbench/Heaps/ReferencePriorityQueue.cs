namespace Workbench.Heaps;

/// <summary>
/// The reference twin of every heap here: a list of (priority, id) pairs kept sorted, written as
/// plainly as possible (binary search to insert, linear scan to find an id, no heap at all).
/// Differential tests run the same operations on it and on a fast heap and compare after every
/// step. It follows the same rules and raises the same errors as <see cref="IAddressablePriorityQueue"/>.
/// O(n) per operation: do not use it for measurements.
/// </summary>
public sealed class ReferencePriorityQueue : IAddressablePriorityQueue
{
    private readonly List<(long Priority, int Id)> _sorted = [];

    /// <param name="capacity">Ids are 0 .. capacity-1.</param>
    public ReferencePriorityQueue(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(capacity);
        Capacity = capacity;
    }

    public int Count => _sorted.Count;

    public int Capacity { get; }

    /// <summary>Every (priority, id) pair, smallest priority first (ties by id).</summary>
    public IReadOnlyList<(long Priority, int Id)> Sorted => _sorted;

    public bool Contains(int id) => _sorted.Exists(e => e.Id == id);

    public long PriorityOf(int id)
    {
        foreach (var e in _sorted) if (e.Id == id) return e.Priority;
        throw HeapErrors.NotPresent(id);
    }

    public void Push(int id, long priority)
    {
        if (id < 0 || id >= Capacity) throw HeapErrors.IdOutOfRange(id, Capacity);
        if (Contains(id)) throw HeapErrors.AlreadyPresent(id);
        int at = _sorted.BinarySearch((priority, id));
        _sorted.Insert(at < 0 ? ~at : at, (priority, id));
    }

    public int Pop(out long priority)
    {
        if (_sorted.Count == 0) throw HeapErrors.Empty(nameof(ReferencePriorityQueue));
        (priority, int id) = _sorted[0];
        _sorted.RemoveAt(0);
        return id;
    }

    public int Peek(out long priority)
    {
        if (_sorted.Count == 0) throw HeapErrors.Empty(nameof(ReferencePriorityQueue));
        (priority, int id) = _sorted[0];
        return id;
    }

    public void DecreaseKey(int id, long priority)
    {
        long current = PriorityOf(id);
        if (priority > current) throw HeapErrors.NotADecrease(id, current, priority);
        Remove(id);
        Push(id, priority);
    }

    /// <summary>Removes a present id whatever its priority (tests use it to follow a fast heap's choice among equal priorities).</summary>
    public void Remove(int id)
    {
        int at = _sorted.FindIndex(e => e.Id == id);
        if (at < 0) throw HeapErrors.NotPresent(id);
        _sorted.RemoveAt(at);
    }
}
