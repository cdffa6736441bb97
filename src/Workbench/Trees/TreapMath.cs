namespace Workbench.Trees;

/// <summary>
/// Closed forms for the shape of a treap with n keys, which is the shape of a random binary search
/// tree (Seidel &amp; Aragon 1996, section 4). Depths count edges from the root (the root has depth 0).
/// </summary>
public static class TreapMath
{
    /// <summary>α of the height of random search trees (Devroye 1986; Reed 2003): the root of α ln(2e/α) = 1.</summary>
    public const double HeightAlpha = 4.311070407001;

    /// <summary>β of the height of random search trees (Reed 2003): 3 / (2 ln(α/2)).</summary>
    public const double HeightBeta = 1.953001640;

    /// <summary>The harmonic number H_n = 1 + 1/2 + ... + 1/n (0 for n = 0).</summary>
    public static double Harmonic(long n)
    {
        if (n < 0) throw new ArgumentOutOfRangeException(nameof(n), n, "n must be at least 0");
        double h = 0;
        for (long i = n; i >= 1; i--) h += 1.0 / i; // smallest terms first, for accuracy
        return h;
    }

    /// <summary>
    /// Expected depth of the l-th smallest of n keys: H_l + H_(n-l+1) - 2 (Seidel &amp; Aragon,
    /// section 4, count the node's ancestors including itself as H_l + H_(n-l+1) - 1).
    /// </summary>
    public static double ExpectedDepth(long l, long n)
    {
        if (n < 1) throw new ArgumentOutOfRangeException(nameof(n), n, "n must be at least 1");
        if (l < 1 || l > n) throw new ArgumentOutOfRangeException(nameof(l), l, $"l must be between 1 and n = {n}");
        return Harmonic(l) + Harmonic(n - l + 1) - 2;
    }

    /// <summary>
    /// Expected average node depth: (1/n) Σ_l (H_l + H_(n-l+1) - 2) = 2(1 + 1/n)H_n - 4, the average
    /// internal path length of a random binary search tree; about 2 ln n - 2.85 for large n.
    /// </summary>
    public static double ExpectedAverageDepth(long n)
    {
        if (n < 1) throw new ArgumentOutOfRangeException(nameof(n), n, "n must be at least 1");
        return 2 * (1 + 1.0 / n) * Harmonic(n) - 4;
    }

    /// <summary>The asymptote 2 ln n of the depth of a node (section 4: expected depth at most about 2 ln n).</summary>
    public static double TwoLnN(long n) => 2 * Math.Log(n);

    /// <summary>The leading terms α ln n - β ln ln n of the expected height (Reed 2003); an asymptote, off by O(1). NaN for n &lt; 3.</summary>
    public static double HeightAsymptote(long n) => n < 3 ? double.NaN : HeightAlpha * Math.Log(n) - HeightBeta * Math.Log(Math.Log(n));

    /// <summary>
    /// Expected rotations of one insertion (or deletion) of the l-th smallest key in a treap holding
    /// n keys after the insertion: the right spine of its left subtree (expected 1 - 1/l) plus the left
    /// spine of its right subtree (1 - 1/(n-l+1)) (Seidel &amp; Aragon, section 4): below 2.
    /// </summary>
    public static double ExpectedRotations(long l, long n)
    {
        if (n < 1) throw new ArgumentOutOfRangeException(nameof(n), n, "n must be at least 1");
        if (l < 1 || l > n) throw new ArgumentOutOfRangeException(nameof(l), l, $"l must be between 1 and n = {n}");
        return 2 - 1.0 / l - 1.0 / (n - l + 1);
    }

    /// <summary>
    /// Expected rotations per update when n keys are inserted into an empty treap in random order
    /// (the m-th insertion lands at a uniform rank of m, expecting 2 - 2H_m/m) or deleted in random
    /// order down to empty (the same sum): 2 - (2/n) Σ_{m=1..n} H_m/m.
    /// </summary>
    public static double ExpectedRotationsPerRandomUpdate(long n)
    {
        if (n < 1) throw new ArgumentOutOfRangeException(nameof(n), n, "n must be at least 1");
        double sum = 0, h = 0;
        for (long m = 1; m <= n; m++)
        {
            h += 1.0 / m;
            sum += h / m;
        }
        return 2 - 2 * sum / n;
    }

    /// <summary>
    /// Expected rotations per update when n keys are inserted in ascending order (each new key is the
    /// largest, rank m of m: 1 - 1/m) or deleted smallest first (rank 1 of m: the same): 1 - H_n/n.
    /// </summary>
    public static double ExpectedRotationsPerSequentialUpdate(long n)
    {
        if (n < 1) throw new ArgumentOutOfRangeException(nameof(n), n, "n must be at least 1");
        return 1 - Harmonic(n) / n;
    }

    /// <summary>
    /// The expected depth profile of a random binary search tree (so of a treap) with n keys: element d
    /// is the expected number of nodes at depth d. From the recurrence P_m(0) = 1 and
    /// P_m(d) = (2/m) Σ_{j&lt;m} P_j(d-1) (the root's rank is uniform, each subtree is random), in
    /// O(n · height) time; stops once the remaining expected count is below 1e-9.
    /// </summary>
    public static double[] ExpectedDepthProfile(int n)
    {
        if (n < 1 || n > 50_000_000) throw new ArgumentOutOfRangeException(nameof(n), n, "n must be between 1 and 50000000");
        var profile = new List<double>();
        var previous = new double[n + 1];
        var current = new double[n + 1];
        for (int m = 1; m <= n; m++) previous[m] = 1;
        profile.Add(1);
        double remaining = n - 1;
        for (int d = 1; d < 1000 && remaining > 1e-9; d++)
        {
            double prefix = 0; // Σ_{j<m} previous[j]
            current[0] = 0;
            for (int m = 1; m <= n; m++)
            {
                prefix += previous[m - 1];
                current[m] = 2 * prefix / m;
            }
            profile.Add(current[n]);
            remaining -= current[n];
            (previous, current) = (current, previous);
        }
        return [.. profile];
    }
}
