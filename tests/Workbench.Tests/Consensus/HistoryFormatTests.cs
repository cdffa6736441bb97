using Workbench.Consensus.Kv;
using Workbench.Consensus.Linearizability;

namespace Workbench.Tests.Consensus;

/// <summary>The three history formats: detection, parsing, JSON lines round trip and errors naming file and line.</summary>
public class HistoryFormatTests
{
    internal static string SharedDir => SharedHistories.Find() ?? Path.Combine(Shared.Root, "linearizability");

    [Fact]
    public void Jepsen_log_lines_parse_including_cas_pairs_and_timeouts()
    {
        var h = HistoryFormats.Parse("INFO  jepsen.util - 3\t:invoke\t:cas\t[3 0]\nINFO  jepsen.util - 3   :info   :cas    :timed-out\n\nINFO  jepsen.util - 1\t:invoke\t:read\tnil\nINFO  jepsen.util - 1\t:ok\t:read\t4\n", "etcd.log");
        Assert.Equal(4, h.Count);
        Assert.Equal(new HistoryEvent(3, EventType.Invoke, OpFunction.Cas, null, "3 0", 1), h.Events[0]);
        Assert.Equal(EventType.Info, h.Events[1].Type);
        Assert.Null(h.Events[1].Value);
        Assert.Equal("4", h.Events[3].Value);
        var ops = h.ToOperations();
        Assert.True(ops[0].Unknown);
        Assert.Equal(long.MaxValue, ops[0].Return);
    }

    [Fact]
    public void Edn_maps_parse()
    {
        var h = HistoryFormats.Parse("{:process 0, :type :invoke, :f :append, :key \"0\", :value \"x 0 0 y\"}\n{:process 0, :type :ok, :f :append, :key \"0\", :value \"x 0 0 y\"}\n{:process 1, :type :invoke, :f :get, :key \"7\", :value nil}\n");
        Assert.Equal(new HistoryEvent(0, EventType.Invoke, OpFunction.Append, "0", "x 0 0 y", 1), h.Events[0]);
        Assert.Equal(new HistoryEvent(1, EventType.Invoke, OpFunction.Get, "7", null, 3), h.Events[2]);
    }

    [Fact]
    public void Json_lines_round_trip()
    {
        var h = new History();
        h.Invoke(1, OpFunction.Put, "k", "v \"quoted\"", 10);
        h.Invoke(2, OpFunction.Get, "k", null, 11);
        h.Complete(1, EventType.Ok, OpFunction.Put, "k", "v \"quoted\"", 20);
        h.Complete(2, EventType.Info, OpFunction.Get, "k", null, 30);
        var text = HistoryFormats.ToJsonLines(h);
        Assert.StartsWith("{\"client\":1,\"type\":\"invoke\",\"f\":\"put\",\"key\":\"k\",\"value\":\"v \\u0022quoted\\u0022\",\"time\":10}\n", text);
        var back = HistoryFormats.Parse(text);
        Assert.Equal(h.Events, back.Events);
    }

    [Fact]
    public void Shared_files_parse_in_their_formats()
    {
        var etcd = HistoryFormats.ReadFile(Path.Combine(SharedDir, "jepsen-etcd", "etcd_000.log"));
        Assert.True(etcd.Count > 100);
        Assert.All(etcd.Events, e => Assert.Null(e.Key));
        var kv = HistoryFormats.ReadFile(Path.Combine(SharedDir, "kv", "c10-ok.txt"));
        Assert.Equal(File.ReadAllLines(Path.Combine(SharedDir, "kv", "c10-ok.txt")).Count(l => l.Trim().Length > 0), kv.Count);
        Assert.All(kv.Events, e => Assert.NotNull(e.Key));
    }

    [Theory]
    [InlineData("hello\n", "h.txt:1: unrecognised history format")]
    [InlineData("{\"client\":1,\"type\":\"invoke\",\"f\":\"put\",\"key\":\"k\",\"value\":\"v\",\"time\":1}\n{\"client\":1,\"type\":\"done\",\"f\":\"put\",\"key\":\"k\",\"time\":2}\n", "h.txt:2: unknown event type 'done'")]
    [InlineData("{\"client\":1,\"type\":\"invoke\",\"f\":\"put\",\"value\":\"v\"}\n", "h.txt:1: \"key\" is required for put")]
    [InlineData("{\"client\":1,\"type\":\"invoke\",\"f\":\"put\",\"key\":\"k\",\"time\":9}\n{\"client\":2,\"type\":\"invoke\",\"f\":\"get\",\"key\":\"k\",\"time\":3}\n", "h.txt:2: time 3 is before")]
    [InlineData("{\"client\":1,\"type\":\"invoke\",\"f\":\"put\",\"key\":\"k\"\n", "h.txt:1: invalid JSON")]
    [InlineData("INFO  jepsen.util - 0\t:invoke\t:write\t1\nINFO  jepsen.util - x\t:ok\t:write\t1\n", "h.txt:2: not a Jepsen log line")]
    [InlineData("INFO  jepsen.util - 0\t:invoke\t:frob\t1\n", "h.txt:1: unknown function 'frob'")]
    [InlineData("{:process 0, :type :invoke, :f :get, :value nil}\n", "h.txt:1: missing :key for get")]
    public void Malformed_lines_are_reported_with_file_and_line(string text, string expected)
    {
        var e = Assert.Throws<FormatException>(() => HistoryFormats.Parse(text, "h.txt"));
        Assert.StartsWith(expected, e.Message);
    }

    [Fact]
    public void Unpaired_events_are_reported_with_file_and_line()
    {
        var orphan = HistoryFormats.Parse("INFO  jepsen.util - 0\t:ok\t:write\t1\n", "h.log");
        Assert.StartsWith("h.log:1: client 0 completes (ok) with no pending invocation", Assert.Throws<FormatException>(() => orphan.ToOperations()).Message);
        var twice = HistoryFormats.Parse("INFO  jepsen.util - 0\t:invoke\t:write\t1\nINFO  jepsen.util - 0\t:invoke\t:read\tnil\n", "h.log");
        Assert.StartsWith("h.log:2: client 0 invokes read while its write from line 1 is pending", Assert.Throws<FormatException>(() => twice.ToOperations()).Message);
    }
}
