namespace Workbench.Sketches;

/// <summary>
/// The sizing rules and error bound of the count-min sketch (Cormode &amp; Muthukrishnan 2005,
/// section 3, Theorem 1): w = ceil(e/ε) counters per row and d = ceil(ln(1/δ)) rows make the
/// estimate exceed the true count by more than ε·N with probability at most δ. For a width w and
/// depth d the same argument (Markov's inequality on one row, then independence of the rows) gives
/// P[error &gt; ε·N] ≤ (1/(ε·w))^d for any ε, which is what <see cref="ExceedProbabilityBound"/> returns.
/// </summary>
public static class CountMinMath
{
    /// <summary>w = ceil(e/ε).</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="epsilon"/> outside (0, 1).</exception>
    public static int WidthFor(double epsilon)
    {
        if (!(epsilon > 0 && epsilon < 1)) throw new ArgumentOutOfRangeException(nameof(epsilon), epsilon, "epsilon must be in (0, 1)");
        double w = Math.Ceiling(Math.E / epsilon);
        if (w > int.MaxValue) throw new ArgumentOutOfRangeException(nameof(epsilon), epsilon, "epsilon is too small: the width e/epsilon exceeds 2^31");
        return (int)w;
    }

    /// <summary>d = ceil(ln(1/δ)).</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="delta"/> outside (0, 1).</exception>
    public static int DepthFor(double delta)
    {
        if (!(delta > 0 && delta < 1)) throw new ArgumentOutOfRangeException(nameof(delta), delta, "delta must be in (0, 1)");
        return Math.Max(1, (int)Math.Ceiling(Math.Log(1 / delta)));
    }

    /// <summary>The ε that a width w guarantees: e/w.</summary>
    public static double EpsilonFor(int width) => Math.E / width;

    /// <summary>The δ that a depth d guarantees: e^-d.</summary>
    public static double DeltaFor(int depth) => Math.Exp(-depth);

    /// <summary>Markov bound on one row raised to the depth: P[error &gt; ε·N] ≤ min(1, 1/(ε·w))^d.</summary>
    public static double ExceedProbabilityBound(double epsilon, int width, int depth) => Math.Pow(Math.Min(1.0, 1.0 / (epsilon * width)), depth);

    internal static void CheckShape(int width, int depth)
    {
        if (width < 1) throw new ArgumentOutOfRangeException(nameof(width), width, "width must be at least 1");
        if (depth < 1 || depth > CountMinSketch.MaxDepth) throw new ArgumentOutOfRangeException(nameof(depth), depth, $"depth must be between 1 and {CountMinSketch.MaxDepth}");
        if ((long)width * depth > CountMinSketch.MaxCounters) throw new ArgumentOutOfRangeException(nameof(width), width, $"width x depth must be at most {CountMinSketch.MaxCounters} counters (got {(long)width * depth})");
    }
}
