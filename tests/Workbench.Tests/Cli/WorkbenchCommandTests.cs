using Workbench.Cli;
using Workbench.Tests.Charts;

namespace Workbench.Tests.Cli;

public sealed class WorkbenchCommandTests
{
    private static readonly string[] Tiny = ["--set", "keys=2000", "--set", "negative_probes=20000"];

    private static (int Code, string Out, string Err) Invoke(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int code = WorkbenchCommand.Run(args, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }

    [Fact]
    public void List_shows_the_bloom_experiments()
    {
        var (code, stdout, stderr) = Invoke("list");
        Assert.Equal(0, code);
        Assert.Contains("bloom/fpr-vs-bits", stdout);
        Assert.Contains("bloom/fpr-vs-k", stdout);
        Assert.Contains("Bloom filters", stdout);
        Assert.Equal("", stderr);
    }

    [Fact]
    public void Run_prints_the_result_table_and_writes_nothing_without_out()
    {
        var (code, stdout, stderr) = Invoke(["run", "bloom/fpr-vs-k", "--quick", .. Tiny, "--set", "hash_counts=1,2,3"]);
        Assert.Equal(0, code);
        Assert.Equal("", stderr);
        Assert.Contains("theory_fpr", stdout);
        Assert.Contains("classic", stdout);
        Assert.Contains("blocked", stdout);
        Assert.Contains("bloom/fpr-vs-k: 6 rows", stdout);
        Assert.DoesNotContain("wrote", stdout);
    }

    [Fact]
    public void Run_with_out_writes_csv_json_and_html()
    {
        var dir = ChartTestData.TempDirectory();
        try
        {
            var (code, stdout, _) = Invoke(["run", "bloom/fpr-vs-k", "--quick", .. Tiny, "--set", "hash_counts=2,7", "--seed", "7", "--out", dir, "--no-images"]);
            Assert.Equal(0, code);
            foreach (var f in new[] { "fpr-vs-k.csv", "fpr-vs-k.json", "fpr-vs-k.html" })
            {
                Assert.True(File.Exists(Path.Combine(dir, f)), f);
                Assert.Contains(f, stdout);
            }
            Assert.Contains("\"seed\": 7", File.ReadAllText(Path.Combine(dir, "fpr-vs-k.json")));
        }
        finally { Directory.Delete(dir, recursive: true); }
    }

    [Theory]
    [InlineData("unknown experiment 'bloom/nope'", "run", "bloom/nope")]
    [InlineData("unknown parameter 'colour'", "run", "bloom/fpr-vs-k", "--set", "colour=blue")]
    [InlineData("malformed setting 'keys'", "run", "bloom/fpr-vs-k", "--set", "keys")]
    [InlineData("keys: cannot read 'many'", "run", "bloom/fpr-vs-k", "--set", "keys=many")]
    [InlineData("hash_counts: cannot read 'x'", "run", "bloom/fpr-vs-k", "--set", "hash_counts=1,x")]
    [InlineData("keys must be positive (got -5)", "run", "bloom/fpr-vs-k", "--set", "keys=-5")]
    [InlineData("bits_per_key must be between 1 and 64 (got 0)", "run", "bloom/fpr-vs-k", "--set", "bits_per_key=0")]
    [InlineData("bits_per_key values must be between 1 and 64 (got 0)", "run", "bloom/fpr-vs-bits", "--quick", "--set", "bits_per_key=0,4")]
    [InlineData("'x' for option '--seed'", "run", "bloom/fpr-vs-k", "--seed", "x")]
    [InlineData("unknown paper 'nope'", "reproduce", "nope")]
    [InlineData("unknown parameter 'colour'", "reproduce", "bloom", "--quick", "--set", "colour=blue", "--out", "unused")]
    [InlineData("--all", "reproduce")]
    [InlineData("Unrecognized command", "frobnicate")]
    public void Bad_input_gives_one_error_line_naming_the_problem(string expected, params string[] args)
    {
        var (code, stdout, stderr) = Invoke(args);
        Assert.Equal(WorkbenchCommand.UsageError, code);
        var lines = stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var line = Assert.Single(lines);
        Assert.StartsWith("error: ", line);
        Assert.Contains(expected, line);
        Assert.DoesNotContain("Exception", line);
        Assert.DoesNotContain("   at ", stderr);
        Assert.Equal("", stdout);
    }

    [Fact]
    public void Reproduce_writes_every_experiment_of_the_paper_into_out_paper()
    {
        var dir = ChartTestData.TempDirectory();
        try
        {
            var (code, stdout, _) = Invoke(["reproduce", "bloom", "--quick", .. Tiny, "--out", dir, "--no-images"]);
            Assert.Equal(0, code);
            var paper = Path.Combine(dir, "bloom");
            foreach (var f in new[] { "fpr-vs-bits.csv", "fpr-vs-bits.json", "fpr-vs-bits.html", "fpr-vs-k.csv", "fpr-vs-k.json", "fpr-vs-k.html" })
                Assert.True(File.Exists(Path.Combine(paper, f)), f);
            Assert.Contains("bloom/fpr-vs-bits: ", stdout);
            Assert.Contains("bloom/fpr-vs-k: ", stdout);
        }
        finally { Directory.Delete(dir, recursive: true); }
    }

    [Fact]
    public void Repository_root_is_the_folder_with_the_solution()
    {
        var root = RepositoryRoot.Find(AppContext.BaseDirectory);
        Assert.NotNull(root);
        Assert.True(File.Exists(Path.Combine(root, "Workbench.sln")));
        Assert.Null(RepositoryRoot.Find(Path.GetPathRoot(Path.GetTempPath())!));
    }
}
