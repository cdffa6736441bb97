using Workbench.Fuzzing;
using Workbench.Heaps;

namespace Workbench.Tests.Fuzzing;

/// <summary>
/// The differential harness finds a deliberately planted bug: a copy of the 4-ary heap whose
/// sift-down looks at only the first three of the four children. The bug shows only when the
/// smallest child of some node is its fourth, after a pop from a heap of at least five elements,
/// so random sequences must reach that shape; the search must find it within a stated bound and
/// shrink it to a handful of operations.
/// </summary>
public class PlantedBugTests
{
    /// <summary>Executions the search may take (the notebook states the same bound).</summary>
    public const int Bound = 2000;

    [Fact]
    public void Planted_sift_down_bug_is_found_within_the_bound_and_minimized()
    {
        var target = new HeapDifferential("planted-4-ary-heap", "4-ary heap whose sift-down skips the fourth child", _ => new PlantedDaryHeap(), addressable: false);
        var report = target.Search(seed: 1, maxExecutions: Bound, maxOperations: 64);
        Assert.True(report.Found, "the planted bug was not found");
        Assert.True(report.Executions <= Bound);
        Assert.True(report.Minimized.Count <= 8, string.Join("\n", report.Minimized));
        // The minimized reproducer replays: the bytes still diverge, the real heap does not.
        Assert.NotNull(target.Run(report.Reproducer));
        Assert.Null(HeapDifferential.Dary4().Run(report.Reproducer));
    }

    [Fact]
    public void Real_4_ary_heap_passes_the_same_search() =>
        Assert.False(HeapDifferential.Dary4().Search(seed: 1, maxExecutions: Bound, maxOperations: 64).Found);
}

/// <summary>A 4-ary min-heap with a planted bug: sift-down compares only children 1 to 3 of 4.</summary>
internal sealed class PlantedDaryHeap : IPriorityQueue
{
    private HeapEntry[] _items = new HeapEntry[16];

    public int Count { get; private set; }

    public void Push(int id, long priority)
    {
        if (Count == _items.Length) Array.Resize(ref _items, 2 * Count);
        int i = Count++;
        while (i > 0 && _items[(i - 1) / 4].Priority > priority)
        {
            _items[i] = _items[(i - 1) / 4];
            i = (i - 1) / 4;
        }
        _items[i] = new HeapEntry(priority, id);
    }

    public int Pop(out long priority)
    {
        int id = Peek(out priority);
        var last = _items[--Count];
        int i = 0;
        while (true)
        {
            int first = 4 * i + 1, best = -1;
            for (int c = first; c < Math.Min(first + 3, Count); c++) // planted: should be first + 4
                if (best < 0 || _items[c].Priority < _items[best].Priority) best = c;
            if (best < 0 || _items[best].Priority >= last.Priority) break;
            _items[i] = _items[best];
            i = best;
        }
        _items[i] = last;
        return id;
    }

    public int Peek(out long priority)
    {
        if (Count == 0) throw new InvalidOperationException("empty");
        priority = _items[0].Priority;
        return _items[0].Id;
    }
}
