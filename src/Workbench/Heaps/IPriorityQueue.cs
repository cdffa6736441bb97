namespace Workbench.Heaps;

/// <summary>
/// A min-priority queue of integer element ids with 64-bit priorities: <see cref="Pop"/> returns an
/// element of smallest priority. Among equal priorities the order is unspecified (each heap breaks
/// ties its own way), so tests compare priorities, not ids.
/// </summary>
public interface IPriorityQueue
{
    /// <summary>Number of elements held.</summary>
    int Count { get; }

    /// <summary>Adds element <paramref name="id"/> with <paramref name="priority"/>.</summary>
    void Push(int id, long priority);

    /// <summary>Removes and returns an element of smallest priority. Throws <see cref="InvalidOperationException"/> when empty.</summary>
    int Pop(out long priority);

    /// <summary>Returns, without removing, an element of smallest priority. Throws <see cref="InvalidOperationException"/> when empty.</summary>
    int Peek(out long priority);
}

/// <summary>
/// A priority queue whose elements are the ids <c>0 .. Capacity-1</c>, each present at most once,
/// with decrease-key (the operation Dijkstra's algorithm needs; Johnson 1975). Obligations:
/// <see cref="IPriorityQueue.Push"/> throws <see cref="ArgumentException"/> naming <c>id</c> for an
/// id out of range or already present; <see cref="DecreaseKey"/> throws <see cref="ArgumentException"/>
/// naming <c>id</c> for an absent id and naming <c>priority</c> for a priority larger than the current one.
/// </summary>
public interface IAddressablePriorityQueue : IPriorityQueue
{
    /// <summary>Ids are <c>0 .. Capacity-1</c>.</summary>
    int Capacity { get; }

    /// <summary>True when <paramref name="id"/> is in the queue.</summary>
    bool Contains(int id);

    /// <summary>The current priority of a present id.</summary>
    long PriorityOf(int id);

    /// <summary>Lowers the priority of a present id to <paramref name="priority"/> (equal is allowed and changes nothing).</summary>
    void DecreaseKey(int id, long priority);
}

/// <summary>The errors every heap raises, worded the same way.</summary>
internal static class HeapErrors
{
    public static InvalidOperationException Empty(string name) => new($"{name} is empty: Pop and Peek need at least one element.");

    public static ArgumentOutOfRangeException IdOutOfRange(int id, int capacity) =>
        new("id", id, $"id must be between 0 and {capacity - 1} (capacity {capacity})");

    public static ArgumentException AlreadyPresent(int id) => new($"id {id} is already in the queue.", "id");

    public static ArgumentException NotPresent(int id) => new($"id {id} is not in the queue.", "id");

    public static ArgumentException NotADecrease(int id, long current, long priority) =>
        new($"DecreaseKey may only lower a priority: id {id} has priority {current}, got {priority}.", "priority");
}
