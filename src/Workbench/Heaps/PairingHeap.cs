namespace Workbench.Heaps;

/// <summary>
/// The pairing heap of Fredman, Sedgewick, Sleator &amp; Tarjan ("The pairing heap: a new form of
/// self-adjusting heap", Algorithmica 1(1), 1986): a heap-ordered multiway tree kept as
/// first-child / next-sibling links. Push and decrease-key are O(1): a new node, or a node whose
/// priority dropped, is cut out with its subtree and linked with the root. Pop removes the root and
/// combines its children with the two-pass pairing of the paper: link them in pairs left to right,
/// then link the results right to left into one tree. The paper proves O(log n) amortised time for
/// every operation; the amortised cost of decrease-key was later shown to lie between
/// Ω(log log n) (Fredman 1999) and 2^O(sqrt(log log n)) (Pettie 2005).
/// Over the ids <c>0 .. capacity-1</c>, nodes live in parallel arrays indexed by id (a node
/// pool), so no operation allocates. Not thread-safe.
/// </summary>
public sealed class PairingHeap : IAddressablePriorityQueue
{
    private const int None = -1;

    private readonly long[] _priority;
    private readonly int[] _child;   // first child
    private readonly int[] _sibling; // next sibling
    private readonly int[] _prev;    // previous sibling, or the parent for a first child
    private readonly bool[] _present;
    private int _root = None;
    private int _count;

    /// <param name="capacity">Ids are 0 .. capacity-1.</param>
    public PairingHeap(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(capacity);
        _priority = new long[capacity];
        _child = new int[capacity];
        _sibling = new int[capacity];
        _prev = new int[capacity];
        _present = new bool[capacity];
    }

    public int Count => _count;

    public int Capacity => _present.Length;

    public bool Contains(int id) => (uint)id < (uint)_present.Length && _present[id];

    public long PriorityOf(int id) => Contains(id) ? _priority[id] : throw HeapErrors.NotPresent(id);

    /// <summary>Removes every element.</summary>
    public void Clear()
    {
        Array.Clear(_present);
        _root = None;
        _count = 0;
    }

    public void Push(int id, long priority)
    {
        if ((uint)id >= (uint)_present.Length) throw HeapErrors.IdOutOfRange(id, _present.Length);
        if (_present[id]) throw HeapErrors.AlreadyPresent(id);
        _present[id] = true;
        _priority[id] = priority;
        _child[id] = _sibling[id] = _prev[id] = None;
        _root = _root == None ? id : Link(_root, id);
        _count++;
    }

    public void DecreaseKey(int id, long priority)
    {
        if (!Contains(id)) throw HeapErrors.NotPresent(id);
        long current = _priority[id];
        if (priority > current) throw HeapErrors.NotADecrease(id, current, priority);
        _priority[id] = priority;
        if (id == _root) return;
        // Cut id (with its subtree) out of its sibling list, then link it with the root.
        int prev = _prev[id], next = _sibling[id];
        if (_child[prev] == id) _child[prev] = next; else _sibling[prev] = next;
        if (next != None) _prev[next] = prev;
        _sibling[id] = _prev[id] = None;
        _root = Link(_root, id);
    }

    public int Pop(out long priority)
    {
        if (_count == 0) throw HeapErrors.Empty(nameof(PairingHeap));
        int top = _root;
        priority = _priority[top];
        _present[top] = false;
        _count--;
        _root = CombineChildren(_child[top]);
        return top;
    }

    public int Peek(out long priority)
    {
        if (_count == 0) throw HeapErrors.Empty(nameof(PairingHeap));
        priority = _priority[_root];
        return _root;
    }

    /// <summary>The root id, or -1 when empty; with <see cref="ChildrenOf"/>, walks the tree for printing and invariant checks.</summary>
    public int Root => _root;

    /// <summary>The children of a present id, first child first.</summary>
    public IReadOnlyList<int> ChildrenOf(int id)
    {
        if (!Contains(id)) throw HeapErrors.NotPresent(id);
        var children = new List<int>();
        for (int c = _child[id]; c != None; c = _sibling[c]) children.Add(c);
        return children;
    }

    /// <summary>Links two roots (with no siblings): the one of larger priority becomes the first child of the other. Returns the new root.</summary>
    private int Link(int a, int b)
    {
        if (_priority[b] < _priority[a]) (a, b) = (b, a);
        int first = _child[a];
        _sibling[b] = first;
        if (first != None) _prev[first] = b;
        _prev[b] = a;
        _child[a] = b;
        return a;
    }

    /// <summary>
    /// Two-pass pairing (Fredman et al. 1986). Pass one links the children in pairs
    /// left to right and stacks each result (the stack threaded through the sibling links); pass
    /// two pops the stack, so it links the pairs right to left into one tree.
    /// </summary>
    private int CombineChildren(int first)
    {
        if (first == None) return None;
        int stack = None;
        int a = first;
        while (a != None)
        {
            int b = _sibling[a];
            if (b == None)
            {
                _sibling[a] = stack;
                stack = a;
                break;
            }
            int next = _sibling[b];
            _sibling[a] = _sibling[b] = None;
            int pair = Link(a, b);
            _sibling[pair] = stack;
            stack = pair;
            a = next;
        }
        int result = stack;
        stack = _sibling[result];
        _sibling[result] = None;
        while (stack != None)
        {
            int next = _sibling[stack];
            _sibling[stack] = None;
            result = Link(result, stack);
            stack = next;
        }
        _prev[result] = None;
        return result;
    }
}
