using CsCheck;
using Workbench.Trees;

namespace Workbench.Tests.Trees;

/// <summary>
/// The treap answers every operation exactly as its plainly written twin, <see cref="ReferenceOrderedSet"/>,
/// on random operation sequences (add, remove, contains, rank, select, range count and scan, split,
/// join with a treap of its own node arrays and with a foreign one), and keeps its invariants (search-tree
/// order, heap order of priorities, subtree sizes) after every step.
/// </summary>
public class TreapDifferentialTests
{
    private static readonly Gen<(long Seed, (int Op, long Key)[] Ops)> Sequences =
        Gen.Select(Gen.Long, Gen.Select(Gen.Int[0, 9], Gen.Long[-60, 60]).Array[1, 250]);

    [Fact]
    public void Random_operation_sequences_match_the_reference_twin() =>
        Sequences.Sample(c => Replay(c.Seed, c.Ops), iter: 300);

    private static readonly long[] Extremes = [long.MinValue, long.MinValue + 1, -1L, 0L, 1L, long.MaxValue - 1, long.MaxValue];

    [Fact]
    public void Extreme_keys_match_the_reference_twin() =>
        Gen.Select(Gen.Long, Gen.Select(Gen.Int[0, 9], Gen.Int[0, Extremes.Length - 1].Select(i => Extremes[i])).Array[1, 60])
            .Sample(c => Replay(c.Item1, c.Item2), iter: 200);

    private static void Replay(long seed, (int Op, long Key)[] ops)
    {
        var treap = new Treap(seed);
        var reference = new ReferenceOrderedSet();
        int step = 0;
        foreach (var (op, key) in ops)
        {
            string at = $"step {step++}: op {op} key {key}";
            switch (op)
            {
                case 0:
                case 1:
                    Assert.True(reference.Add(key) == treap.Add(key), $"Add differs at {at}");
                    break;
                case 2:
                    Assert.True(reference.Remove(key) == treap.Remove(key), $"Remove differs at {at}");
                    break;
                case 3:
                    Assert.True(reference.Contains(key) == treap.Contains(key), $"Contains differs at {at}");
                    break;
                case 4:
                    Assert.True(reference.Rank(key) == treap.Rank(key), $"Rank differs at {at}");
                    break;
                case 5:
                    int index = (int)(Math.Abs(key % 64)) - 2;
                    if (index >= 0 && index < reference.Count) Assert.True(reference.Select(index) == treap.Select(index), $"Select differs at {at}");
                    else
                    {
                        Assert.Throws<ArgumentOutOfRangeException>(() => reference.Select(index));
                        Assert.Throws<ArgumentOutOfRangeException>(() => treap.Select(index));
                    }
                    break;
                case 6:
                {
                    var (tl, tr) = treap.Split(key);
                    var (rl, rr) = reference.Split(key);
                    Assert.Empty(treap);
                    tl.Validate();
                    tr.Validate();
                    Assert.Equal(rl.ToArray(), tl.ToArray());
                    Assert.Equal(rr.ToArray(), tr.ToArray());
                    treap = Treap.Join(tl, tr);
                    reference = ReferenceOrderedSet.Join(rl, rr);
                    Assert.Equal(0, tl.Count + tr.Count);
                    break;
                }
                case 7:
                {
                    long high = key + Math.Abs(key % 17);
                    Assert.True(reference.CountRange(key, high) == treap.CountRange(key, high), $"CountRange differs at {at}");
                    Assert.Equal(reference.Range(key, high).ToArray(), treap.Range(key, high).ToArray());
                    Assert.Equal(reference.Range(key, high).Aggregate(0L, (a, b) => unchecked(a + b)), treap.SumRange(key, high));
                    break;
                }
                case 8:
                {
                    // Join with a treap built on its own node arrays, above (or below) every key.
                    long start = reference.Count == 0 ? key : reference.Max;
                    if (start > long.MaxValue - 4) break;
                    var other = new Treap(seed ^ key);
                    var otherReference = new ReferenceOrderedSet();
                    for (long k = start + 1; k <= start + 3; k++) { other.Add(k); otherReference.Add(k); }
                    treap = Treap.Join(treap, other);
                    reference = ReferenceOrderedSet.Join(reference, otherReference);
                    Assert.Empty(other);
                    break;
                }
                case 9:
                    if (reference.Count == 0)
                    {
                        Assert.Throws<InvalidOperationException>(() => treap.Min);
                        Assert.Throws<InvalidOperationException>(() => treap.Max);
                    }
                    else
                    {
                        Assert.Equal(reference.Min, treap.Min);
                        Assert.Equal(reference.Max, treap.Max);
                    }
                    break;
            }
            Assert.True(reference.Count == treap.Count, $"Count differs after {at}");
            treap.Validate();
        }
        Assert.Equal(reference.ToArray(), treap.ToArray());
    }
}
