namespace Workbench.Heaps;

/// <summary>Distances from one source (<see cref="ShortestPaths.Unreachable"/> where no path exists) and the heap operations it took.</summary>
public sealed record ShortestPathResult(long[] Distances, long Pushes, long Pops, long DecreaseKeys, long StalePops);

/// <summary>
/// Dijkstra's single-source shortest paths on a <see cref="Graph"/>, in the two ways a priority
/// queue can serve it: with decrease-key (each node is in the queue at most once; Johnson 1975
/// analyses this with a d-ary heap: O(m log_d n + n·d·log_d n), so d ≈ m/n balances the two
/// costs), and with lazy deletion for queues without decrease-key such as .NET's
/// <see cref="PriorityQueue{TElement, TPriority}"/> (push a node again when its distance drops,
/// skip stale entries when they are popped; up to m entries in the queue).
/// </summary>
public static class ShortestPaths
{
    public const long Unreachable = long.MaxValue;

    /// <summary>Dijkstra with decrease-key. <paramref name="heap"/> must be empty with capacity at least the node count; it is empty again afterwards.</summary>
    public static ShortestPathResult Dijkstra<THeap>(Graph graph, int source, THeap heap) where THeap : IAddressablePriorityQueue
    {
        CheckArguments(graph, source);
        if (heap.Count != 0) throw new ArgumentException("the heap must be empty", nameof(heap));
        if (heap.Capacity < graph.NodeCount) throw new ArgumentException($"the heap's capacity ({heap.Capacity}) is below the node count ({graph.NodeCount})", nameof(heap));
        var dist = new long[graph.NodeCount];
        Array.Fill(dist, Unreachable);
        var done = new bool[graph.NodeCount];
        int[] offsets = graph.Offsets, targets = graph.Targets, weights = graph.Weights;
        long pushes = 1, pops = 0, decreases = 0;
        dist[source] = 0;
        heap.Push(source, 0);
        while (heap.Count > 0)
        {
            int u = heap.Pop(out long du);
            pops++;
            done[u] = true;
            for (int e = offsets[u], end = offsets[u + 1]; e < end; e++)
            {
                int v = targets[e];
                long dv = du + weights[e];
                if (dv >= dist[v] || done[v]) continue;
                if (dist[v] == Unreachable) { heap.Push(v, dv); pushes++; }
                else { heap.DecreaseKey(v, dv); decreases++; }
                dist[v] = dv;
            }
        }
        return new ShortestPathResult(dist, pushes, pops, decreases, 0);
    }

    /// <summary>Dijkstra with lazy deletion on .NET's <see cref="PriorityQueue{TElement, TPriority}"/> (a 4-ary heap without decrease-key). The queue must be empty.</summary>
    public static ShortestPathResult DijkstraLazy(Graph graph, int source, PriorityQueue<int, long> queue) =>
        DijkstraLazy(graph, source, new DotNetPriorityQueue(queue));

    /// <summary>Dijkstra with lazy deletion on any of our queues (e.g. <see cref="DaryHeap{TArity}"/>), for the same comparison. The queue must be empty.</summary>
    public static ShortestPathResult DijkstraLazy<TQueue>(Graph graph, int source, TQueue queue) where TQueue : IPriorityQueue
    {
        CheckArguments(graph, source);
        if (queue.Count != 0) throw new ArgumentException("the queue must be empty", nameof(queue));
        var dist = new long[graph.NodeCount];
        Array.Fill(dist, Unreachable);
        int[] offsets = graph.Offsets, targets = graph.Targets, weights = graph.Weights;
        long pushes = 1, pops = 0, stale = 0;
        dist[source] = 0;
        queue.Push(source, 0);
        while (queue.Count > 0)
        {
            int u = queue.Pop(out long du);
            pops++;
            if (du > dist[u]) { stale++; continue; }
            for (int e = offsets[u], end = offsets[u + 1]; e < end; e++)
            {
                int v = targets[e];
                long dv = du + weights[e];
                if (dv >= dist[v]) continue;
                dist[v] = dv;
                queue.Push(v, dv);
                pushes++;
            }
        }
        return new ShortestPathResult(dist, pushes, pops, 0, stale);
    }

    /// <summary>
    /// The reference twin: Bellman-Ford (relax every edge, n - 1 rounds or until nothing changes),
    /// no priority queue at all. O(n·m): for tests on small graphs.
    /// </summary>
    public static long[] BellmanFord(Graph graph, int source)
    {
        CheckArguments(graph, source);
        var dist = new long[graph.NodeCount];
        Array.Fill(dist, Unreachable);
        dist[source] = 0;
        for (int round = 1; round < graph.NodeCount; round++)
        {
            bool changed = false;
            for (int u = 0; u < graph.NodeCount; u++)
            {
                if (dist[u] == Unreachable) continue;
                for (int e = graph.Offsets[u]; e < graph.Offsets[u + 1]; e++)
                {
                    int v = graph.Targets[e];
                    if (dist[u] + graph.Weights[e] < dist[v]) { dist[v] = dist[u] + graph.Weights[e]; changed = true; }
                }
            }
            if (!changed) break;
        }
        return dist;
    }

    private static void CheckArguments(Graph graph, int source)
    {
        ArgumentNullException.ThrowIfNull(graph);
        if ((uint)source >= (uint)graph.NodeCount) throw new ArgumentOutOfRangeException(nameof(source), source, $"source must be a node id, 0 to {graph.NodeCount - 1}");
    }
}

/// <summary>
/// .NET's <see cref="PriorityQueue{TElement, TPriority}"/> seen as an <see cref="IPriorityQueue"/>,
/// so one lazy-deletion Dijkstra serves it and our heaps. A struct, so the generic caller is
/// specialised for it and the calls inline: the baseline pays nothing for the adapter.
/// </summary>
internal readonly struct DotNetPriorityQueue(PriorityQueue<int, long> queue) : IPriorityQueue
{
    public int Count => queue.Count;

    public void Push(int id, long priority) => queue.Enqueue(id, priority);

    public int Pop(out long priority) =>
        queue.TryDequeue(out int id, out priority) ? id : throw new InvalidOperationException("the priority queue is empty");

    public int Peek(out long priority) =>
        queue.TryPeek(out int id, out priority) ? id : throw new InvalidOperationException("the priority queue is empty");
}
