namespace Workbench.Fuzzing;

/// <summary>What a fuzz target did with one input that did not crash it.</summary>
public enum FuzzOutcome
{
    /// <summary>The input was valid and processed to the end.</summary>
    Accepted,

    /// <summary>The input was malformed and rejected with the component's own format or parameter error.</summary>
    Rejected,
}

/// <summary>
/// One fuzz target: a function of the fuzzer's bytes that returns normally for every input it
/// handles correctly (accepted, or rejected with the component's documented error) and throws for
/// anything else: an unexpected exception is a crash, a <see cref="DivergenceException"/> is a
/// fast/reference disagreement. The coverage-guided host (AFL++ through SharpFuzz), the replay of
/// saved regressions and the in-process loops all call <see cref="Execute"/>.
/// </summary>
/// <param name="Name">Stable name, e.g. <c>parameter-binder</c> or <c>diff-treap</c>: the folder of its saved inputs under <c>fuzz/regressions/</c>.</param>
/// <param name="Description">One line.</param>
/// <param name="Execute">Runs one input.</param>
/// <param name="Seeds">Small valid inputs to start a campaign from.</param>
public sealed record FuzzTarget(string Name, string Description, Func<ReadOnlyMemory<byte>, FuzzOutcome> Execute, IReadOnlyList<byte[]> Seeds)
{
    /// <summary>A target that throws <see cref="DivergenceException"/> on the first divergence of <paramref name="target"/>.</summary>
    public static FuzzTarget Differential(IDifferentialTarget target, params byte[][] seeds) => new(
        target.Name,
        target.Description,
        data =>
        {
            var divergence = target.Run(data);
            return divergence is null ? FuzzOutcome.Accepted : throw new DivergenceException(target.Name, divergence);
        },
        seeds.Length > 0 ? seeds : [RandomSeed(target.Name)]);

    private static byte[] RandomSeed(string name)
    {
        var rng = new Workloads.SplitMix64(name.Length * 7919L + name[^1]);
        var bytes = new byte[96];
        for (int i = 0; i < bytes.Length; i++) bytes[i] = (byte)rng.Next();
        return bytes;
    }
}
