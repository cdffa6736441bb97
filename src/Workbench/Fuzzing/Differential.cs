namespace Workbench.Fuzzing;

/// <summary>The first step at which a fast implementation and its reference answered differently.</summary>
/// <param name="Step">Zero-based index of the diverging operation.</param>
/// <param name="Operation">The operation, as written by the target (for example <c>Pop()</c>).</param>
/// <param name="Detail">What each side answered.</param>
public sealed record Divergence(int Step, string Operation, string Detail)
{
    public override string ToString() => $"step {Step}: {Operation}: {Detail}";
}

/// <summary>Thrown by a differential fuzz target when the two implementations disagree, so that a fuzzer records the input as a crash.</summary>
public sealed class DivergenceException(string target, Divergence divergence)
    : Exception($"{target}: fast and reference implementations diverge at {divergence}")
{
    public Divergence Divergence { get; } = divergence;
}

/// <summary>The result of a seeded random search for a divergence (<see cref="IDifferentialTarget.Search"/>).</summary>
/// <param name="Target">The target's name.</param>
/// <param name="Executions">Operation sequences run, the one that diverged included.</param>
/// <param name="Divergence">The divergence of the minimized sequence, or null when none was found.</param>
/// <param name="OriginalLength">Operations in the first diverging sequence (0 when none).</param>
/// <param name="Minimized">The minimized reproducer's operations, one per line (empty when none).</param>
/// <param name="Reproducer">The minimized reproducer as fuzzer input bytes (empty when none): save it under <c>fuzz/regressions/&lt;target&gt;/</c>.</param>
/// <param name="ShrinkExecutions">Sequences run while minimizing.</param>
public sealed record DifferentialReport(
    string Target,
    long Executions,
    Divergence? Divergence,
    int OriginalLength,
    IReadOnlyList<string> Minimized,
    byte[] Reproducer,
    long ShrinkExecutions)
{
    public bool Found => Divergence is not null;
}

/// <summary>
/// A differential target: a fast implementation and its plainly written reference twin behind the
/// same operations, driven by one operation sequence decoded from bytes. The same bytes drive the
/// coverage-guided fuzzer (<see cref="Run"/>) and the seeded random search with delta-debugging
/// minimization (<see cref="Search"/>).
/// </summary>
public interface IDifferentialTarget
{
    string Name { get; }

    string Description { get; }

    /// <summary>Decodes <paramref name="data"/> into a configuration and operations, runs both sides, and returns the first divergence or null.</summary>
    Divergence? Run(ReadOnlyMemory<byte> data);

    /// <summary>
    /// Generates up to <paramref name="maxExecutions"/> random sequences of up to
    /// <paramref name="maxOperations"/> operations from <paramref name="seed"/>; stops at the first
    /// divergence and minimizes it. Deterministic for the same arguments.
    /// </summary>
    DifferentialReport Search(long seed, long maxExecutions, int maxOperations);
}

/// <summary>One fast-and-reference pair under test; <see cref="Step"/> applies one operation to both.</summary>
public interface IDifferentialPair<in TOp>
{
    /// <summary>Applies <paramref name="op"/> to both sides; null when they agree, else what each answered.</summary>
    string? Step(TOp op);
}

/// <summary>
/// The shared machinery of a differential target: decoding, execution, random search and
/// minimization. A subclass says how to read and write one operation and how to build a pair from a
/// fixed-length configuration header (for example a filter's size and hash count).
/// </summary>
public abstract class DifferentialTarget<TOp> : IDifferentialTarget
{
    /// <summary>Sequences longer than this are cut (a fuzzer's inputs are bounded anyway).</summary>
    public const int MaxDecodedOperations = 4096;

    public abstract string Name { get; }

    public abstract string Description { get; }

    /// <summary>Bytes of configuration read before the operations.</summary>
    protected virtual int HeaderLength => 0;

    /// <summary>A fresh pair configured by <paramref name="header"/> (exactly <see cref="HeaderLength"/> bytes, zero-padded). Any header must give a valid pair.</summary>
    protected abstract IDifferentialPair<TOp> CreatePair(ReadOnlySpan<byte> header);

    protected abstract TOp Decode(FuzzInput input);

    protected abstract void Encode(TOp op, FuzzOutput output);

    /// <summary>The operation as a line of a reproducer, e.g. <c>Add(5)</c>.</summary>
    protected abstract string Describe(TOp op);

    public Divergence? Run(ReadOnlyMemory<byte> data)
    {
        var (header, ops) = DecodeAll(data);
        return Execute(header, ops);
    }

    /// <summary>Splits bytes into the header and the operations they encode.</summary>
    public (byte[] Header, List<TOp> Operations) DecodeAll(ReadOnlyMemory<byte> data)
    {
        var header = new byte[HeaderLength];
        data.Span[..Math.Min(HeaderLength, data.Length)].CopyTo(header);
        var input = new FuzzInput(data.Length > HeaderLength ? data[HeaderLength..] : ReadOnlyMemory<byte>.Empty);
        var ops = new List<TOp>();
        while (!input.Exhausted && ops.Count < MaxDecodedOperations) ops.Add(Decode(input));
        return (header, ops);
    }

    /// <summary>Runs <paramref name="ops"/> on a fresh pair; the first divergence or null.</summary>
    public Divergence? Execute(ReadOnlySpan<byte> header, IReadOnlyList<TOp> ops)
    {
        var pair = CreatePair(header);
        for (int i = 0; i < ops.Count; i++)
        {
            var detail = pair.Step(ops[i]);
            if (detail is not null) return new Divergence(i, Describe(ops[i]), detail);
        }
        return null;
    }

    /// <summary>The bytes that decode to <paramref name="header"/> and <paramref name="ops"/>.</summary>
    public byte[] EncodeAll(ReadOnlySpan<byte> header, IEnumerable<TOp> ops)
    {
        var output = new FuzzOutput();
        output.Bytes(header);
        foreach (var op in ops) Encode(op, output);
        return output.ToArray();
    }

    public DifferentialReport Search(long seed, long maxExecutions, int maxOperations)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxExecutions);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxOperations, 1);
        var rng = new Workloads.SplitMix64(seed);
        var buffer = new byte[HeaderLength + 9 * maxOperations];
        for (long run = 1; run <= maxExecutions; run++)
        {
            int length = HeaderLength + 1 + rng.Below(buffer.Length - HeaderLength);
            for (int i = 0; i < length; i++) buffer[i] = (byte)rng.Next();
            var (header, ops) = DecodeAll(buffer.AsMemory(0, length));
            if (ops.Count > maxOperations) ops.RemoveRange(maxOperations, ops.Count - maxOperations);
            var divergence = Execute(header, ops);
            if (divergence is null) continue;
            var (minimal, shrinkRuns) = Minimize(header, ops[..(divergence.Step + 1)]);
            var last = Execute(header, minimal)!;
            return new DifferentialReport(Name, run, last, ops.Count, [.. minimal.Select(Describe)], EncodeAll(header, minimal), shrinkRuns);
        }
        return new DifferentialReport(Name, maxExecutions, null, 0, [], [], 0);
    }

    /// <summary>Delta-debugging minimization (<see cref="DeltaDebugging.Minimize{T}"/>) of a diverging sequence.</summary>
    public (List<TOp> Operations, long Executions) Minimize(byte[] header, List<TOp> ops)
    {
        long runs = 0;
        var minimal = DeltaDebugging.Minimize(ops, candidate =>
        {
            runs++;
            return Execute(header, candidate) is not null;
        });
        return (minimal, runs);
    }

    /// <summary>Compares two outcomes, each a value or an exception type; null when equal.</summary>
    protected static string? Compare<T>(string what, Func<T> fast, Func<T> reference)
    {
        var f = Outcome.Of(fast);
        var r = Outcome.Of(reference);
        return f.Equals(r) ? null : $"{what}: fast {f}, reference {r}";
    }

    /// <summary>A value, or the type of the exception raised instead.</summary>
    protected readonly record struct Outcome(object? Value, Type? Error)
    {
        public static Outcome Of<T>(Func<T> f)
        {
            try
            {
                return new Outcome(f(), null);
            }
            catch (Exception e) when (e is ArgumentException or InvalidOperationException)
            {
                return new Outcome(null, e.GetType());
            }
        }

        public override string ToString() => Error is null ? $"{Value}" : $"threw {Error.Name}";
    }
}

/// <summary>
/// Zeller and Hildebrandt's ddmin (Simplifying and isolating failure-inducing input, IEEE TSE
/// 28(2), 2002): removes ever smaller chunks of a failing sequence while it still fails, ending
/// with a 1-minimal sequence (removing any single element makes it pass).
/// </summary>
public static class DeltaDebugging
{
    /// <summary>A 1-minimal subsequence of <paramref name="failing"/> for which <paramref name="fails"/> holds. <paramref name="fails"/> must hold for <paramref name="failing"/> itself.</summary>
    public static List<T> Minimize<T>(IReadOnlyList<T> failing, Func<List<T>, bool> fails)
    {
        var current = failing.ToList();
        int n = 2;
        while (current.Count >= 2)
        {
            int chunk = (current.Count + n - 1) / n;
            bool reduced = false;
            // Try each complement (the sequence without one chunk), as ddmin does after its subsets.
            for (int start = 0; start < current.Count; start += chunk)
            {
                var subset = current.GetRange(start, Math.Min(chunk, current.Count - start));
                if (subset.Count < current.Count && fails(subset))
                {
                    current = subset;
                    n = 2;
                    reduced = true;
                    break;
                }
                var complement = current.Take(start).Concat(current.Skip(start + chunk)).ToList();
                if (complement.Count > 0 && fails(complement))
                {
                    current = complement;
                    n = Math.Max(n - 1, 2);
                    reduced = true;
                    break;
                }
            }
            if (reduced) continue;
            if (n >= current.Count) break;
            n = Math.Min(current.Count, 2 * n);
        }
        return current;
    }
}
