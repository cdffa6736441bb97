using BenchmarkDotNet.Attributes;
using Workbench.Consensus.Kv;
using Workbench.Consensus.Linearizability;

namespace Workbench.Benchmarks.Raft;

/// <summary>
/// Question: how long does the linearizability checker take on the shared recorded histories and on a
/// large simulated one, against Porcupine's published times (all etcd histories together in about
/// 0.4 s; the 50-client kv history of 1,712 operations in about 0.36 s, on 2 cores)? Histories are
/// parsed and paired in setup; each benchmark times the search alone. <c>TenThousand</c>: 10,000
/// operations of 10 clients over 100 keys from a seeded simulation of a correct store (target: under
/// a second). Needs ../shared/linearizability.
/// </summary>
public class LinearizabilityCheck
{
    private List<Operation>[] _etcd = [];
    private readonly Dictionary<string, List<Operation>> _kv = [];
    private List<Operation> _tenThousand = [];

    [GlobalSetup]
    public void Setup()
    {
        var root = SharedHistories.Find() ?? throw new InvalidOperationException("../shared/linearizability not found");
        _etcd = SharedHistories.Verdicts(root, "jepsen-etcd").Select(v => HistoryFormats.ReadFile(v.Path).ToOperations()).ToArray();
        foreach (var (path, _) in SharedHistories.Verdicts(root, "kv"))
            _kv[Path.GetFileNameWithoutExtension(path)] = HistoryFormats.ReadFile(path).ToOperations();
        _tenThousand = SimulatedKvRun.SingleNodeHistory(42, clients: 10, keys: 100, operationsPerClient: 1000).ToOperations();
    }

    [Benchmark(Baseline = true)]
    public int EtcdAll()
    {
        int linearizable = 0;
        foreach (var h in _etcd)
            if (LinearizabilityChecker.Check(h, HistoryModel.Register).Verdict == Verdict.Linearizable) linearizable++;
        return linearizable;
    }

    [Benchmark]
    [Arguments("c01-ok")]
    [Arguments("c01-bad")]
    [Arguments("c10-ok")]
    [Arguments("c10-bad")]
    public Verdict Kv(string file) => LinearizabilityChecker.Check(_kv[file], HistoryModel.KeyValue).Verdict;

    [Benchmark]
    public Verdict TenThousand() => LinearizabilityChecker.Check(_tenThousand, HistoryModel.KeyValue).Verdict;
}
