using System.Text.Json;
using Workbench.Caching;
using Workbench.Cli;
using Workbench.Tests.Traces;
using Workbench.Traces;

namespace Workbench.Tests.Cli;

/// <summary>The <c>workbench cache</c> command-line contract: JSON fields, table, listings, error lines and exit codes.</summary>
public sealed class CacheCommandsTests
{
    private const string Zipf = "synthetic:zipf?keys=5000&s=0.9&requests=50000&seed=1";

    private static (int Code, string Out, string Err) Invoke(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int code = WorkbenchCommand.Run(args, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }

    [Fact]
    public void Json_has_exactly_the_documented_fields_per_policy_and_capacity()
    {
        var (code, stdout, stderr) = Invoke("cache", "simulate", "--trace", Zipf, "--policy", "lru,wtinylfu", "--capacity", "100,500", "--json");
        Assert.Equal(0, code);
        Assert.Equal("", stderr);
        using var doc = JsonDocument.Parse(stdout);
        var rows = doc.RootElement.EnumerateArray().ToList();
        Assert.Equal(4, rows.Count);
        string[] fields = ["policy", "capacity", "requests", "hits", "misses", "hit_ratio"];
        foreach (var row in rows)
        {
            Assert.Equal(fields, row.EnumerateObject().Select(p => p.Name));
            long requests = row.GetProperty("requests").GetInt64(), hits = row.GetProperty("hits").GetInt64();
            Assert.Equal(50_000, requests);
            Assert.Equal(requests - hits, row.GetProperty("misses").GetInt64());
            Assert.Equal((double)hits / requests, row.GetProperty("hit_ratio").GetDouble(), 12);
        }
        Assert.Equal(["lru", "lru", "wtinylfu", "wtinylfu"], rows.Select(r => r.GetProperty("policy").GetString()));
        Assert.Equal([100, 500, 100, 500], rows.Select(r => r.GetProperty("capacity").GetInt32()));
        var keys = TraceSource.Load(Zipf);
        var expected = CacheSimulator.Replay(CachePolicies.Create("lru", 500), keys);
        Assert.Equal(expected.Hits, rows[1].GetProperty("hits").GetInt64());
    }

    [Fact]
    public void The_table_lists_every_replay()
    {
        var (code, stdout, _) = Invoke("cache", "simulate", "--trace", Zipf, "--policy", "lru", "--capacity", "250");
        Assert.Equal(0, code);
        Assert.Contains("hit ratio %", stdout);
        Assert.Contains("250", stdout);
        Assert.Contains("50000 requests, 1 replays", stdout);
    }

    [Fact]
    public void Policies_and_formats_list_what_exists()
    {
        var (code, stdout, _) = Invoke("cache", "policies");
        Assert.Equal(0, code);
        Assert.Equal(CachePolicies.Names, stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        (code, stdout, _) = Invoke("cache", "formats");
        Assert.Equal(0, code);
        foreach (var f in TraceSource.Formats) Assert.Contains(f, stdout);
    }

    [Theory]
    [InlineData("--policy", "lru,nosuch", "--capacity", "10", "unknown policy 'nosuch'")]
    [InlineData("--policy", "lru", "--capacity", "0", "--capacity: 0 must be between 1")]
    [InlineData("--policy", "lru", "--capacity", "-5", "--capacity: -5 must be between 1")]
    [InlineData("--policy", "lru", "--capacity", "ten", "--capacity: 'ten' is not an integer")]
    [InlineData("--policy", "lru", "--capacity", "10", "--format", "csv", "unknown trace format 'csv'")]
    public void Bad_arguments_give_one_error_line_and_exit_code_2(params string[] argsAndMessage)
    {
        var args = argsAndMessage[..^1];
        var (code, stdout, stderr) = Invoke(["cache", "simulate", "--trace", Zipf, .. args]);
        Assert.Equal(WorkbenchCommand.UsageError, code);
        Assert.Equal("", stdout);
        var line = Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("error: ", line);
        Assert.Contains(argsAndMessage[^1], line);
    }

    [Fact]
    public void A_bad_synthetic_spec_and_a_missing_file_are_usage_errors_naming_the_problem()
    {
        var (code, _, stderr) = Invoke("cache", "simulate", "--trace", "synthetic:zipf?keys=100&requests=10&s=x", "--policy", "lru", "--capacity", "10");
        Assert.Equal(WorkbenchCommand.UsageError, code);
        Assert.Contains("parameter 's'", stderr);
        (code, _, stderr) = Invoke("cache", "simulate", "--trace", "/nonexistent/trace.lis", "--policy", "lru", "--capacity", "10");
        Assert.Equal(WorkbenchCommand.UsageError, code);
        Assert.Contains("not found: /nonexistent/trace.lis", stderr);
    }

    [Fact]
    public void A_malformed_trace_gives_one_error_line_with_the_file_and_line()
    {
        var path = Path.Combine(Path.GetTempPath(), $"wb-cli-{Guid.NewGuid():N}.lis");
        File.WriteAllText(path, "1 2 0 0\n3 four 0 0\n");
        try
        {
            var (code, stdout, stderr) = Invoke("cache", "simulate", "--trace", path, "--policy", "lru", "--capacity", "10", "--json");
            Assert.Equal(WorkbenchCommand.Failure, code);
            Assert.Equal("", stdout);
            Assert.Equal($"error: {path}: line 2: count 'four' is not a 64-bit integer", stderr.Trim());
        }
        finally { File.Delete(path); }
    }

    /// <summary>The ARC paper's LRU figures on OLTP through the command line (the replay itself is tested in Caching).</summary>
    [SharedTracesFact]
    public void Simulate_reads_a_shared_compressed_trace()
    {
        var (code, stdout, stderr) = Invoke("cache", "simulate", "--trace", SharedTraces.PathOf("lirs/ps.trace.gz"), "--policy", "lru", "--capacity", "100", "--json");
        Assert.Equal(0, code);
        Assert.Equal("", stderr);
        using var doc = JsonDocument.Parse(stdout);
        Assert.Equal(10_448, doc.RootElement[0].GetProperty("requests").GetInt64());
    }
}
