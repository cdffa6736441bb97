using Workbench.Filters;

namespace Workbench.Fuzzing;

/// <summary>One filter operation: add a key, or ask whether it may be present.</summary>
public readonly record struct FilterOp(bool Add, ulong Key);

/// <summary>
/// A fast membership filter against <see cref="ReferenceBloomFilter"/>: after every add and every
/// query both must answer the same (the fast filters promise bit-for-bit the reference's answers, not
/// only no false negatives). The header picks the size (64 to 2^14 bits), the hash count (1 to 64)
/// and the hash seed, so the fuzzer explores small and odd geometries.
/// </summary>
public sealed class FilterDifferential(
    string name,
    string description,
    Func<long, int, long, IMembershipFilter> fast,
    Func<long, int, long, IMembershipFilter> reference) : DifferentialTarget<FilterOp>
{
    public override string Name => name;

    public override string Description => description;

    protected override int HeaderLength => 4;

    /// <summary>The classic filter (<see cref="BloomFilter"/>) against the classic reference layout.</summary>
    public static FilterDifferential Classic() => new("diff-bloom", "BloomFilter against ReferenceBloomFilter (classic layout)",
        (m, k, s) => new BloomFilter(m, k, s), (m, k, s) => new ReferenceBloomFilter(ReferenceBloomFilter.Layout.Classic, m, k, s));

    /// <summary>The cache-line blocked filter (<see cref="BlockedBloomFilter"/>) against the blocked reference layout.</summary>
    public static FilterDifferential Blocked() => new("diff-blocked-bloom", "BlockedBloomFilter against ReferenceBloomFilter (blocked layout)",
        (m, k, s) => new BlockedBloomFilter(m, k, s), (m, k, s) => new ReferenceBloomFilter(ReferenceBloomFilter.Layout.Blocked, m, k, s));

    protected override IDifferentialPair<FilterOp> CreatePair(ReadOnlySpan<byte> header)
    {
        long bits = 64 + (((header[0] | (header[1] << 8)) & 0x3FFF));
        int k = 1 + (header[2] & 63);
        long seed = header[3];
        return new Pair(fast(bits, k, seed), reference(bits, k, seed));
    }

    protected override FilterOp Decode(FuzzInput input) => new((input.NextByte() & 1) == 0, input.NextKey());

    protected override void Encode(FilterOp op, FuzzOutput output)
    {
        output.Byte(op.Add ? (byte)0 : (byte)1);
        output.Key(op.Key);
    }

    protected override string Describe(FilterOp op) => op.Add ? $"Add({op.Key})" : $"MayContain({op.Key})";

    private sealed class Pair(IMembershipFilter fast, IMembershipFilter reference) : IDifferentialPair<FilterOp>
    {
        public string? Step(FilterOp op)
        {
            if (op.Add)
            {
                fast.Add(op.Key);
                reference.Add(op.Key);
            }
            return Compare($"MayContain({op.Key})", () => fast.MayContain(op.Key), () => reference.MayContain(op.Key));
        }
    }
}
