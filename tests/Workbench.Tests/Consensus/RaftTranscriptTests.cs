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
        var lines = File.ReadAllLines(path);
        var rewritten = new StringBuilder();
        var runner = new RaftTranscript();
        int i = 0;
        var failures = new List<string>();
        while (i < lines.Length)
        {
            if (lines[i].Length == 0 || lines[i].StartsWith('#')) { rewritten.AppendLine(lines[i]); i++; continue; }
            int commandLine = i + 1;
            var command = lines[i++];
            if (i >= lines.Length || lines[i] != "----") throw new FormatException($"{file}:{commandLine}: expected '----' after the command");
            i++;
            var expected = new List<string>();
            while (i < lines.Length && lines[i].Length > 0) expected.Add(lines[i++]);
            string actual;
            try { actual = runner.Run(command); }
            catch (Exception e) when (e is not FormatException) { actual = $"error: {e.Message}"; }
            if (actual.Length == 0) actual = "ok";
            if (actual != string.Join("\n", expected)) failures.Add($"{file}:{commandLine}: {command}\nexpected:\n{string.Join("\n", expected)}\nactual:\n{actual}");
            rewritten.AppendLine(command).AppendLine("----").AppendLine(actual);
        }
        if (Environment.GetEnvironmentVariable("WORKBENCH_REWRITE_TESTDATA") == "1")
        {
            File.WriteAllText(path, rewritten.ToString().TrimEnd('\n') + "\n");
            return;
        }
        Assert.True(failures.Count == 0, string.Join("\n\n", failures));
    }
}
