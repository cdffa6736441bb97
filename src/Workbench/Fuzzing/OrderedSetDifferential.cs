using Workbench.Trees;

namespace Workbench.Fuzzing;

/// <summary>The ordered-set operations compared: the kind and two arguments (keys or an index).</summary>
public readonly record struct OrderedSetOp(OrderedSetOpKind Kind, long A, long B);

public enum OrderedSetOpKind : byte { Add, Remove, Contains, Rank, Select, CountRange, SumRange, Min, Max, Count, SplitJoin }

/// <summary>
/// <see cref="Treap"/> against <see cref="ReferenceOrderedSet"/> (Seidel &amp; Aragon 1996): every
/// update and query, including rank, select, range counts and sums, split followed by join, and the
/// exceptions on an empty set or an index out of range, must agree. The header is the treap's
/// priority seed.
/// </summary>
public sealed class OrderedSetDifferential : DifferentialTarget<OrderedSetOp>
{
    public override string Name => "diff-treap";

    public override string Description => "Treap against ReferenceOrderedSet (add, remove, rank, select, ranges, split/join)";

    protected override int HeaderLength => 1;

    protected override IDifferentialPair<OrderedSetOp> CreatePair(ReadOnlySpan<byte> header) => new Pair(header[0]);

    protected override OrderedSetOp Decode(FuzzInput input)
    {
        var kind = (OrderedSetOpKind)(input.NextByte() % 11);
        return new(kind, (long)input.NextKey(), (long)input.NextKey());
    }

    protected override void Encode(OrderedSetOp op, FuzzOutput output)
    {
        output.Byte((byte)op.Kind);
        output.Key((ulong)op.A);
        output.Key((ulong)op.B);
    }

    protected override string Describe(OrderedSetOp op) => op.Kind switch
    {
        OrderedSetOpKind.Min or OrderedSetOpKind.Max or OrderedSetOpKind.Count => $"{op.Kind}",
        OrderedSetOpKind.CountRange or OrderedSetOpKind.SumRange => $"{op.Kind}({op.A}, {op.B})",
        OrderedSetOpKind.Select => $"Select({(int)op.A})",
        _ => $"{op.Kind}({op.A})",
    };

    private sealed class Pair(long seed) : IDifferentialPair<OrderedSetOp>
    {
        private Treap _fast = new(seed);
        private ReferenceOrderedSet _reference = new();

        public string? Step(OrderedSetOp op)
        {
            long a = op.A, b = op.B;
            var result = op.Kind switch
            {
                OrderedSetOpKind.Add => Compare("Add", () => _fast.Add(a), () => _reference.Add(a)),
                OrderedSetOpKind.Remove => Compare("Remove", () => _fast.Remove(a), () => _reference.Remove(a)),
                OrderedSetOpKind.Contains => Compare("Contains", () => _fast.Contains(a), () => _reference.Contains(a)),
                OrderedSetOpKind.Rank => Compare("Rank", () => _fast.Rank(a), () => _reference.Rank(a)),
                OrderedSetOpKind.Select => Compare("Select", () => _fast.Select((int)a), () => _reference.Select((int)a)),
                OrderedSetOpKind.CountRange => Compare("CountRange", () => _fast.CountRange(a, b), () => _reference.CountRange(a, b)),
                OrderedSetOpKind.SumRange => Compare("SumRange", () => _fast.SumRange(a, b), () => unchecked(_reference.Range(a, b).Aggregate(0L, (s, k) => s + k))),
                OrderedSetOpKind.Min => Compare("Min", () => _fast.Min, () => _reference.Min),
                OrderedSetOpKind.Max => Compare("Max", () => _fast.Max, () => _reference.Max),
                OrderedSetOpKind.Count => Compare("Count", () => _fast.Count, () => _reference.Count),
                _ => SplitJoin(a),
            };
            return result ?? Compare("Count", () => _fast.Count, () => _reference.Count);
        }

        private string? SplitJoin(long key)
        {
            var (fl, fr) = _fast.Split(key);
            var (rl, rr) = _reference.Split(key);
            var detail = Compare($"Split({key}) left", () => string.Join(",", fl), () => string.Join(",", rl))
                ?? Compare($"Split({key}) right", () => string.Join(",", fr), () => string.Join(",", rr));
            _fast = Treap.Join(fl, fr);
            _reference = ReferenceOrderedSet.Join(rl, rr);
            return detail;
        }
    }
}
