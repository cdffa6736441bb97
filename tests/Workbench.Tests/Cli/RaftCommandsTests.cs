using Workbench.Cli;
using Workbench.Consensus.Linearizability;
using Workbench.Tests.Consensus;

namespace Workbench.Tests.Cli;

public sealed class RaftCommandsTests
{
    private static (int Code, string Out, string Err) Invoke(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int code = WorkbenchCommand.Run(args, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }

    private static string Kv(string file) => Path.Combine(Shared.Root, "linearizability", "kv", file);

    [Fact]
    public void Check_history_prints_the_verdict_and_exits_0_or_1()
    {
        var (code, stdout, stderr) = Invoke("raft", "check-history", "--model", "kv", Kv("c10-ok.txt"));
        Assert.Equal(0, code);
        Assert.StartsWith("linearizable (", stdout);
        Assert.Contains(" ms)", stdout);
        Assert.Equal("", stderr);
        (code, stdout, _) = Invoke("raft", "check-history", "--model", "kv", Kv("c10-bad.txt"));
        Assert.Equal(1, code);
        Assert.StartsWith("not linearizable (", stdout);
        (code, stdout, _) = Invoke("raft", "check-history", "--model", "register", Path.Combine(Shared.Root, "linearizability", "jepsen-etcd", "etcd_002.log"));
        Assert.Equal(0, code);
    }

    [Fact]
    public void Check_history_reads_json_lines()
    {
        var path = Path.Combine(Path.GetTempPath(), $"wb-history-{Environment.ProcessId}.jsonl");
        try
        {
            File.WriteAllText(path, HistoryFormats.ToJsonLines(AtomicHistories.Generate(5, HistoryModel.KeyValue, 3, 2, 40)));
            var (code, stdout, _) = Invoke("raft", "check-history", "--model", "kv", path);
            Assert.Equal(0, code);
            Assert.StartsWith("linearizable", stdout);
        }
        finally { File.Delete(path); }
    }

    [Fact]
    public void Unreadable_or_malformed_files_exit_2_with_the_reason()
    {
        var (code, _, stderr) = Invoke("raft", "check-history", "--model", "kv", "/nonexistent/history.txt");
        Assert.Equal(2, code);
        Assert.StartsWith("error: cannot read history /nonexistent/history.txt", stderr);
        var path = Path.Combine(Path.GetTempPath(), $"wb-bad-{Environment.ProcessId}.jsonl");
        try
        {
            File.WriteAllText(path, "{\"client\":1,\"type\":\"invoke\",\"f\":\"get\",\"key\":\"k\",\"time\":1}\n{\"client\":1,\"type\":\"maybe\",\"f\":\"get\",\"key\":\"k\",\"time\":2}\n");
            (code, _, stderr) = Invoke("raft", "check-history", "--model", "kv", path);
            Assert.Equal(2, code);
            Assert.Contains($"{Path.GetFileName(path)}:2: unknown event type 'maybe'", stderr);
            (code, _, stderr) = Invoke("raft", "check-history", "--model", "tree", path);
            Assert.Equal(2, code);
            Assert.Contains("--model", stderr);
        }
        finally { File.Delete(path); }
    }
}
