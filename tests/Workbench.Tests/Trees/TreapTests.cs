using Workbench.Trees;
using Workbench.Workloads;

namespace Workbench.Tests.Trees;

/// <summary>Behaviour, invariants and clear errors of <see cref="Treap"/>.</summary>
public class TreapTests
{
    [Fact]
    public void Invariants_hold_after_a_large_random_workload()
    {
        var treap = new Treap(seed: 5);
        var random = new SplitMix64(9);
        for (int i = 0; i < 20_000; i++) treap.Add(random.NextLong(10_000));
        for (int i = 0; i < 10_000; i++) treap.Remove(random.NextLong(10_000));
        treap.Validate();
        var keys = treap.ToArray();
        Assert.Equal(keys.Order().ToArray(), keys);
        Assert.Equal(keys.Length, treap.Count);
        for (int i = 0; i < keys.Length; i += 97)
        {
            Assert.Equal(keys[i], treap.Select(i));
            Assert.Equal(i, treap.Rank(keys[i]));
        }
    }

    [Fact]
    public void Hot_nodes_are_the_top_of_the_tree_through_growth_reuse_split_and_join()
    {
        // The nodes of priority at least Treap.HotPriority live in a separate array (Validate checks
        // that each node is in the array its priority belongs to). Start from capacity 0 so that both
        // arrays grow, delete and re-add so that both free lists are reused, and move nodes between
        // two treaps' node arrays by a join.
        var treap = new Treap(seed: 21);
        var reference = new SortedSet<long>();
        var random = new SplitMix64(22);
        for (int i = 0; i < 40_000; i++) { long k = random.NextLong(100_000); Assert.Equal(reference.Add(k), treap.Add(k)); }
        for (int i = 0; i < 30_000; i++) { long k = random.NextLong(100_000); Assert.Equal(reference.Remove(k), treap.Remove(k)); }
        for (int i = 0; i < 30_000; i++) { long k = random.NextLong(100_000); Assert.Equal(reference.Add(k), treap.Add(k)); }
        treap.Validate();
        var nodes = treap.Nodes().ToList();
        int hot = nodes.Count(n => n.Priority >= Treap.HotPriority);
        Assert.InRange(hot, nodes.Count / 64 / 2, nodes.Count / 64 * 2);
        // A hot node's parent is hot: the hot nodes are exactly the nodes above some depth on every path.
        var depthOfLowestHot = nodes.Where(n => n.Priority >= Treap.HotPriority).Max(n => n.Depth);
        Assert.True(depthOfLowestHot < treap.Height());

        var other = new Treap(seed: 23);
        for (long k = 200_000; k < 220_000; k++) other.Add(k);
        var (below, rest) = treap.Split(50_000);
        below.Validate();
        rest.Validate();
        var joined = Treap.Join(Treap.Join(below, rest), other);
        joined.Validate();
        Assert.Equal(reference.Concat(Enumerable.Range(200_000, 20_000).Select(i => (long)i)), joined);
        foreach (var k in reference) Assert.True(joined.Contains(k));
        for (long k = 200_000; k < 220_000; k += 7) Assert.True(joined.Contains(k));
        for (long k = 100_000; k < 200_000; k += 13) Assert.False(joined.Contains(k));
        Assert.Equal(reference.Count + 20_000, joined.Count);
    }

    [Fact]
    public void Every_child_has_a_lower_priority_than_its_parent_and_nodes_are_in_key_order()
    {
        var treap = new Treap(seed: 1);
        for (long k = 0; k < 500; k++) treap.Add(k * 7 % 500);
        var nodes = treap.Nodes().ToList();
        Assert.Equal(Enumerable.Range(0, 500).Select(i => (long)i), nodes.Select(n => n.Key));
        var root = Assert.Single(nodes, n => n.Depth == 0);
        Assert.Equal(500, root.SubtreeSize);
        Assert.Equal(nodes.Max(n => n.Priority), root.Priority);
        Assert.All(nodes, n => Assert.Equal(n.Depth, treap.Depth(n.Key)));
        Assert.Equal(nodes.Max(n => n.Depth), treap.Height());
    }

    [Fact]
    public void The_same_seed_and_updates_give_the_same_tree()
    {
        static string Build(long seed)
        {
            var t = new Treap(seed);
            foreach (var k in new long[] { 5, 3, 8, 1, 4, 7, 9, 2, 6 }) t.Add(k);
            return t.Render();
        }
        Assert.Equal(Build(3), Build(3));
        Assert.NotEqual(Build(3), Build(4));
    }

    [Fact]
    public void Shape_does_not_depend_on_insertion_order()
    {
        // Section 3: a treap's shape is fixed by its keys and priorities. The same priority sequence is
        // consumed in insertion order, so build two treaps that give each key the same priority by
        // inserting into one, then rebuilding the other from a split-and-join of the first.
        var a = new Treap(seed: 11);
        for (long k = 0; k < 300; k++) a.Add((k * 113) % 300);
        var depths = a.NodeDepths();
        var (less, atLeast) = a.Split(150);
        var joined = Treap.Join(less, atLeast);
        Assert.Equal(depths, joined.NodeDepths());
    }

    [Fact]
    public void Split_and_join_move_ranges_without_rotations()
    {
        var treap = new Treap(seed: 2);
        for (long k = 0; k < 1000; k++) treap.Add(k);
        long rotations = treap.Rotations;
        var (less, atLeast) = treap.Split(400);
        var (middle, high) = atLeast.Split(600);
        Assert.Equal(400, less.Count);
        Assert.Equal(200, middle.Count);
        Assert.Equal(400, high.Count);
        Assert.Equal(400, middle.Min);
        Assert.Equal(599, middle.Max);
        var back = Treap.Join(Treap.Join(less, middle), high);
        back.Validate();
        Assert.Equal(Enumerable.Range(0, 1000).Select(i => (long)i), back);
        Assert.Equal(rotations, treap.Rotations);
        Assert.Equal(0, back.Rotations);
    }

    [Fact]
    public void Removed_nodes_are_reused()
    {
        var treap = new Treap(seed: 3);
        for (int round = 0; round < 50; round++)
        {
            for (long k = 0; k < 100; k++) Assert.True(treap.Add(k));
            for (long k = 0; k < 100; k++) Assert.True(treap.Remove(k));
        }
        Assert.Empty(treap);
        Assert.Equal("(empty)\n", treap.Render());
        Assert.Equal(-1, treap.Height());
    }

    [Fact]
    public void Render_draws_the_tree_sideways_with_priorities()
    {
        var treap = new Treap(seed: 7);
        foreach (var k in new long[] { 20, 10, 30 }) treap.Add(k);
        var lines = treap.Render().TrimEnd('\n').Split('\n');
        Assert.Equal(3, lines.Length);
        Assert.Equal(["30", "20", "10"], lines.Select(l => l.Trim().Split(' ')[0]));
        Assert.All(lines, l => Assert.Matches(@"^\s*\d+ \(p=0\.\d{3}\)$", l));
    }

    [Fact]
    public void Min_and_max_of_an_empty_treap_fail_clearly()
    {
        var e = Assert.Throws<InvalidOperationException>(() => new Treap().Min);
        Assert.Contains("empty", e.Message);
        Assert.Throws<InvalidOperationException>(() => new Treap().Max);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(3)]
    [InlineData(int.MaxValue)]
    public void Select_out_of_range_names_the_parameter(int index)
    {
        var treap = new Treap();
        treap.Add(1); treap.Add(2); treap.Add(3);
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => treap.Select(index));
        Assert.Equal("index", e.ParamName);
        Assert.Contains("[0, 3)", e.Message);
    }

    [Fact]
    public void Join_with_overlapping_ranges_fails_clearly_and_changes_nothing()
    {
        var left = new Treap(1);
        var right = new Treap(2);
        foreach (var k in new long[] { 1, 5, 9 }) left.Add(k);
        foreach (var k in new long[] { 9, 12 }) right.Add(k);
        var e = Assert.Throws<ArgumentException>(() => Treap.Join(left, right));
        Assert.Equal("right", e.ParamName);
        Assert.Contains("9", e.Message);
        Assert.Equal(3, left.Count);
        Assert.Equal(2, right.Count);
        Assert.Throws<ArgumentException>(() => Treap.Join(left, left));
    }

    [Fact]
    public void Depth_of_an_absent_key_fails_clearly()
    {
        var treap = new Treap();
        treap.Add(1);
        var e = Assert.Throws<KeyNotFoundException>(() => treap.Depth(2));
        Assert.Contains("2", e.Message);
    }

    [Fact]
    public void Ranges_count_and_scan_the_half_open_interval()
    {
        var treap = new Treap(4);
        for (long k = 0; k < 100; k += 2) treap.Add(k);
        Assert.Equal(5, treap.CountRange(10, 20));
        Assert.Equal([10L, 12, 14, 16, 18], treap.Range(10, 20));
        Assert.Equal(70, treap.SumRange(10, 20));
        Assert.Equal(0, treap.CountRange(20, 10));
        Assert.Empty(treap.Range(20, 20));
    }
}
