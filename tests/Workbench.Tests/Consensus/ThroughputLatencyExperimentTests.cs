using Workbench.Experiments.Raft;

namespace Workbench.Tests.Consensus;

/// <summary>
/// <c>raft/throughput-latency</c>: deterministic for a seed; with the per-message cost model, batching
/// raises throughput (thesis §10.2.2) and a larger cluster costs the leader more messages per committed
/// put; bad parameters named.
/// </summary>
public sealed class ThroughputLatencyExperimentTests
{
    private static readonly ThroughputLatencyExperiment Experiment = new();

    private static (double Throughput, double Median, double P99, double LeaderPerOp, double EntriesPerAppend) Row(ResultTable t, int servers, int batch)
    {
        for (int i = 0; i < t.RowCount; i++)
        {
            if (Convert.ToInt64(t.Cell(i, "servers")) == servers && Convert.ToInt64(t.Cell(i, "batch")) == batch)
                return ((double)t.Cell(i, "throughput_ops_per_s"), (double)t.Cell(i, "latency_median_ms"), (double)t.Cell(i, "latency_p99_ms"),
                    (double)t.Cell(i, "leader_messages_per_op"), (double)t.Cell(i, "entries_per_append"));
        }
        throw new KeyNotFoundException($"{servers} servers, batch {batch}");
    }

    [Fact]
    public void Same_seed_gives_byte_identical_csv_and_another_seed_differs()
    {
        var p = Experiment.Quick with { Servers = [3], Batches = [1, 16], Clients = 64, WarmupMs = 100, WindowMs = 200, Delay = "uniform:500-1500" };
        string first = Experiment.Run(p, 7).Table.ToCsv();
        Assert.Equal(first, Experiment.Run(p, 7).Table.ToCsv());
        Assert.NotEqual(first, Experiment.Run(p, 8).Table.ToCsv());
    }

    [Fact]
    public void Batching_raises_throughput_for_five_servers()
    {
        var t = Experiment.Run(Experiment.Quick, 1).Table;
        var one = Row(t, 5, 1);
        var sixteen = Row(t, 5, 16);
        Assert.True(sixteen.Throughput > 3 * one.Throughput, $"batch 16: {sixteen.Throughput} puts/s, batch 1: {one.Throughput} puts/s");
        Assert.True(sixteen.Median < one.Median, $"median batch 16 {sixteen.Median} ms vs batch 1 {one.Median} ms");
        Assert.Equal(1.0, one.EntriesPerAppend, 12);
        Assert.True(sixteen.EntriesPerAppend > 8, $"{sixteen.EntriesPerAppend} entries per AppendEntries at batch 16");
        Assert.True(sixteen.LeaderPerOp < one.LeaderPerOp, $"leader messages per put: batch 16 {sixteen.LeaderPerOp}, batch 1 {one.LeaderPerOp}");
    }

    /// <summary>Per committed put the leader handles the client's request and, at batch 1, one
    /// acknowledgement from each of the other servers: about N messages, so more servers cost more.</summary>
    [Fact]
    public void More_servers_cost_the_leader_more_messages_per_committed_put()
    {
        var p = Experiment.Quick with { Servers = [3, 5, 7], Batches = [1, 16] };
        var t = Experiment.Run(p, 2).Table;
        foreach (var batch in p.Batches)
        {
            var (three, five, seven) = (Row(t, 3, batch), Row(t, 5, batch), Row(t, 7, batch));
            Assert.True(three.LeaderPerOp < five.LeaderPerOp && five.LeaderPerOp < seven.LeaderPerOp,
                $"batch {batch}: {three.LeaderPerOp}, {five.LeaderPerOp}, {seven.LeaderPerOp} leader messages per put");
        }
        Assert.InRange(Row(t, 3, 1).LeaderPerOp, 2.9, 3.3);
        Assert.InRange(Row(t, 7, 1).LeaderPerOp, 6.9, 7.3);
        Assert.True(Row(t, 7, 16).Throughput < Row(t, 3, 16).Throughput, "7 servers should commit fewer puts per second than 3 at batch 16");
    }

    [Fact]
    public void Without_a_message_cost_the_cluster_size_does_not_limit_throughput()
    {
        // With free messages the round trips and the pipeline bound throughput and the leader's extra
        // acknowledgements cost nothing, so 7 servers keep up with 3; with the cost model they do not.
        var p = Experiment.Quick with { Servers = [3, 7], Batches = [16], MessageCostUs = 0, EntryCostUs = 0 };
        var t = Experiment.Run(p, 3).Table;
        var costly = Experiment.Run(p with { MessageCostUs = 50, EntryCostUs = 5 }, 3).Table;
        Assert.True(Row(t, 7, 16).Throughput > 0.95 * Row(t, 3, 16).Throughput, $"free: {Row(t, 7, 16).Throughput} vs {Row(t, 3, 16).Throughput}");
        Assert.True(Row(costly, 7, 16).Throughput < 0.95 * Row(costly, 3, 16).Throughput, $"costly: {Row(costly, 7, 16).Throughput} vs {Row(costly, 3, 16).Throughput}");
    }

    [Fact]
    public void Bad_parameters_are_refused_naming_the_parameter()
    {
        var q = Experiment.Quick;
        Assert.Contains("servers", Assert.Throws<ParameterException>(() => ParameterBinder.Bind(q, [new("servers", "0")])).Message);
        Assert.Contains("batches", Assert.Throws<ParameterException>(() => ParameterBinder.Bind(q, [new("batches", "4,4")])).Message);
        Assert.Contains("clients", Assert.Throws<ParameterException>(() => ParameterBinder.Bind(q, [new("clients", "0")])).Message);
        Assert.Contains("inflight", Assert.Throws<ParameterException>(() => ParameterBinder.Bind(q, [new("inflight", "0")])).Message);
        Assert.Contains("message_cost_us", Assert.Throws<ParameterException>(() => ParameterBinder.Bind(q, [new("message_cost_us", "-1")])).Message);
        Assert.Contains("entry_cost_us", Assert.Throws<ParameterException>(() => ParameterBinder.Bind(q, [new("entry_cost_us", "-1")])).Message);
        Assert.Contains("delay", Assert.Throws<ParameterException>(() => ParameterBinder.Bind(q, [new("delay", "fast")])).Message);
        Assert.Contains("window_ms", Assert.Throws<ParameterException>(() => ParameterBinder.Bind(q, [new("window_ms", "1")])).Message);
    }

    [Fact]
    public void Registered_under_the_raft_paper()
    {
        Assert.Contains(ExperimentRegistry.Library.ForPaper("raft"), e => e.Id == "raft/throughput-latency");
        Assert.True(ExperimentRegistry.Library.Find("raft/throughput-latency")!.Deterministic);
    }
}
