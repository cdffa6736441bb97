using System.Collections;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using Workbench.Workloads;

namespace Workbench.Trees;

/// <summary>
/// An ordered set of 64-bit keys kept as a treap (Seidel &amp; Aragon, "Randomized Search Trees",
/// Algorithmica 16, 1996): a binary search tree on the keys that is at the same time a max-heap on
/// random priorities, one drawn per node when it is created. Its shape is the shape of a random
/// binary search tree whatever the order of the updates (section 3), so for n keys:
/// <list type="bullet">
/// <item>the expected depth of the l-th smallest key is <c>H_l + H_(n-l+1) - 2</c> edges, at most
/// about <c>2 ln n</c>, and the average over all keys is exactly <c>2(1 + 1/n)H_n - 4</c>
/// (section 4; <see cref="TreapMath"/>);</item>
/// <item>an insertion or a deletion makes fewer than 2 rotations on average (section 4: the
/// rotations of a deletion are the left spine of the right subtree plus the right spine of the left
/// subtree; an insertion makes the same rotations in reverse); <see cref="Rotations"/> counts them;</item>
/// <item>split at a key and join of two treaps whose keys do not interleave cost expected
/// O(log n) (section 2, "Split" and "Join"), whatever the number of keys moved.</item>
/// </list>
/// Each node also stores the size of its subtree, which gives <see cref="Rank"/>,
/// <see cref="Select"/> and <see cref="CountRange"/> in expected O(log n).
/// <para>
/// Layout: nodes are 24-byte structs in an array (key, left and right child indices, subtree size,
/// a 32-bit priority) with a free list, not objects, so a lookup follows array indices without
/// pointer chasing through the heap or comparer calls; index 0 is a sentinel of size 0. Keys are
/// <see cref="long"/> rather than a generic key for the same reason. Treaps produced by
/// <see cref="Split"/> share their parent's node array (a split moves no nodes), and the priority
/// generator (SplitMix64, from the seed) belongs to that array, so everything is reproducible from
/// the seed. The hot methods are compiled fully optimised at once
/// (<see cref="MethodImplOptions.AggressiveOptimization"/>), so that a measurement started in a fresh
/// process (the in-process benchmarks, a notebook) does not time the JIT's first, unoptimised tier
/// against the framework's precompiled collections. With 32-bit priorities two nodes tie with probability 2^-32; a tie keeps the node
/// where it is, which is still a valid treap. Not thread-safe.
/// </para>
/// </summary>
public sealed class Treap : IReadOnlyCollection<long>
{
    private NodePool _pool;
    private int _root;
    private long _rotations;

    /// <summary>An empty treap whose priorities come from <paramref name="seed"/>.</summary>
    /// <param name="seed">Seed of the priority generator: the same seed and the same updates give the same tree.</param>
    /// <param name="capacity">Nodes to reserve (the array grows by doubling otherwise).</param>
    public Treap(long seed = 0, int capacity = 0)
    {
        if (capacity < 0) throw new ArgumentOutOfRangeException(nameof(capacity), capacity, "capacity must be at least 0");
        _pool = new NodePool(seed, capacity);
    }

    private Treap(NodePool pool, int root)
    {
        _pool = pool;
        _root = root;
    }

    /// <summary>Number of keys.</summary>
    public int Count => _pool.Nodes[_root].Size;

    /// <summary>Rotations made by <see cref="Add"/> and <see cref="Remove"/> since this treap was created (split and join rotate nothing).</summary>
    public long Rotations => _rotations;

    /// <summary>Adds <paramref name="key"/>; false (and no change) when it is already present.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public bool Add(long key)
    {
        _pool.Reserve(1);
        bool added = false;
        _root = Insert(_pool.Nodes, _root, key, ref added);
        return added;
    }

    /// <summary>Removes <paramref name="key"/>; false when it was not present.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public bool Remove(long key)
    {
        bool removed = false;
        _root = Delete(_pool.Nodes, _root, key, ref removed);
        return removed;
    }

    /// <summary>True when <paramref name="key"/> is present.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public bool Contains(long key)
    {
        var nodes = _pool.Nodes;
        int t = _root;
        while (t != 0)
        {
            long k = nodes[t].Key;
            if (key == k) return true;
            t = key < k ? nodes[t].Left : nodes[t].Right;
        }
        return false;
    }

    /// <summary>The smallest key.</summary>
    /// <exception cref="InvalidOperationException">The treap is empty.</exception>
    public long Min
    {
        get
        {
            var nodes = _pool.Nodes;
            int t = _root;
            if (t == 0) throw new InvalidOperationException("The treap is empty: it has no smallest key (check Count first).");
            while (nodes[t].Left != 0) t = nodes[t].Left;
            return nodes[t].Key;
        }
    }

    /// <summary>The largest key.</summary>
    /// <exception cref="InvalidOperationException">The treap is empty.</exception>
    public long Max
    {
        get
        {
            var nodes = _pool.Nodes;
            int t = _root;
            if (t == 0) throw new InvalidOperationException("The treap is empty: it has no largest key (check Count first).");
            while (nodes[t].Right != 0) t = nodes[t].Right;
            return nodes[t].Key;
        }
    }

    /// <summary>The number of keys smaller than <paramref name="key"/> (its 0-based position if present), in expected O(log n).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public int Rank(long key)
    {
        var nodes = _pool.Nodes;
        int t = _root, rank = 0;
        while (t != 0)
        {
            if (key <= nodes[t].Key) t = nodes[t].Left;
            else
            {
                rank += nodes[nodes[t].Left].Size + 1;
                t = nodes[t].Right;
            }
        }
        return rank;
    }

    /// <summary>The key with <paramref name="index"/> smaller keys (the inverse of <see cref="Rank"/>), in expected O(log n).</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="index"/> is not in [0, Count).</exception>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public long Select(int index)
    {
        var nodes = _pool.Nodes;
        if ((uint)index >= (uint)nodes[_root].Size)
            throw new ArgumentOutOfRangeException(nameof(index), index, $"index must be in [0, Count) = [0, {Count})");
        int t = _root;
        while (true)
        {
            int left = nodes[nodes[t].Left].Size;
            if (index == left) return nodes[t].Key;
            if (index < left) t = nodes[t].Left;
            else
            {
                index -= left + 1;
                t = nodes[t].Right;
            }
        }
    }

    /// <summary>The number of keys in [<paramref name="low"/>, <paramref name="high"/>), by two ranks: expected O(log n) however many keys the range holds. Zero when high &lt;= low.</summary>
    public int CountRange(long low, long high) => high <= low ? 0 : Rank(high) - Rank(low);

    /// <summary>The keys in [<paramref name="low"/>, <paramref name="high"/>) in ascending order: O(log n + keys returned).</summary>
    public IEnumerable<long> Range(long low, long high)
    {
        if (high <= low) yield break;
        var nodes = _pool.Nodes;
        var stack = new Stack<int>();
        int t = _root;
        while (true)
        {
            while (t != 0)
            {
                if (nodes[t].Key < low) t = nodes[t].Right;
                else
                {
                    stack.Push(t);
                    t = nodes[t].Left;
                }
            }
            if (stack.Count == 0) yield break;
            t = stack.Pop();
            if (nodes[t].Key >= high) yield break;
            yield return nodes[t].Key;
            t = nodes[t].Right;
        }
    }

    /// <summary>
    /// The sum of the keys in [<paramref name="low"/>, <paramref name="high"/>) (wrapping on overflow) without allocating:
    /// the range scan the benchmarks time, O(log n + keys in range).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public long SumRange(long low, long high)
    {
        if (high <= low) return 0;
        var nodes = _pool.Nodes;
        Span<int> stack = stackalloc int[128];
        int depth = 0, t = _root;
        long sum = 0;
        while (true)
        {
            while (t != 0)
            {
                if (nodes[t].Key < low) t = nodes[t].Right;
                else
                {
                    if (depth == stack.Length) return SumRangeSlow(low, high);
                    stack[depth++] = t;
                    t = nodes[t].Left;
                }
            }
            if (depth == 0) return sum;
            t = stack[--depth];
            if (nodes[t].Key >= high) return sum;
            sum += nodes[t].Key;
            t = nodes[t].Right;
        }
    }

    private long SumRangeSlow(long low, long high)
    {
        long sum = 0;
        foreach (var k in Range(low, high)) sum += k;
        return sum;
    }

    /// <summary>
    /// Splits this treap at <paramref name="key"/> (Seidel &amp; Aragon, section 2): the keys smaller
    /// than it, and the keys at or above it, in expected O(log n), moving no node. This treap is left
    /// empty; the two parts share its node array and priority generator, and count their own rotations from zero.
    /// </summary>
    public (Treap Less, Treap AtLeast) Split(long key)
    {
        var (l, r) = SplitNode(_pool.Nodes, _root, key);
        _root = 0;
        return (new Treap(_pool, l), new Treap(_pool, r));
    }

    /// <summary>
    /// Joins two treaps whose keys do not interleave (every key of <paramref name="left"/> below every key
    /// of <paramref name="right"/>) into one, in expected O(log n) when they share a node array (as the
    /// parts of a <see cref="Split"/> do); otherwise <paramref name="right"/>'s nodes are first copied
    /// into <paramref name="left"/>'s array with their priorities, in O(size of right). Both arguments are
    /// left empty; the result shares <paramref name="left"/>'s node array.
    /// </summary>
    /// <exception cref="ArgumentException">The key ranges overlap, or both arguments are the same treap.</exception>
    public static Treap Join(Treap left, Treap right)
    {
        ArgumentNullException.ThrowIfNull(left);
        ArgumentNullException.ThrowIfNull(right);
        if (ReferenceEquals(left, right)) throw new ArgumentException("cannot join a treap with itself", nameof(right));
        if (left.Count > 0 && right.Count > 0 && left.Max >= right.Min)
            throw new ArgumentException(
                $"Join needs every key of left below every key of right, but left's largest key {left.Max} is not below right's smallest key {right.Min}; use Add for interleaved keys.",
                nameof(right));
        var pool = left._pool;
        int rightRoot = right._root;
        if (!ReferenceEquals(right._pool, pool))
        {
            pool.Reserve(right.Count);
            rightRoot = Copy(right._pool.Nodes, right._root, pool);
            right.Clear();
        }
        int root = JoinNodes(pool.Nodes, left._root, rightRoot);
        left._root = 0;
        right._root = 0;
        return new Treap(pool, root);
    }

    /// <summary>Removes every key (their nodes return to the free list of the shared array).</summary>
    public void Clear()
    {
        if (_root == 0) return;
        var nodes = _pool.Nodes;
        var stack = new Stack<int>();
        stack.Push(_root);
        while (stack.Count > 0)
        {
            int t = stack.Pop();
            if (nodes[t].Left != 0) stack.Push(nodes[t].Left);
            if (nodes[t].Right != 0) stack.Push(nodes[t].Right);
            _pool.Free(t);
        }
        _root = 0;
    }

    /// <summary>The depth (edges from the root; the root has depth 0) of <paramref name="key"/>.</summary>
    /// <exception cref="KeyNotFoundException">The key is not present.</exception>
    public int Depth(long key)
    {
        var nodes = _pool.Nodes;
        int t = _root, depth = 0;
        while (t != 0)
        {
            long k = nodes[t].Key;
            if (key == k) return depth;
            t = key < k ? nodes[t].Left : nodes[t].Right;
            depth++;
        }
        throw new KeyNotFoundException($"key {key} is not in the treap, so it has no depth");
    }

    /// <summary>The depth of every node, in ascending key order (edges from the root).</summary>
    public int[] NodeDepths()
    {
        var depths = new int[Count];
        int i = 0;
        foreach (var n in Nodes()) depths[i++] = n.Depth;
        return depths;
    }

    /// <summary>The height: the largest node depth, -1 when empty.</summary>
    public int Height()
    {
        int h = -1;
        foreach (var n in Nodes()) h = Math.Max(h, n.Depth);
        return h;
    }

    /// <summary>Every node in ascending key order with its priority and depth (for printing, tests and the depth experiments).</summary>
    public IEnumerable<TreapNode> Nodes()
    {
        var nodes = _pool.Nodes;
        var stack = new Stack<(int Node, int Depth)>();
        int t = _root, depth = 0;
        while (t != 0 || stack.Count > 0)
        {
            while (t != 0)
            {
                stack.Push((t, depth));
                t = nodes[t].Left;
                depth++;
            }
            (t, depth) = stack.Pop();
            yield return new TreapNode(nodes[t].Key, nodes[t].Priority, depth, nodes[t].Size);
            t = nodes[t].Right;
            depth++;
        }
    }

    /// <summary>
    /// Checks the treap invariants and throws <see cref="InvalidOperationException"/> naming the first
    /// broken one: keys strictly increasing in order (search-tree order), no child's priority above its
    /// parent's (heap order), every stored subtree size equal to the actual size.
    /// </summary>
    public void Validate()
    {
        var nodes = _pool.Nodes;
        if (nodes[0].Size != 0) throw new InvalidOperationException("the sentinel node's size is not 0");
        long? previous = null;
        ValidateNode(nodes, _root, ref previous);
    }

    private static int ValidateNode(Node[] nodes, int t, ref long? previous)
    {
        if (t == 0) return 0;
        ref var n = ref nodes[t];
        if (n.Left != 0 && nodes[n.Left].Priority > n.Priority)
            throw new InvalidOperationException($"heap order broken: left child {nodes[n.Left].Key} has a higher priority than its parent {n.Key}");
        if (n.Right != 0 && nodes[n.Right].Priority > n.Priority)
            throw new InvalidOperationException($"heap order broken: right child {nodes[n.Right].Key} has a higher priority than its parent {n.Key}");
        int left = ValidateNode(nodes, n.Left, ref previous);
        if (previous is long p && p >= n.Key)
            throw new InvalidOperationException($"search-tree order broken: key {n.Key} follows {p} in order");
        previous = n.Key;
        int right = ValidateNode(nodes, n.Right, ref previous);
        if (n.Size != left + right + 1)
            throw new InvalidOperationException($"subtree size of key {n.Key} is stored as {n.Size} but is {left + right + 1}");
        return n.Size;
    }

    /// <summary>
    /// The tree drawn sideways for small treaps: the root at the left margin, right subtrees above,
    /// left subtrees below, each node as <c>key (p=priority)</c> with the priority scaled to [0, 1).
    /// Reading top to bottom gives the keys in descending order; each parent's priority exceeds its children's.
    /// </summary>
    /// <exception cref="InvalidOperationException">More than 200 keys (the drawing would be unreadable).</exception>
    public string Render()
    {
        if (Count > 200) throw new InvalidOperationException($"Render draws at most 200 keys (this treap has {Count})");
        var sb = new StringBuilder();
        RenderNode(_pool.Nodes, _root, 0, sb);
        return sb.Length == 0 ? "(empty)\n" : sb.ToString();
    }

    private static void RenderNode(Node[] nodes, int t, int depth, StringBuilder sb)
    {
        if (t == 0) return;
        RenderNode(nodes, nodes[t].Right, depth + 1, sb);
        sb.Append(' ', depth * 6)
          .Append(nodes[t].Key.ToString(CultureInfo.InvariantCulture))
          .Append(" (p=")
          .Append((nodes[t].Priority / 4294967296.0).ToString("0.000", CultureInfo.InvariantCulture))
          .Append(")\n");
        RenderNode(nodes, nodes[t].Left, depth + 1, sb);
    }

    /// <summary>The keys in ascending order.</summary>
    public IEnumerator<long> GetEnumerator()
    {
        foreach (var n in Nodes()) yield return n.Key;
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    // Insertion (section 2): insert as a leaf by search order, then rotate it up while its priority
    // exceeds its parent's. The recursion unwinds along the search path, one rotation per step up.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private int Insert(Node[] nodes, int t, long key, ref bool added)
    {
        if (t == 0)
        {
            added = true;
            return _pool.Allocate(key);
        }
        long k = nodes[t].Key;
        if (key == k) return t;
        if (key < k)
        {
            int child = Insert(nodes, nodes[t].Left, key, ref added);
            nodes[t].Left = child;
            if (!added) return t;
            nodes[t].Size++;
            if (nodes[child].Priority > nodes[t].Priority)
            {
                _rotations++;
                return RotateRight(nodes, t);
            }
        }
        else
        {
            int child = Insert(nodes, nodes[t].Right, key, ref added);
            nodes[t].Right = child;
            if (!added) return t;
            nodes[t].Size++;
            if (nodes[child].Priority > nodes[t].Priority)
            {
                _rotations++;
                return RotateLeft(nodes, t);
            }
        }
        return t;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private int Delete(Node[] nodes, int t, long key, ref bool removed)
    {
        if (t == 0) return 0;
        long k = nodes[t].Key;
        if (key < k)
        {
            nodes[t].Left = Delete(nodes, nodes[t].Left, key, ref removed);
            if (removed) nodes[t].Size--;
            return t;
        }
        if (key > k)
        {
            nodes[t].Right = Delete(nodes, nodes[t].Right, key, ref removed);
            if (removed) nodes[t].Size--;
            return t;
        }
        removed = true;
        return RemoveRoot(nodes, t);
    }

    // Deletion (section 2): rotate the node down, always lifting the child of higher priority, until
    // it is a leaf, then clip it away. The rotations walk the right spine of its left subtree and the
    // left spine of its right subtree: fewer than 2 expected (section 4). Splicing the node out as soon
    // as one subtree is empty would save rotations (about one per deletion on average) but would no
    // longer be the paper's operation, whose rotation count the experiments measure.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private int RemoveRoot(Node[] nodes, int t)
    {
        int l = nodes[t].Left, r = nodes[t].Right;
        if (l == 0 && r == 0)
        {
            _pool.Free(t);
            return 0;
        }
        _rotations++;
        if (r == 0 || (l != 0 && nodes[l].Priority > nodes[r].Priority))
        {
            nodes[t].Left = nodes[l].Right;
            nodes[l].Right = RemoveRoot(nodes, t);
            nodes[l].Size = nodes[nodes[l].Left].Size + nodes[nodes[l].Right].Size + 1;
            return l;
        }
        nodes[t].Right = nodes[r].Left;
        nodes[r].Left = RemoveRoot(nodes, t);
        nodes[r].Size = nodes[nodes[r].Left].Size + nodes[nodes[r].Right].Size + 1;
        return r;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int RotateRight(Node[] nodes, int t)
    {
        int l = nodes[t].Left;
        nodes[t].Left = nodes[l].Right;
        nodes[l].Right = t;
        nodes[t].Size = nodes[nodes[t].Left].Size + nodes[nodes[t].Right].Size + 1;
        nodes[l].Size = nodes[nodes[l].Left].Size + nodes[t].Size + 1;
        return l;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int RotateLeft(Node[] nodes, int t)
    {
        int r = nodes[t].Right;
        nodes[t].Right = nodes[r].Left;
        nodes[r].Left = t;
        nodes[t].Size = nodes[nodes[t].Left].Size + nodes[nodes[t].Right].Size + 1;
        nodes[r].Size = nodes[t].Size + nodes[nodes[r].Right].Size + 1;
        return r;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static (int Less, int AtLeast) SplitNode(Node[] nodes, int t, long key)
    {
        if (t == 0) return (0, 0);
        if (nodes[t].Key < key)
        {
            var (l, r) = SplitNode(nodes, nodes[t].Right, key);
            nodes[t].Right = l;
            nodes[t].Size = nodes[nodes[t].Left].Size + nodes[l].Size + 1;
            return (t, r);
        }
        else
        {
            var (l, r) = SplitNode(nodes, nodes[t].Left, key);
            nodes[t].Left = r;
            nodes[t].Size = nodes[r].Size + nodes[nodes[t].Right].Size + 1;
            return (l, t);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int JoinNodes(Node[] nodes, int l, int r)
    {
        if (l == 0) return r;
        if (r == 0) return l;
        if (nodes[l].Priority > nodes[r].Priority)
        {
            nodes[l].Right = JoinNodes(nodes, nodes[l].Right, r);
            nodes[l].Size = nodes[nodes[l].Left].Size + nodes[nodes[l].Right].Size + 1;
            return l;
        }
        nodes[r].Left = JoinNodes(nodes, l, nodes[r].Left);
        nodes[r].Size = nodes[nodes[r].Left].Size + nodes[nodes[r].Right].Size + 1;
        return r;
    }

    private static int Copy(Node[] source, int t, NodePool target)
    {
        if (t == 0) return 0;
        int left = Copy(source, source[t].Left, target);
        int right = Copy(source, source[t].Right, target);
        int n = target.Allocate(source[t].Key, source[t].Priority);
        ref var node = ref target.Nodes[n];
        node.Left = left;
        node.Right = right;
        node.Size = source[t].Size;
        return n;
    }

    private struct Node
    {
        public long Key;
        public int Left;
        public int Right;
        public int Size;
        public uint Priority;
    }

    /// <summary>The node array (index 0 is the size-0 sentinel), its free list and the priority generator, shared by the treaps split from one another.</summary>
    private sealed class NodePool(long seed, int capacity)
    {
        public Node[] Nodes = new Node[Math.Max(16, capacity + 1)];
        private int _used = 1;
        private int _free;
        private SplitMix64 _priorities = new(seed);

        /// <summary>Makes room for <paramref name="extra"/> more nodes, so that the array is not replaced during an update.</summary>
        public void Reserve(int extra)
        {
            int freeCount = _free == 0 ? 0 : 1; // at least one on the free list; enough for Add
            if (extra <= freeCount) return;
            long needed = (long)_used + extra;
            if (needed <= Nodes.Length) return;
            if (needed > Array.MaxLength) throw new InvalidOperationException($"a treap holds at most {Array.MaxLength - 1} nodes");
            Array.Resize(ref Nodes, (int)Math.Min(Array.MaxLength, Math.Max(needed, 2L * Nodes.Length)));
        }

        public int Allocate(long key) => Allocate(key, (uint)(_priorities.Next() >> 32));

        public int Allocate(long key, uint priority)
        {
            int n;
            if (_free != 0)
            {
                n = _free;
                _free = Nodes[n].Left;
            }
            else n = _used++;
            Nodes[n] = new Node { Key = key, Priority = priority, Size = 1 };
            return n;
        }

        public void Free(int n)
        {
            Nodes[n] = new Node { Left = _free };
            _free = n;
        }
    }
}

/// <summary>One node of a <see cref="Treap"/>: its key, its priority (a uniform 32-bit number), its depth (edges from the root) and its subtree size.</summary>
public readonly record struct TreapNode(long Key, uint Priority, int Depth, int SubtreeSize);
