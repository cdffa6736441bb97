using System.Text;
using System.Text.Json;
using Workbench.Charts;

namespace Workbench.Tests.Charts;

public sealed class ExperimentWriterTests
{
    private static readonly string[] ProvenanceFields =
    [
        "experiment_id", "paper_id", "title", "profile", "parameters", "seed", "git_commit", "git_dirty", "workbench_version",
        "dotnet_version", "os", "cpu", "logical_cores", "utc_date", "elapsed_seconds", "deterministic", "files",
    ];

    [Fact]
    public void Writes_csv_json_and_self_contained_html()
    {
        var dir = ChartTestData.TempDirectory();
        try
        {
            var result = ChartTestData.RunTinyFprVsK();
            var export = ExperimentWriter.Write(ChartTestData.FprVsK, result, dir, chromium: "");
            var names = export.Files.Select(Path.GetFileName).ToList();
            Assert.Equal(["fpr-vs-k.csv", "fpr-vs-k.html", "fpr-vs-k.json"], names);
            Assert.Null(export.Notice);
            Assert.Equal(result.Table.ToCsv(), File.ReadAllText(Path.Combine(dir, "fpr-vs-k.csv")));
            var html = File.ReadAllText(Path.Combine(dir, "fpr-vs-k.html"));
            Assert.DoesNotMatch("<script[^>]*src=", html);
            Assert.True(html.Length > 1_000_000, "plotly.js should be embedded in full");
            Assert.Empty(Directory.GetFiles(dir, "*.tmp"));
            Assert.Empty(Directory.GetFiles(dir, ".*"));

            using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "fpr-vs-k.json")));
            var root = json.RootElement;
            foreach (var field in ProvenanceFields) Assert.True(root.TryGetProperty(field, out _), $"missing {field}");
            Assert.Equal("bloom/fpr-vs-k", root.GetProperty("experiment_id").GetString());
            Assert.Equal("bloom", root.GetProperty("paper_id").GetString());
            Assert.Equal("custom", root.GetProperty("profile").GetString());
            Assert.Equal(42, root.GetProperty("seed").GetInt32());
            Assert.Equal(2000, root.GetProperty("parameters").GetProperty("keys").GetInt64());
            Assert.Equal(5, root.GetProperty("parameters").GetProperty("hash_counts").GetArrayLength());
            Assert.True(root.GetProperty("deterministic").GetBoolean());
            Assert.Equal(names, root.GetProperty("files").EnumerateArray().Select(f => f.GetString()));
        }
        finally { Directory.Delete(dir, recursive: true); }
    }

    [Fact]
    public void Same_parameters_and_seed_give_byte_identical_csv()
    {
        var a = Encoding.UTF8.GetBytes(ChartTestData.RunTinyFprVsK().Table.ToCsv());
        var b = Encoding.UTF8.GetBytes(ChartTestData.RunTinyFprVsK().Table.ToCsv());
        Assert.Equal(a, b);
    }

    [Fact]
    public void Profile_names_the_preset()
    {
        var e = ChartTestData.FprVsK;
        Assert.Equal("default", Provenance.ProfileOf(e, e.Defaults));
        Assert.Equal("quick", Provenance.ProfileOf(e, e.Quick with { HashCounts = [.. e.Quick.HashCounts] }));
        Assert.Equal("custom", Provenance.ProfileOf(e, ChartTestData.TinyFprVsK));
    }

    /// <summary>The provenance's dirty flag says whether the sources differ from the commit; regenerated figures in
    /// papers/&lt;id&gt;/figures do not make a checkout dirty, any other change does.</summary>
    [Fact]
    public void Git_state_is_dirty_for_source_changes_but_not_for_figure_folders()
    {
        var dir = ChartTestData.TempDirectory();
        try
        {
            void Git(params string[] args)
            {
                var psi = new System.Diagnostics.ProcessStartInfo("git") { WorkingDirectory = dir, RedirectStandardOutput = true, RedirectStandardError = true };
                foreach (var a in args) psi.ArgumentList.Add(a);
                using var p = System.Diagnostics.Process.Start(psi)!;
                p.StandardOutput.ReadToEnd();
                p.StandardError.ReadToEnd();
                p.WaitForExit();
                Assert.True(p.ExitCode == 0, $"git {string.Join(' ', args)} failed");
            }
            string figures = Path.Combine(dir, "papers", "p", "figures");
            Directory.CreateDirectory(figures);
            File.WriteAllText(Path.Combine(dir, "code.cs"), "1");
            File.WriteAllText(Path.Combine(figures, "f.csv"), "1");
            Git("init", "-q");
            Git("-c", "user.name=t", "-c", "user.email=t@example.org", "add", ".");
            Git("-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-q", "-m", "init");
            Assert.Equal(false, Provenance.GitState(figures).Dirty);
            File.WriteAllText(Path.Combine(figures, "f.csv"), "2");
            File.WriteAllText(Path.Combine(figures, "g.png"), "new");
            Assert.Equal(false, Provenance.GitState(figures).Dirty);
            File.WriteAllText(Path.Combine(dir, "code.cs"), "2");
            Assert.Equal(true, Provenance.GitState(figures).Dirty);
            Assert.Equal(40, Provenance.GitState(figures).Commit!.Length);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void Atomic_write_replaces_content_and_leaves_no_temporary_file()
    {
        var dir = ChartTestData.TempDirectory();
        try
        {
            var path = Path.Combine(dir, "a.txt");
            AtomicFile.WriteAllText(path, "one");
            AtomicFile.WriteAllText(path, "two");
            Assert.Equal("two", File.ReadAllText(path));
            Assert.Single(Directory.GetFiles(dir));
        }
        finally { Directory.Delete(dir, recursive: true); }
    }

    [ChromiumFact]
    public void Exports_svg_and_png_with_a_local_chromium()
    {
        var dir = ChartTestData.TempDirectory();
        try
        {
            var export = ExperimentWriter.Write(ChartTestData.FprVsK, ChartTestData.RunTinyFprVsK(), dir);
            Assert.Null(export.Notice);
            var png = File.ReadAllBytes(Path.Combine(dir, "fpr-vs-k.png"));
            Assert.Equal(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }, png[..8]);
            var svg = System.Xml.Linq.XDocument.Parse(File.ReadAllText(Path.Combine(dir, "fpr-vs-k.svg")));
            Assert.Equal("svg", svg.Root!.Name.LocalName);
            Assert.Contains("fpr-vs-k.png", export.Files.Select(Path.GetFileName));
        }
        finally { Directory.Delete(dir, recursive: true); }
    }
}
