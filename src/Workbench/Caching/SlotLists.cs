using System.Runtime.CompilerServices;

namespace Workbench.Caching;

/// <summary>
/// Several intrusive doubly-linked lists over one set of integer nodes 0..nodes-1, kept in two flat
/// arrays of predecessor and successor indices (no objects, no per-operation allocation). List
/// <c>l</c> is closed by a sentinel node <c>nodes + l</c>, so an empty list's sentinel points to
/// itself and insertions and removals need no branches on emptiness. A node belongs to at most one
/// list at a time; the caller tracks which (and each list's length), as the policies already must.
/// "Head" is the most recently inserted end (MRU), "tail" the oldest (LRU, the victim end).
/// </summary>
internal struct SlotLists
{
    private readonly int[] _prev;
    private readonly int[] _next;
    private readonly int _nodes;

    public SlotLists(int nodes, int lists)
    {
        if (nodes < 1) throw new ArgumentOutOfRangeException(nameof(nodes), nodes, "nodes must be at least 1");
        if (lists < 1) throw new ArgumentOutOfRangeException(nameof(lists), lists, "lists must be at least 1");
        _nodes = nodes;
        _prev = new int[nodes + lists];
        _next = new int[nodes + lists];
        for (int l = 0; l < lists; l++)
        {
            int s = nodes + l;
            _prev[s] = s;
            _next[s] = s;
        }
    }

    /// <summary>True when <paramref name="list"/> has no nodes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public readonly bool IsEmpty(int list) => _next[_nodes + list] == _nodes + list;

    /// <summary>The newest node of <paramref name="list"/>, or -1 when empty.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public readonly int Head(int list)
    {
        int n = _next[_nodes + list];
        return n >= _nodes ? -1 : n;
    }

    /// <summary>The oldest node of <paramref name="list"/>, or -1 when empty.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public readonly int Tail(int list)
    {
        int n = _prev[_nodes + list];
        return n >= _nodes ? -1 : n;
    }

    /// <summary>The node after <paramref name="node"/> towards the tail, or -1 at the end of its list.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public readonly int Older(int node)
    {
        int n = _next[node];
        return n >= _nodes ? -1 : n;
    }

    /// <summary>The node before <paramref name="node"/> towards the head, or -1 at the start of its list.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public readonly int Newer(int node)
    {
        int n = _prev[node];
        return n >= _nodes ? -1 : n;
    }

    /// <summary>Links <paramref name="node"/> (in no list) at the head of <paramref name="list"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public readonly void PushHead(int list, int node)
    {
        int s = _nodes + list;
        int first = _next[s];
        _prev[node] = s;
        _next[node] = first;
        _prev[first] = node;
        _next[s] = node;
    }

    /// <summary>Links <paramref name="node"/> (in no list) at the tail of <paramref name="list"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public readonly void PushTail(int list, int node)
    {
        int s = _nodes + list;
        int last = _prev[s];
        _next[node] = s;
        _prev[node] = last;
        _next[last] = node;
        _prev[s] = node;
    }

    /// <summary>Unlinks <paramref name="node"/> from whichever list holds it.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public readonly void Unlink(int node)
    {
        int p = _prev[node], n = _next[node];
        _next[p] = n;
        _prev[n] = p;
    }

    /// <summary>Moves <paramref name="node"/> from its list to the head of <paramref name="list"/> (possibly the same list).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public readonly void MoveToHead(int list, int node)
    {
        Unlink(node);
        PushHead(list, node);
    }
}
