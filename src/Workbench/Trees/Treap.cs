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
/// Layout: nodes are 24-byte structs (key, left and right child indices, subtree size, a 32-bit
/// priority) in arrays with free lists, not objects, so a lookup follows array indices without
/// pointer chasing through the heap or comparer calls. Keys are <see cref="long"/> rather than a
/// generic key for the same reason. The nodes are split between two arrays by priority: those in the
/// top 1/64 of the priority range (<see cref="HotPriority"/>, about one node in 64) in a small hot
/// array, the others in the cold one, whose index 0 is a sentinel of size 0. A node's ancestors all
/// have higher priorities, so the hot nodes are the top of the tree (a subtree holding the root, of
/// expected depth about 2 ln 64 ≈ 8.3 levels less than the whole tree's): packed together they stay in
/// cache and in the TLB, where, allocated in insertion order over the whole array, each would take a
/// cache line and a page of its own. A node's array is fixed when it is created, since its priority never changes, so no update
/// moves a node. A hot index is stored as the complement of its position (negative), so a lookup
/// walks the hot array while the index is negative and the cold one after. Treaps produced by
/// <see cref="Split"/> share their parent's node arrays (a split moves no nodes), and the priority
/// generator (SplitMix64, from the seed) belongs to them, so everything is reproducible from
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
    /// <param name="capacity">Nodes to reserve (the arrays grow by doubling otherwise).</param>
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
    public int Count => _pool.At(_root).Size;

    /// <summary>Rotations made by <see cref="Add"/> and <see cref="Remove"/> since this treap was created (split and join rotate nothing).</summary>
    public long Rotations => _rotations;

    /// <summary>Adds <paramref name="key"/>; false (and no change) when it is already present.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public bool Add(long key)
    {
        _pool.ReserveOne();
        bool added = false;
        _root = Insert(_pool.Hot, _pool.Cold, _root, key, ref added);
        return added;
    }

    /// <summary>Removes <paramref name="key"/>; false when it was not present.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public bool Remove(long key)
    {
        bool removed = false;
        _root = Delete(_pool.Hot, _pool.Cold, _root, key, ref removed);
        return removed;
    }

    /// <summary>True when <paramref name="key"/> is present.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public bool Contains(long key)
    {
        var hot = _pool.Hot;
        var cold = _pool.Cold;
        int t = _root;
        // The path starts in the hot array and, once it leaves it, stays in the cold one: a child's
        // priority is at most its parent's, so below a cold node every node is cold.
        while (t < 0)
        {
            ref var n = ref hot[~t];
            long k = n.Key;
            if (key == k) return true;
            t = key < k ? n.Left : n.Right;
        }
        while (t != 0)
        {
            ref var n = ref cold[t];
            long k = n.Key;
            if (key == k) return true;
            t = key < k ? n.Left : n.Right;
        }
        return false;
    }

    /// <summary>The smallest key.</summary>
    /// <exception cref="InvalidOperationException">The treap is empty.</exception>
    public long Min
    {
        get
        {
            var pool = _pool;
            int t = _root;
            if (t == 0) throw new InvalidOperationException("The treap is empty: it has no smallest key (check Count first).");
            while (pool.At(t).Left != 0) t = pool.At(t).Left;
            return pool.At(t).Key;
        }
    }

    /// <summary>The largest key.</summary>
    /// <exception cref="InvalidOperationException">The treap is empty.</exception>
    public long Max
    {
        get
        {
            var pool = _pool;
            int t = _root;
            if (t == 0) throw new InvalidOperationException("The treap is empty: it has no largest key (check Count first).");
            while (pool.At(t).Right != 0) t = pool.At(t).Right;
            return pool.At(t).Key;
        }
    }

    /// <summary>The number of keys smaller than <paramref name="key"/> (its 0-based position if present), in expected O(log n).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public int Rank(long key)
    {
        Node[] hot = _pool.Hot, cold = _pool.Cold;
        int t = _root, rank = 0;
        while (t != 0)
        {
            ref var n = ref At(hot, cold, t);
            if (key <= n.Key) t = n.Left;
            else
            {
                rank += At(hot, cold, n.Left).Size + 1;
                t = n.Right;
            }
        }
        return rank;
    }

    /// <summary>The key with <paramref name="index"/> smaller keys (the inverse of <see cref="Rank"/>), in expected O(log n).</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="index"/> is not in [0, Count).</exception>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public long Select(int index)
    {
        Node[] hot = _pool.Hot, cold = _pool.Cold;
        if ((uint)index >= (uint)At(hot, cold, _root).Size)
            throw new ArgumentOutOfRangeException(nameof(index), index, $"index must be in [0, Count) = [0, {Count})");
        int t = _root;
        while (true)
        {
            ref var n = ref At(hot, cold, t);
            int left = At(hot, cold, n.Left).Size;
            if (index == left) return n.Key;
            if (index < left) t = n.Left;
            else
            {
                index -= left + 1;
                t = n.Right;
            }
        }
    }

    /// <summary>The number of keys in [<paramref name="low"/>, <paramref name="high"/>), by two ranks: expected O(log n) however many keys the range holds. Zero when high &lt;= low.</summary>
    public int CountRange(long low, long high) => high <= low ? 0 : Rank(high) - Rank(low);

    /// <summary>The keys in [<paramref name="low"/>, <paramref name="high"/>) in ascending order: O(log n + keys returned).</summary>
    public IEnumerable<long> Range(long low, long high)
    {
        if (high <= low) yield break;
        var pool = _pool;
        var stack = new Stack<int>();
        int t = _root;
        while (true)
        {
            while (t != 0)
            {
                if (pool.At(t).Key < low) t = pool.At(t).Right;
                else
                {
                    stack.Push(t);
                    t = pool.At(t).Left;
                }
            }
            if (stack.Count == 0) yield break;
            t = stack.Pop();
            long key = pool.At(t).Key;
            if (key >= high) yield break;
            yield return key;
            t = pool.At(t).Right;
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
        Node[] hot = _pool.Hot, cold = _pool.Cold;
        Span<int> stack = stackalloc int[128];
        int depth = 0, t = _root;
        long sum = 0;
        while (true)
        {
            while (t != 0)
            {
                ref var n = ref At(hot, cold, t);
                if (n.Key < low) t = n.Right;
                else
                {
                    if (depth == stack.Length) return SumRangeSlow(low, high);
                    stack[depth++] = t;
                    t = n.Left;
                }
            }
            if (depth == 0) return sum;
            t = stack[--depth];
            ref var m = ref At(hot, cold, t);
            if (m.Key >= high) return sum;
            sum += m.Key;
            t = m.Right;
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
    /// empty; the two parts share its node arrays and priority generator, and count their own rotations from zero.
    /// </summary>
    public (Treap Less, Treap AtLeast) Split(long key)
    {
        var (l, r) = SplitNode(_pool.Hot, _pool.Cold, _root, key);
        _root = 0;
        return (new Treap(_pool, l), new Treap(_pool, r));
    }

    /// <summary>
    /// Joins two treaps whose keys do not interleave (every key of <paramref name="left"/> below every key
    /// of <paramref name="right"/>) into one, in expected O(log n) when they share node arrays (as the
    /// parts of a <see cref="Split"/> do); otherwise <paramref name="right"/>'s nodes are first copied
    /// into <paramref name="left"/>'s arrays with their priorities, in O(size of right). Both arguments are
    /// left empty; the result shares <paramref name="left"/>'s node arrays.
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
            rightRoot = Copy(right._pool, right._root, pool);
            right.Clear();
        }
        int root = JoinNodes(pool.Hot, pool.Cold, left._root, rightRoot);
        left._root = 0;
        right._root = 0;
        return new Treap(pool, root);
    }

    /// <summary>Removes every key (their nodes return to the free list of the shared array).</summary>
    public void Clear()
    {
        if (_root == 0) return;
        var pool = _pool;
        var stack = new Stack<int>();
        stack.Push(_root);
        while (stack.Count > 0)
        {
            int t = stack.Pop();
            if (pool.At(t).Left != 0) stack.Push(pool.At(t).Left);
            if (pool.At(t).Right != 0) stack.Push(pool.At(t).Right);
            pool.Free(t);
        }
        _root = 0;
    }

    /// <summary>The depth (edges from the root; the root has depth 0) of <paramref name="key"/>.</summary>
    /// <exception cref="KeyNotFoundException">The key is not present.</exception>
    public int Depth(long key)
    {
        var pool = _pool;
        int t = _root, depth = 0;
        while (t != 0)
        {
            long k = pool.At(t).Key;
            if (key == k) return depth;
            t = key < k ? pool.At(t).Left : pool.At(t).Right;
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
        var pool = _pool;
        var stack = new Stack<(int Node, int Depth)>();
        int t = _root, depth = 0;
        while (t != 0 || stack.Count > 0)
        {
            while (t != 0)
            {
                stack.Push((t, depth));
                t = pool.At(t).Left;
                depth++;
            }
            (t, depth) = stack.Pop();
            var n = pool.At(t);
            yield return new TreapNode(n.Key, n.Priority, depth, n.Size);
            t = n.Right;
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
        Node[] hot = _pool.Hot, cold = _pool.Cold;
        if (cold[0].Size != 0) throw new InvalidOperationException("the sentinel node's size is not 0");
        long? previous = null;
        ValidateNode(hot, cold, _root, ref previous);
    }

    private static int ValidateNode(Node[] hot, Node[] cold, int t, ref long? previous)
    {
        if (t == 0) return 0;
        ref var n = ref At(hot, cold, t);
        if ((t < 0) != (n.Priority >= HotPriority))
            throw new InvalidOperationException($"layout broken: key {n.Key} with priority {n.Priority:X8} is in the {(t < 0 ? "hot" : "cold")} array");
        if (n.Left != 0 && At(hot, cold, n.Left).Priority > n.Priority)
            throw new InvalidOperationException($"heap order broken: left child {At(hot, cold, n.Left).Key} has a higher priority than its parent {n.Key}");
        if (n.Right != 0 && At(hot, cold, n.Right).Priority > n.Priority)
            throw new InvalidOperationException($"heap order broken: right child {At(hot, cold, n.Right).Key} has a higher priority than its parent {n.Key}");
        int left = ValidateNode(hot, cold, n.Left, ref previous);
        if (previous is long p && p >= n.Key)
            throw new InvalidOperationException($"search-tree order broken: key {n.Key} follows {p} in order");
        previous = n.Key;
        int right = ValidateNode(hot, cold, n.Right, ref previous);
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
        RenderNode(_pool, _root, 0, sb);
        return sb.Length == 0 ? "(empty)\n" : sb.ToString();
    }

    private static void RenderNode(NodePool pool, int t, int depth, StringBuilder sb)
    {
        if (t == 0) return;
        var n = pool.At(t);
        RenderNode(pool, n.Right, depth + 1, sb);
        sb.Append(' ', depth * 6)
          .Append(n.Key.ToString(CultureInfo.InvariantCulture))
          .Append(" (p=")
          .Append((n.Priority / 4294967296.0).ToString("0.000", CultureInfo.InvariantCulture))
          .Append(")\n");
        RenderNode(pool, n.Left, depth + 1, sb);
    }

    /// <summary>The keys in ascending order.</summary>
    public IEnumerator<long> GetEnumerator()
    {
        foreach (var n in Nodes()) yield return n.Key;
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>
    /// Nodes whose priority is at least this (the top 1/64 of the priority range, so about one node in
    /// 64) are kept in the hot array, the others in the cold array. They are the top of the tree: a
    /// node's ancestors all have higher priorities, so the hot nodes form a subtree holding the root,
    /// a random search tree of about n/64 nodes whose expected depth is about 2 ln 64 ≈ 8.3 levels
    /// less than the whole tree's, and below it every node is cold.
    /// </summary>
    internal const uint HotPriority = 0xFC00_0000u;

    /// <summary>The node of index <paramref name="t"/>: hot node i is index ~i (negative), cold node i is index i, 0 the sentinel.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ref Node At(Node[] hot, Node[] cold, int t) => ref t < 0 ? ref hot[~t] : ref cold[t];

    // Insertion (section 2): insert as a leaf by search order, then rotate it up while its priority
    // exceeds its parent's. The recursion unwinds along the search path, one rotation per step up.
    // The arrays are those of the pool after ReserveOne, so the one allocation does not replace them.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private int Insert(Node[] hot, Node[] cold, int t, long key, ref bool added)
    {
        if (t == 0)
        {
            added = true;
            return _pool.Allocate(key);
        }
        ref var n = ref At(hot, cold, t);
        long k = n.Key;
        if (key == k) return t;
        if (key < k)
        {
            int child = Insert(hot, cold, n.Left, key, ref added);
            n.Left = child;
            if (!added) return t;
            n.Size++;
            if (At(hot, cold, child).Priority > n.Priority)
            {
                _rotations++;
                return RotateRight(hot, cold, t);
            }
        }
        else
        {
            int child = Insert(hot, cold, n.Right, key, ref added);
            n.Right = child;
            if (!added) return t;
            n.Size++;
            if (At(hot, cold, child).Priority > n.Priority)
            {
                _rotations++;
                return RotateLeft(hot, cold, t);
            }
        }
        return t;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private int Delete(Node[] hot, Node[] cold, int t, long key, ref bool removed)
    {
        if (t == 0) return 0;
        ref var n = ref At(hot, cold, t);
        long k = n.Key;
        if (key < k)
        {
            n.Left = Delete(hot, cold, n.Left, key, ref removed);
            if (removed) n.Size--;
            return t;
        }
        if (key > k)
        {
            n.Right = Delete(hot, cold, n.Right, key, ref removed);
            if (removed) n.Size--;
            return t;
        }
        removed = true;
        return RemoveRoot(hot, cold, t);
    }

    // Deletion (section 2): rotate the node down, always lifting the child of higher priority, until
    // it is a leaf, then clip it away. The rotations walk the right spine of its left subtree and the
    // left spine of its right subtree: fewer than 2 expected (section 4). Splicing the node out as soon
    // as one subtree is empty would save rotations (about one per deletion on average) but would no
    // longer be the paper's operation, whose rotation count the experiments measure.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private int RemoveRoot(Node[] hot, Node[] cold, int t)
    {
        ref var n = ref At(hot, cold, t);
        int l = n.Left, r = n.Right;
        if (l == 0 && r == 0)
        {
            _pool.Free(t);
            return 0;
        }
        _rotations++;
        if (r == 0 || (l != 0 && At(hot, cold, l).Priority > At(hot, cold, r).Priority))
        {
            ref var left = ref At(hot, cold, l);
            n.Left = left.Right;
            left.Right = RemoveRoot(hot, cold, t);
            left.Size = At(hot, cold, left.Left).Size + At(hot, cold, left.Right).Size + 1;
            return l;
        }
        ref var right = ref At(hot, cold, r);
        n.Right = right.Left;
        right.Left = RemoveRoot(hot, cold, t);
        right.Size = At(hot, cold, right.Left).Size + At(hot, cold, right.Right).Size + 1;
        return r;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int RotateRight(Node[] hot, Node[] cold, int t)
    {
        ref var n = ref At(hot, cold, t);
        int l = n.Left;
        ref var left = ref At(hot, cold, l);
        n.Left = left.Right;
        left.Right = t;
        n.Size = At(hot, cold, n.Left).Size + At(hot, cold, n.Right).Size + 1;
        left.Size = At(hot, cold, left.Left).Size + n.Size + 1;
        return l;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int RotateLeft(Node[] hot, Node[] cold, int t)
    {
        ref var n = ref At(hot, cold, t);
        int r = n.Right;
        ref var right = ref At(hot, cold, r);
        n.Right = right.Left;
        right.Left = t;
        n.Size = At(hot, cold, n.Left).Size + At(hot, cold, n.Right).Size + 1;
        right.Size = n.Size + At(hot, cold, right.Right).Size + 1;
        return r;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static (int Less, int AtLeast) SplitNode(Node[] hot, Node[] cold, int t, long key)
    {
        if (t == 0) return (0, 0);
        ref var n = ref At(hot, cold, t);
        if (n.Key < key)
        {
            var (l, r) = SplitNode(hot, cold, n.Right, key);
            n.Right = l;
            n.Size = At(hot, cold, n.Left).Size + At(hot, cold, l).Size + 1;
            return (t, r);
        }
        else
        {
            var (l, r) = SplitNode(hot, cold, n.Left, key);
            n.Left = r;
            n.Size = At(hot, cold, r).Size + At(hot, cold, n.Right).Size + 1;
            return (l, t);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int JoinNodes(Node[] hot, Node[] cold, int l, int r)
    {
        if (l == 0) return r;
        if (r == 0) return l;
        ref var left = ref At(hot, cold, l);
        ref var right = ref At(hot, cold, r);
        if (left.Priority > right.Priority)
        {
            left.Right = JoinNodes(hot, cold, left.Right, r);
            left.Size = At(hot, cold, left.Left).Size + At(hot, cold, left.Right).Size + 1;
            return l;
        }
        right.Left = JoinNodes(hot, cold, l, right.Left);
        right.Size = At(hot, cold, right.Left).Size + At(hot, cold, right.Right).Size + 1;
        return r;
    }

    // Copies a subtree of another pool into target, children first; each allocation may grow the
    // target's arrays, so the new node is looked up after it.
    private static int Copy(NodePool source, int t, NodePool target)
    {
        if (t == 0) return 0;
        var s = source.At(t);
        int left = Copy(source, s.Left, target);
        int right = Copy(source, s.Right, target);
        int n = target.Allocate(s.Key, s.Priority);
        ref var node = ref target.At(n);
        node.Left = left;
        node.Right = right;
        node.Size = s.Size;
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

    /// <summary>
    /// The two node arrays (hot: priorities at or above <see cref="HotPriority"/>; cold: the others, index 0
    /// the size-0 sentinel), a free list for each, and the priority generator, shared by the treaps split
    /// from one another.
    /// </summary>
    private sealed class NodePool(long seed, int capacity)
    {
        public Node[] Hot = new Node[Math.Max(16, HotCapacity(capacity))];
        public Node[] Cold = new Node[Math.Max(16, capacity + 1)];
        private int _usedHot;
        private int _usedCold = 1;
        private int _freeHot; // 0 when empty (0 is never a hot index)
        private int _freeCold;
        private SplitMix64 _priorities = new(seed);

        /// <summary>Room for the hot nodes among <paramref name="capacity"/> nodes: their expected number, capacity/64, plus 4 standard deviations.</summary>
        private static int HotCapacity(int capacity) => capacity / 64 + 4 * (int)Math.Sqrt(capacity / 64.0) + 1;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public ref Node At(int t) => ref t < 0 ? ref Hot[~t] : ref Cold[t];

        /// <summary>Makes room for one more node in each array, so that an insertion does not replace them while it runs.</summary>
        public void ReserveOne()
        {
            if (_freeHot == 0 && _usedHot == Hot.Length) Hot = Grown(Hot, _usedHot + 1L);
            if (_freeCold == 0 && _usedCold == Cold.Length) Cold = Grown(Cold, _usedCold + 1L);
        }

        private static Node[] Grown(Node[] nodes, long needed)
        {
            if (needed > Array.MaxLength) throw new InvalidOperationException($"a treap holds at most {Array.MaxLength - 1} nodes in each of its two arrays");
            Array.Resize(ref nodes, (int)Math.Min(Array.MaxLength, Math.Max(needed, 2L * nodes.Length)));
            return nodes;
        }

        public int Allocate(long key) => Allocate(key, (uint)(_priorities.Next() >> 32));

        /// <summary>A new node in the array its priority belongs to (grown if full); returns its index.</summary>
        public int Allocate(long key, uint priority)
        {
            int n;
            if (priority >= HotPriority)
            {
                if (_freeHot != 0)
                {
                    n = _freeHot;
                    _freeHot = Hot[~n].Left;
                }
                else
                {
                    if (_usedHot == Hot.Length) Hot = Grown(Hot, _usedHot + 1L);
                    n = ~_usedHot++;
                }
                Hot[~n] = new Node { Key = key, Priority = priority, Size = 1 };
            }
            else
            {
                if (_freeCold != 0)
                {
                    n = _freeCold;
                    _freeCold = Cold[n].Left;
                }
                else
                {
                    if (_usedCold == Cold.Length) Cold = Grown(Cold, _usedCold + 1L);
                    n = _usedCold++;
                }
                Cold[n] = new Node { Key = key, Priority = priority, Size = 1 };
            }
            return n;
        }

        public void Free(int n)
        {
            if (n < 0)
            {
                Hot[~n] = new Node { Left = _freeHot };
                _freeHot = n;
            }
            else
            {
                Cold[n] = new Node { Left = _freeCold };
                _freeCold = n;
            }
        }
    }
}

/// <summary>One node of a <see cref="Treap"/>: its key, its priority (a uniform 32-bit number), its depth (edges from the root) and its subtree size.</summary>
public readonly record struct TreapNode(long Key, uint Priority, int Depth, int SubtreeSize);
