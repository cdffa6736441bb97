using Workbench.Heaps;

namespace Workbench.Fuzzing;

/// <summary>A priority-queue operation: push an id, pop, peek, or lower an id's priority.</summary>
public readonly record struct HeapOp(HeapOpKind Kind, int Id, long Priority);

public enum HeapOpKind : byte { Push, Pop, Peek, DecreaseKey, Contains }

/// <summary>
/// A fast heap against <see cref="ReferencePriorityQueue"/>. Among equal priorities the order is
/// unspecified (<see cref="IPriorityQueue"/>), so a pop is correct when its priority is the smallest
/// and the id it returns is present in the reference with that priority; the reference then removes
/// that same id, and the two stay in step. Exceptions (pop on empty, pushing a present id, raising a
/// priority) must match by type. Ids are 0 to 63 and priorities mostly small, so ties and repeated ids
/// are common.
/// </summary>
public sealed class HeapDifferential(string name, string description, Func<int, IPriorityQueue> fast, bool addressable) : DifferentialTarget<HeapOp>
{
    /// <summary>Ids are 0 .. Capacity-1.</summary>
    public const int Capacity = 64;

    public override string Name => name;

    public override string Description => description;

    public static HeapDifferential Dary2() => new("diff-dary-heap-2", "DaryHeap<Arity2> against ReferencePriorityQueue", c => new DaryHeap<Arity2>(1), false);

    public static HeapDifferential Dary4() => new("diff-dary-heap-4", "DaryHeap<Arity4> against ReferencePriorityQueue", c => new DaryHeap<Arity4>(1), false);

    public static HeapDifferential Dary8() => new("diff-dary-heap-8", "DaryHeap<Arity8> against ReferencePriorityQueue", c => new DaryHeap<Arity8>(1), false);

    public static HeapDifferential Indexed4() => new("diff-indexed-heap", "IndexedDaryHeap<Arity4> with decrease-key against ReferencePriorityQueue", c => new IndexedDaryHeap<Arity4>(c), true);

    public static HeapDifferential Pairing() => new("diff-pairing-heap", "PairingHeap with decrease-key against ReferencePriorityQueue", c => new PairingHeap(c), true);

    protected override IDifferentialPair<HeapOp> CreatePair(ReadOnlySpan<byte> header) => new Pair(fast(Capacity), addressable);

    protected override HeapOp Decode(FuzzInput input)
    {
        var kind = (HeapOpKind)(input.NextByte() % (addressable ? 5 : 3));
        return new(kind, input.NextByte() % Capacity, (long)input.NextKey());
    }

    protected override void Encode(HeapOp op, FuzzOutput output)
    {
        output.Byte((byte)op.Kind);
        output.Byte((byte)op.Id);
        output.Key((ulong)op.Priority);
    }

    protected override string Describe(HeapOp op) => op.Kind switch
    {
        HeapOpKind.Push or HeapOpKind.DecreaseKey => $"{op.Kind}({op.Id}, {op.Priority})",
        HeapOpKind.Contains => $"Contains({op.Id})",
        _ => $"{op.Kind}()",
    };

    private sealed class Pair(IPriorityQueue fast, bool addressable) : IDifferentialPair<HeapOp>
    {
        private readonly ReferencePriorityQueue _reference = new(Capacity);

        public string? Step(HeapOp op)
        {
            int id = op.Id;
            // A plain heap accepts the same id twice; the reference does not, so skip such pushes there.
            if (!addressable && op.Kind == HeapOpKind.Push && _reference.Contains(id)) return null;
            var detail = op.Kind switch
            {
                HeapOpKind.Push => Compare("Push", () => { fast.Push(id, op.Priority); return true; }, () => { _reference.Push(id, op.Priority); return true; }),
                HeapOpKind.Pop => Pop(remove: true),
                HeapOpKind.Peek => Pop(remove: false),
                HeapOpKind.DecreaseKey => Compare("DecreaseKey",
                    () => { ((IAddressablePriorityQueue)fast).DecreaseKey(id, op.Priority); return true; },
                    () => { _reference.DecreaseKey(id, op.Priority); return true; }),
                _ => Compare("Contains", () => ((IAddressablePriorityQueue)fast).Contains(id), () => _reference.Contains(id))
                    ?? (_reference.Contains(id) ? Compare("PriorityOf", () => ((IAddressablePriorityQueue)fast).PriorityOf(id), () => _reference.PriorityOf(id)) : null),
            };
            return detail ?? Compare("Count", () => fast.Count, () => _reference.Count);
        }

        private string? Pop(bool remove)
        {
            string what = remove ? "Pop" : "Peek";
            int id = 0;
            long priority = 0;
            var f = Outcome.Of(() => remove ? fast.Pop(out priority) : fast.Peek(out priority));
            if (f.Error is not null)
            {
                return _reference.Count == 0 ? null : $"{what}: fast {f}, reference has {_reference.Count} elements";
            }
            id = (int)f.Value!;
            if (_reference.Count == 0) return $"{what}: fast returned ({id}, {priority}), reference is empty";
            _reference.Peek(out long smallest);
            if (priority != smallest) return $"{what}: fast returned priority {priority} (id {id}), reference's smallest is {smallest}";
            if (!_reference.Contains(id) || _reference.PriorityOf(id) != priority)
                return $"{what}: fast returned id {id} with priority {priority}, which the reference does not hold";
            if (remove) _reference.Remove(id);
            return null;
        }
    }
}
