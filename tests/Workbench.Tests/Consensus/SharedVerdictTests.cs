using Workbench.Consensus.Linearizability;

namespace Workbench.Tests.Consensus;

/// <summary>
/// The checker reproduces every verdict in ../shared/linearizability: the 52 Jepsen etcd register
/// histories and the 4 key-value histories (VERDICTS.tsv beside each set).
/// </summary>
public class SharedVerdictTests
{
    private static string Root => Path.Combine(Shared.Root, "linearizability");

    public static TheoryData<string, bool> Etcd() => Data("jepsen-etcd");

    public static TheoryData<string, bool> Kv() => Data("kv");

    private static TheoryData<string, bool> Data(string set)
    {
        var data = new TheoryData<string, bool>();
        foreach (var (path, ok) in SharedHistories.Verdicts(Root, set)) data.Add(Path.GetFileName(path), ok);
        return data;
    }

    [Fact]
    public void Every_verdict_file_lists_the_expected_number_of_histories()
    {
        Assert.Equal(52, SharedHistories.Verdicts(Root, "jepsen-etcd").Count);
        Assert.Equal(4, SharedHistories.Verdicts(Root, "kv").Count);
    }

    [Theory]
    [MemberData(nameof(Etcd))]
    public void Etcd_register_history_verdict_is_reproduced(string file, bool linearizable)
    {
        var result = LinearizabilityChecker.Check(HistoryFormats.ReadFile(Path.Combine(Root, "jepsen-etcd", file)), HistoryModel.Register, new CheckOptions(Timeout: TimeSpan.FromSeconds(30)));
        Assert.Equal(linearizable ? Verdict.Linearizable : Verdict.NotLinearizable, result.Verdict);
    }

    [Theory]
    [MemberData(nameof(Kv))]
    public void Kv_history_verdict_is_reproduced(string file, bool linearizable)
    {
        var result = LinearizabilityChecker.Check(HistoryFormats.ReadFile(Path.Combine(Root, "kv", file)), HistoryModel.KeyValue, new CheckOptions(Timeout: TimeSpan.FromSeconds(30)));
        Assert.Equal(linearizable ? Verdict.Linearizable : Verdict.NotLinearizable, result.Verdict);
        if (!linearizable) Assert.NotNull(result.FailedKey);
    }
}
