namespace Workbench.Notebooks.Tests;

/// <summary>
/// Executes every notebook headlessly in its quick profile, the way a user runs it: from the
/// notebooks folder, with the pinned kernel (dotnet-repl from .config/dotnet-tools.json). The
/// notebook's shared setup builds the library when it is stale, so this also tests that path.
/// </summary>
public class NotebookExecutionTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(10);

    public static TheoryData<string> Notebooks()
    {
        var data = new TheoryData<string>();
        foreach (var nb in Repository.WalkthroughNotebooks()) data.Add(Path.GetFileName(nb));
        return data;
    }

    [Theory]
    [MemberData(nameof(Notebooks))]
    public async Task Notebook_runs_top_to_bottom_in_the_quick_profile(string notebook)
    {
        await DotNet.RestoreToolsAsync();
        string outputDir = Directory.CreateTempSubdirectory("workbench-notebook-").FullName;
        string output = Path.Combine(outputDir, notebook);
        try
        {
            var r = await DotNet.RunAsync(Repository.Notebooks, Timeout,
                new Dictionary<string, string> { ["WORKBENCH_PROFILE"] = "quick" },
                "dotnet-repl", "--run", notebook, "--exit-after-run", "--output-path", output);

            Assert.False(r.TimedOut, $"{notebook} did not finish within {Timeout.TotalMinutes} minutes (killed).\n{Tail(r.Output)}");
            if (r.ExitCode != 0)
            {
                var errors = File.Exists(output) ? NotebookJson.Errors(output) : [];
                Assert.Fail($"{notebook} failed (dotnet-repl exit code {r.ExitCode}, {r.Elapsed.TotalSeconds:0} s).\n" +
                    (errors.Count > 0 ? string.Join("\n\n", errors) : "No cell error recorded; dotnet-repl output:\n" + Tail(r.Output)));
            }
            Assert.True(File.Exists(output), $"{notebook}: dotnet-repl exited 0 but wrote no output notebook.\n{Tail(r.Output)}");
            Assert.Empty(NotebookJson.Errors(output));
        }
        finally
        {
            try { Directory.Delete(outputDir, recursive: true); } catch (IOException) { }
        }
    }

    private static string Tail(string text, int chars = 8000) => text.Length <= chars ? text : "…" + text[^chars..];
}
