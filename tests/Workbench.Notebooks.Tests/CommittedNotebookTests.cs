namespace Workbench.Notebooks.Tests;

/// <summary>Notebooks are committed clean: no outputs, no execution counts (outputs belong to a run, not to the source).</summary>
public class CommittedNotebookTests
{
    public static TheoryData<string> AllNotebooks()
    {
        var data = new TheoryData<string>();
        foreach (var nb in Directory.EnumerateFiles(Repository.Notebooks, "*.ipynb").Order(StringComparer.Ordinal)) data.Add(Path.GetFileName(nb));
        return data;
    }

    [Theory]
    [MemberData(nameof(AllNotebooks))]
    public void Notebook_has_no_outputs_or_execution_counts(string notebook)
    {
        using var doc = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(Repository.Notebooks, notebook)));
        var dirty = new List<string>();
        var cells = NotebookJson.Cells(doc);
        for (int i = 0; i < cells.Length; i++)
        {
            var cell = cells[i];
            if (cell.TryGetProperty("outputs", out var outputs) && outputs.GetArrayLength() > 0)
                dirty.Add($"cell {i + 1} has {outputs.GetArrayLength()} outputs");
            if (cell.TryGetProperty("execution_count", out var count) && count.ValueKind != System.Text.Json.JsonValueKind.Null)
                dirty.Add($"cell {i + 1} has execution count {count}");
        }
        Assert.True(dirty.Count == 0, $"{notebook} must be committed without outputs (clear all outputs, then save):\n{string.Join("\n", dirty)}");
    }

    public static TheoryData<string> Walkthroughs()
    {
        var data = new TheoryData<string>();
        foreach (var nb in Repository.WalkthroughNotebooks()) data.Add(Path.GetFileName(nb));
        return data;
    }

    /// <summary>An exception inside an imported notebook does not stop <c>#!import</c>; without the check a failed build would go unnoticed.</summary>
    [Theory]
    [MemberData(nameof(Walkthroughs))]
    public void Notebook_imports_the_setup_and_checks_that_it_succeeded(string notebook)
    {
        using var doc = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(Repository.Notebooks, notebook)));
        var first = NotebookJson.Cells(doc).First(c => c.GetProperty("cell_type").GetString() == "code");
        var lines = NotebookJson.Source(first).Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith("//")).ToList();
        Assert.True(lines.Count >= 2 && lines[0] == "#!import setup.ipynb" && lines[1] == "EnsureSetupSucceeded();",
            $"{notebook}: the first code cell must be `#!import setup.ipynb` followed by `EnsureSetupSucceeded();`");
    }

    [Fact]
    public void There_is_a_notebook_to_run() => Assert.NotEmpty(Repository.WalkthroughNotebooks());
}
