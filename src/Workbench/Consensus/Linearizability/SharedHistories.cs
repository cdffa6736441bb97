namespace Workbench.Consensus.Linearizability;

/// <summary>
/// The recorded histories with known verdicts in <c>../shared/linearizability</c> (beside the repository
/// root: the nearest directory holding <c>Workbench.sln</c>), or under <c>$WORKBENCH_SHARED/linearizability</c>.
/// Each set has a <c>VERDICTS.tsv</c> of <c>file	linearizable|not-linearizable</c> lines.
/// </summary>
public static class SharedHistories
{
    /// <summary>Environment variable naming the shared folder, overriding the search.</summary>
    public const string EnvironmentVariable = "WORKBENCH_SHARED";

    /// <summary>The <c>linearizability</c> folder, searched upwards from <paramref name="start"/>
    /// (default: the application's base directory); null if absent.</summary>
    public static string? Find(string? start = null)
    {
        var env = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrEmpty(env) && Directory.Exists(Path.Combine(env, "linearizability"))) return Path.Combine(env, "linearizability");
        for (var dir = new DirectoryInfo(Path.GetFullPath(start ?? AppContext.BaseDirectory)); dir is not null; dir = dir.Parent)
        {
            if (!File.Exists(Path.Combine(dir.FullName, "Workbench.sln"))) continue;
            var candidate = Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", "linearizability"));
            if (Directory.Exists(candidate)) return candidate;
        }
        return null;
    }

    /// <summary>The (file path, expected linearizable) pairs of one set (<c>jepsen-etcd</c> or <c>kv</c>),
    /// in VERDICTS.tsv order. Throws <see cref="FormatException"/> naming the line of a bad entry.</summary>
    public static IReadOnlyList<(string Path, bool Linearizable)> Verdicts(string root, string set)
    {
        var dir = System.IO.Path.Combine(root, set);
        var tsv = System.IO.Path.Combine(dir, "VERDICTS.tsv");
        var result = new List<(string, bool)>();
        int lineNo = 0;
        foreach (var line in File.ReadLines(tsv))
        {
            lineNo++;
            if (string.IsNullOrWhiteSpace(line)) continue;
            var parts = line.Split('\t');
            bool? verdict = parts.Length == 2 ? parts[1].Trim() switch { "linearizable" => true, "not-linearizable" => false, _ => null } : null;
            if (verdict is null) throw new FormatException($"{tsv}:{lineNo}: expected 'file<TAB>linearizable|not-linearizable'");
            result.Add((System.IO.Path.Combine(dir, parts[0].Trim()), verdict.Value));
        }
        return result;
    }
}
