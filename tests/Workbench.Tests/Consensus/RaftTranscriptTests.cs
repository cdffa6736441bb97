using System.Text;
using Workbench.Consensus.Raft;

namespace Workbench.Tests.Consensus;

/// <summary>
/// Scenario tests as readable transcripts (after etcd's raft testdata): each file under
/// <c>testdata/</c> is a list of blocks, a command, a <c>----</c> line and the expected output, then a
/// blank line. Set <c>WORKBENCH_REWRITE_TESTDATA=1</c> to rewrite the expected outputs after an
/// intended change of behaviour (and read the diff).
/// </summary>
public sealed class RaftTranscriptTests
{
    public static TheoryData<string> Files()
    {
        var data = new TheoryData<string>();
        foreach (var f in Directory.GetFiles(TestDataDir, "*.txt").Order()) data.Add(Path.GetFileName(f));
        return data;
    }

    private static string TestDataDir => Path.Combine(FindRepoRoot(), "tests", "Workbench.Tests", "Consensus", "testdata");

    private static string FindRepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Workbench.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("Workbench.sln not found above the test binaries");
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Transcript_matches(string file)
    {
        var path = Path.Combine(TestDataDir, file);
        var steps = RaftTranscripts.Replay(path);
        var failures = steps.Where(st => !st.Matches)
            .Select(st => $"{file}:{st.Line}: {st.Command}\nexpected:\n{st.Expected}\nactual:\n{st.Actual}").ToList();
        if (Environment.GetEnvironmentVariable("WORKBENCH_REWRITE_TESTDATA") == "1")
        {
            File.WriteAllText(path, Rewrite(File.ReadAllLines(path), steps).TrimEnd('\n') + "\n");
            return;
        }
        Assert.True(failures.Count == 0, string.Join("\n\n", failures));
    }

    /// <summary>The file with each block's expected output replaced by what the run printed; comments and blank lines kept.</summary>
    private static string Rewrite(string[] lines, IReadOnlyList<TranscriptStep> steps)
    {
        var rewritten = new StringBuilder();
        int next = 0;
        foreach (var step in steps)
        {
            int separator = step.Line; // 0-based index of the "----" line
            for (; next <= separator; next++) rewritten.AppendLine(lines[next]);
            rewritten.AppendLine(step.Actual);
            next += step.ExpectedLines;
        }
        for (; next < lines.Length; next++) rewritten.AppendLine(lines[next]);
        return rewritten.ToString();
    }
}
