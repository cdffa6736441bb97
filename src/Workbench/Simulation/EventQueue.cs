using System.Runtime.CompilerServices;

namespace Workbench.Simulation;

internal enum EventKind : byte { Start, Deliver, Timer, Action, Serve }

/// <summary>A pending event; ordered by (Time, Seq), Seq being the order of scheduling, so ties break
/// deterministically and first-scheduled first.</summary>
internal struct Event
{
    public long Time;
    public long Seq;
    public long Tag;
    public object? Payload;
    public int Node;
    public int From;
    public int Epoch;
    public EventKind Kind;
}

/// <summary>
/// A 4-ary min-heap of <see cref="Event"/> structs in one array (LaMarca &amp; Ladner 1996: four
/// children per node, half the levels of a binary heap). Push and pop move a hole rather than
/// swapping, and allocate nothing once the array has grown to the peak number of pending events.
/// </summary>
internal sealed class EventQueue
{
    private Event[] _items = new Event[256];
    private int _count;

    public int Count => _count;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool Less(in Event a, in Event b) => a.Time < b.Time || (a.Time == b.Time && a.Seq < b.Seq);

    public void Push(in Event e)
    {
        if (_count == _items.Length) Array.Resize(ref _items, _items.Length * 2);
        var items = _items;
        int i = _count++;
        while (i > 0)
        {
            int parent = (i - 1) >> 2;
            if (!Less(e, items[parent])) break;
            items[i] = items[parent];
            i = parent;
        }
        items[i] = e;
    }

    public ref readonly Event Peek() => ref _items[0];

    public Event Pop()
    {
        var items = _items;
        var top = items[0];
        int n = --_count;
        if (n > 0)
        {
            var last = items[n];
            int i = 0;
            while (true)
            {
                int first = (i << 2) + 1;
                if (first >= n) break;
                int best = first;
                int end = Math.Min(first + 4, n);
                for (int c = first + 1; c < end; c++)
                    if (Less(items[c], items[best])) best = c;
                if (!Less(items[best], last)) break;
                items[i] = items[best];
                i = best;
            }
            items[i] = last;
        }
        items[n] = default; // release the payload reference
        return top;
    }
}
