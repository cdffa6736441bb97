using Workbench.Caching;

namespace Workbench.Fuzzing;

/// <summary>A sketch operation: count a key, or ask for its estimate.</summary>
public readonly record struct SketchOp(bool Increment, long Key);

/// <summary>
/// <see cref="FrequencySketch"/> (TinyLFU's 4-bit count-min sketch, Einziger, Friedman &amp; Manes,
/// ACM TOS 2017, section 3) against <see cref="ReferenceFrequencySketch"/>: the same estimates and
/// sample count after every operation, through resets (halving) and with or without the doorkeeper
/// and conservative update. The header picks the capacity (1 to 256), the options, the seed and a
/// sample size small enough to reset often.
/// </summary>
public sealed class FrequencySketchDifferential : DifferentialTarget<SketchOp>
{
    public override string Name => "diff-frequency-sketch";

    public override string Description => "FrequencySketch against ReferenceFrequencySketch (increments, estimates, resets, doorkeeper, conservative update)";

    protected override int HeaderLength => 4;

    protected override IDifferentialPair<SketchOp> CreatePair(ReadOnlySpan<byte> header)
    {
        int capacity = 1 + header[0];
        int words = FrequencySketch.WordsFor(capacity);
        int sample = header[3] == 0 ? FrequencySketch.SampleFor(capacity) : header[3];
        long door = (header[1] & 1) != 0 ? 64L * words : 0;
        bool conservative = (header[1] & 2) != 0;
        return new Pair(new FrequencySketch(words, sample, header[2], door, conservative), new ReferenceFrequencySketch(words, sample, header[2], door, conservative));
    }

    protected override SketchOp Decode(FuzzInput input) => new((input.NextByte() & 1) == 0, (long)input.NextKey());

    protected override void Encode(SketchOp op, FuzzOutput output)
    {
        output.Byte(op.Increment ? (byte)0 : (byte)1);
        output.Key((ulong)op.Key);
    }

    protected override string Describe(SketchOp op) => op.Increment ? $"Increment({op.Key})" : $"Estimate({op.Key})";

    private sealed class Pair(FrequencySketch fast, ReferenceFrequencySketch reference) : IDifferentialPair<SketchOp>
    {
        public string? Step(SketchOp op)
        {
            if (op.Increment)
            {
                fast.Increment(op.Key);
                reference.Increment(op.Key);
            }
            return Compare($"Estimate({op.Key})", () => fast.Estimate(op.Key), () => reference.Estimate(op.Key))
                ?? Compare("Size", () => fast.Size, () => reference.Size);
        }
    }
}

/// <summary>
/// <see cref="WindowTinyLfuPolicy"/> against <see cref="ReferenceWindowTinyLfu"/> (W-TinyLFU,
/// Einziger, Friedman &amp; Manes 2017, section 4; the adaptive variant's hill climber when
/// <c>adaptive</c>): every access must hit or miss alike. Keys are mostly 0 to 63 and the capacity
/// 1 to 48, so admission, eviction and window resizing are all exercised.
/// </summary>
public sealed class WindowTinyLfuDifferential(bool adaptive) : DifferentialTarget<long>
{
    public override string Name => adaptive ? "diff-wtinylfu-adaptive" : "diff-wtinylfu";

    public override string Description => $"WindowTinyLfuPolicy against ReferenceWindowTinyLfu ({(adaptive ? "adaptive window" : "fixed 1% window")})";

    protected override int HeaderLength => 2;

    protected override IDifferentialPair<long> CreatePair(ReadOnlySpan<byte> header)
    {
        int capacity = 1 + header[0] % 48;
        return new Pair(new WindowTinyLfuPolicy(capacity, adaptive, header[1]), new ReferenceWindowTinyLfu(capacity, adaptive, header[1]));
    }

    protected override long Decode(FuzzInput input) => (long)input.NextKey();

    protected override void Encode(long op, FuzzOutput output) => output.Key((ulong)op);

    protected override string Describe(long op) => $"Access({op})";

    private sealed class Pair(ICachePolicy fast, ICachePolicy reference) : IDifferentialPair<long>
    {
        public string? Step(long key) => Compare($"Access({key}) hit", () => fast.Access(key), () => reference.Access(key));
    }
}
