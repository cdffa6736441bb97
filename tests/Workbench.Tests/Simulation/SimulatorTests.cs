using Workbench.Simulation;

namespace Workbench.Tests.Simulation;

/// <summary>Deterministic replay and the fault semantics of the simulated network.</summary>
public class SimulatorTests
{
    /// <summary>Every node pings every other node on a timer and answers every ping; replies carry a counter.</summary>
    private sealed class Chatter(int nodes, long period) : ISimNode
    {
        private NodeContext _ctx = null!;
        public int Received;
        public readonly List<(long Time, int From, object Message)> Inbox = [];
        public int Crashes;

        public void Start(NodeContext context)
        {
            _ctx = context;
            _ctx.SetTimer(_ctx.Random.NextLong(period) + 1, 0);
        }

        public void OnMessage(int from, object message)
        {
            Received++;
            Inbox.Add((_ctx.Now, from, message));
            if (message is string s && s.StartsWith("ping", StringComparison.Ordinal)) _ctx.Send(from, "pong " + s[5..]);
        }

        public void OnTimer(long tag)
        {
            for (int to = 0; to < nodes; to++)
                if (to != _ctx.Id) _ctx.Send(to, $"ping {_ctx.Id}.{tag}");
            _ctx.SetTimer(period, tag + 1);
        }

        public void OnCrash() => Crashes++;
    }

    private static (Simulator Sim, Chatter[] Nodes) Cluster(long seed, int n, NetworkOptions? options = null, long period = 10_000)
    {
        var sim = new Simulator(seed, options);
        var nodes = new Chatter[n];
        for (int i = 0; i < n; i++) sim.AddNode(nodes[i] = new Chatter(n, period));
        return (sim, nodes);
    }

    private static List<string> RunLogged(long seed, NemesisKind nemesis)
    {
        var options = new NetworkOptions(DelayDistribution.Exponential(200, 800), LossRate: 0.05, DuplicateRate: 0.05, ReorderRate: 0.1);
        var (sim, _) = Cluster(seed, 5, options);
        var log = new List<string>();
        sim.Trace = e => log.Add(e.ToString());
        var n = Nemesis.Install(sim, [0, 1, 2, 3, 4], new NemesisOptions(nemesis, 50_000, 20_000));
        sim.RunUntil(1_000_000);
        log.AddRange(n.Log);
        log.Add($"delivered {sim.Stats.Delivered}");
        return log;
    }

    [Theory]
    [InlineData(NemesisKind.None)]
    [InlineData(NemesisKind.Mixed)]
    public void Same_seed_replays_the_same_run_event_for_event(NemesisKind nemesis)
    {
        var a = RunLogged(7, nemesis);
        var b = RunLogged(7, nemesis);
        Assert.True(a.Count > 1000, $"only {a.Count} events");
        Assert.Equal(a, b);
        var c = RunLogged(8, nemesis);
        Assert.NotEqual(a, c);
    }

    [Fact]
    public void Messages_arrive_after_the_drawn_delay_and_are_counted()
    {
        var (sim, nodes) = Cluster(1, 2, new NetworkOptions(DelayDistribution.Constant(700)));
        sim.RunUntil(0);
        sim.Send(0, 1, "hello");
        sim.RunUntil(699);
        Assert.DoesNotContain(nodes[1].Inbox, m => (string)m.Message == "hello");
        sim.RunUntil(700);
        Assert.Contains(nodes[1].Inbox, m => (string)m.Message == "hello" && m.Time == 700 && m.From == 0);
        Assert.Equal(sim.Stats.Delivered, nodes.Sum(n => (long)n.Received));
    }

    [Fact]
    public void Loss_rate_drops_that_fraction_of_messages()
    {
        var (sim, _) = Cluster(3, 4, new NetworkOptions(DelayDistribution.Uniform(100, 300), LossRate: 0.2), period: 1000);
        sim.RunUntil(2_000_000);
        double rate = (double)sim.Stats.Lost / sim.Stats.Sent;
        // ~ 24,000 sends: binomial sd of the rate ≈ 0.0026; 5 sd.
        Assert.True(sim.Stats.Sent > 20_000);
        Assert.InRange(rate, 0.187, 0.213);
    }

    [Fact]
    public void Duplication_delivers_extra_copies()
    {
        var (sim, nodes) = Cluster(4, 3, new NetworkOptions(DuplicateRate: 0.5), period: 1000);
        sim.RunUntil(500_000);
        double rate = (double)sim.Stats.Duplicated / sim.Stats.Sent;
        Assert.InRange(rate, 0.45, 0.55);
        Assert.True(sim.Stats.Delivered > sim.Stats.Sent);
        Assert.Contains(nodes[0].Inbox.GroupBy(m => m.Message), g => g.Count() == 2);
    }

    [Fact]
    public void Reordering_lets_later_messages_overtake_on_one_link()
    {
        var (sim, nodes) = Cluster(5, 2, new NetworkOptions(DelayDistribution.Constant(100), ReorderRate: 0.3, ReorderExtraMicros: 5000));
        sim.RunUntil(0);
        for (int i = 0; i < 200; i++) { sim.Send(0, 1, $"m{i}"); sim.RunFor(10); }
        sim.RunFor(100_000);
        var order = nodes[1].Inbox.Select(m => (string)m.Message).Where(s => s.StartsWith('m')).Select(s => int.Parse(s[1..])).ToList();
        Assert.Equal(200, order.Count);
        Assert.NotEqual(order.Order().ToList(), order);
        // Constant delay without reordering is FIFO.
        var (fifo, fifoNodes) = Cluster(5, 2, new NetworkOptions(DelayDistribution.Constant(100)));
        fifo.RunUntil(0);
        for (int i = 0; i < 200; i++) { fifo.Send(0, 1, $"m{i}"); fifo.RunFor(10); }
        fifo.RunFor(100_000);
        var fifoOrder = fifoNodes[1].Inbox.Select(m => (string)m.Message).Where(s => s.StartsWith('m')).Select(s => int.Parse(s[1..])).ToList();
        Assert.Equal(Enumerable.Range(0, 200).ToList(), fifoOrder);
    }

    [Fact]
    public void Symmetric_partition_blocks_exactly_the_links_across_the_cut()
    {
        var (sim, nodes) = Cluster(6, 5, period: 1000);
        sim.Network.Partition([0, 1], [2, 3, 4]);
        Assert.Equal(12, sim.Network.CutLinks);
        sim.RunUntil(200_000);
        bool Across(int a, int b) => (a < 2) != (b < 2);
        for (int to = 0; to < 5; to++)
        {
            var senders = nodes[to].Inbox.Select(m => m.From).Distinct().ToHashSet();
            for (int from = 0; from < 5; from++)
                if (from != to) Assert.Equal(!Across(from, to), senders.Contains(from));
        }
        Assert.True(sim.Stats.Blocked > 0);
        sim.Network.Heal();
        Assert.Equal(0, sim.Network.CutLinks);
        int before = nodes[0].Inbox.Count(m => m.From == 3);
        sim.RunFor(100_000);
        Assert.True(nodes[0].Inbox.Count(m => m.From == 3) > before);
    }

    [Fact]
    public void One_way_cut_blocks_one_direction_only()
    {
        var (sim, nodes) = Cluster(7, 3, period: 1000);
        sim.Network.Cut(0, 1);
        sim.RunUntil(100_000);
        Assert.DoesNotContain(nodes[1].Inbox, m => m.From == 0);
        Assert.Contains(nodes[0].Inbox, m => m.From == 1 && ((string)m.Message).StartsWith("ping", StringComparison.Ordinal));
        Assert.Contains(nodes[2].Inbox, m => m.From == 0);
        Assert.Contains(nodes[1].Inbox, m => m.From == 2);
        // 1's pings reach 0, but 0's pongs back to 1 are lost.
        Assert.DoesNotContain(nodes[1].Inbox, m => ((string)m.Message).StartsWith("pong", StringComparison.Ordinal) && m.From == 0);
    }

    [Fact]
    public void Isolated_node_neither_sends_nor_receives()
    {
        var (sim, nodes) = Cluster(8, 4, period: 1000);
        sim.Network.Isolate(2);
        sim.RunUntil(100_000);
        Assert.Empty(nodes[2].Inbox);
        for (int i = 0; i < 4; i++)
            Assert.DoesNotContain(nodes[i].Inbox, m => m.From == 2);
        Assert.Contains(nodes[0].Inbox, m => m.From == 3);
    }

    [Fact]
    public void Crashed_node_receives_nothing_and_its_timers_are_void_until_restart()
    {
        var (sim, nodes) = Cluster(9, 3, period: 1000);
        sim.RunUntil(10_000);
        sim.Crash(1);
        Assert.False(sim.IsUp(1));
        Assert.Equal(1, nodes[1].Crashes);
        int received = nodes[1].Received;
        long sentTo1 = sim.Stats.ToDownNode;
        sim.RunUntil(50_000);
        Assert.Equal(received, nodes[1].Received);
        Assert.True(sim.Stats.ToDownNode > sentTo1);
        Assert.DoesNotContain(nodes[0].Inbox, m => m.From == 1 && m.Time > 12_000);
        sim.Restart(1);
        sim.RunUntil(100_000);
        Assert.True(nodes[1].Received > received);
        Assert.Contains(nodes[0].Inbox, m => m.From == 1 && m.Time > 50_000);
    }

    [Fact]
    public void Nemesis_injects_and_heals_faults_on_schedule()
    {
        var (sim, _) = Cluster(10, 5, period: 1000);
        var nemesis = Nemesis.Install(sim, [0, 1, 2, 3, 4], new NemesisOptions(NemesisKind.Mixed, 100_000, 40_000));
        sim.RunUntil(1_050_000);
        Assert.Equal(10, nemesis.Faults);
        Assert.Equal(20, nemesis.Log.Count);
        Assert.Contains(nemesis.Log, l => l.Contains("crash", StringComparison.Ordinal));
        Assert.Contains(nemesis.Log, l => l.Contains("loss", StringComparison.Ordinal));
        Assert.All(Enumerable.Range(0, 5), i => Assert.True(sim.IsUp(i)));
        Assert.Equal(0, sim.Network.CutLinks);
        Assert.Equal(0, sim.Network.LossRate);
    }

    [Fact]
    public void A_mixed_nemesis_brings_every_kind_once_in_each_round_of_three()
    {
        var (sim, _) = Cluster(10, 5, period: 1000);
        var nemesis = Nemesis.Install(sim, [0, 1, 2, 3, 4], new NemesisOptions(NemesisKind.Mixed, 100_000, 40_000));
        sim.RunUntil(1_250_000);
        Assert.Equal(12, nemesis.Faults);
        var kinds = nemesis.Log.Where((_, i) => i % 2 == 0)
            .Select(l => l.Split(' ')[1] switch { "crash" => "crash", "loss" => "loss", _ => "partition" })
            .ToList();
        for (int round = 0; round < 4; round++)
            Assert.Equal(["crash", "loss", "partition"], kinds.Skip(3 * round).Take(3).Order());
    }

    [Theory]
    [InlineData(NemesisKind.Crash)]
    [InlineData(NemesisKind.Partition)]
    public void A_nemesis_aimed_at_the_leader_hits_the_node_it_names(NemesisKind kind)
    {
        var (sim, _) = Cluster(10, 5, period: 1000);
        int? leader = null;
        var nemesis = Nemesis.Install(sim, [0, 1, 2, 3, 4], new NemesisOptions(kind, 100_000, 40_000, AimAtLeader: true), () => leader);
        for (int f = 0; f < 10; f++)
        {
            leader = f % 5 == 4 ? null : (f * 3) % 5; // some faults with no leader: drawn as usual
            sim.RunUntil(100_000L * (f + 1) + 50_000);
            string start = nemesis.Log[2 * f].Split(' ', 2)[1];
            if (leader is not int l) continue;
            if (kind == NemesisKind.Crash) Assert.Equal($"crash {l}", start);
            else
                Assert.True(start.StartsWith($"partition [{l}", StringComparison.Ordinal) || start.StartsWith($"cut {l} ", StringComparison.Ordinal) || start == $"isolate {l}",
                    $"fault {f} with leader {l}: '{start}'");
        }
        Assert.Equal("leader", Assert.Throws<ArgumentException>(() => Nemesis.Install(sim, [0], new NemesisOptions(NemesisKind.Crash, AimAtLeader: true))).ParamName);
    }

    [Fact]
    public void Bad_arguments_name_the_parameter()
    {
        var sim = new Simulator(1);
        Assert.Equal("from", Assert.Throws<ArgumentOutOfRangeException>(() => sim.Send(0, 0, "x")).ParamName);
        Assert.Throws<ArgumentOutOfRangeException>(() => sim.Network.LossRate = 1.5);
        Assert.Contains("nemesis", Assert.Throws<ArgumentException>(() => NemesisOptions.ParseKind("chaos")).Message);
        Assert.Contains("uniform:MIN-MAX", Assert.Throws<ArgumentException>(() => DelayDistribution.Parse("uniform:9-3")).Message);
        Assert.Equal(DelayDistribution.Uniform(3, 9), DelayDistribution.Parse("uniform:3-9"));
        Assert.Equal(NemesisKind.Partition, NemesisOptions.ParseKind("Partition"));
    }

    /// <summary>With a processing cost a node handles one message at a time: messages that arrive together
    /// are handled in arrival order, each its cost after the previous one; a free message to an idle
    /// node is delivered at once; a crash empties the inbox.</summary>
    [Fact]
    public void Processing_cost_queues_messages_at_a_busy_node()
    {
        var (sim, nodes) = Cluster(1, 2, new NetworkOptions(DelayDistribution.Constant(10)), period: 1_000_000_000);
        sim.ProcessingCost = (node, message) => node == 1 && message is string s && s.StartsWith("work", StringComparison.Ordinal) ? 100 : 0;
        sim.RunUntil(0);
        foreach (var m in new[] { "work a", "work b", "work c" }) sim.Send(0, 1, m);
        sim.RunUntil(50);
        Assert.Empty(nodes[1].Inbox);
        sim.Send(0, 1, "free"); // arrives at 60 while the node is busy: waits behind the work
        sim.RunUntil(1_000);
        Assert.Equal([(110L, "work a"), (210L, "work b"), (310L, "work c"), (310L, "free")], nodes[1].Inbox.Select(x => (x.Time, (string)x.Message)));
        sim.Send(0, 1, "free");
        sim.RunUntil(2_000);
        Assert.Equal((1_010L, "free"), (nodes[1].Inbox[^1].Time, (string)nodes[1].Inbox[^1].Message));

        foreach (var m in new[] { "work d", "work e" }) sim.Send(0, 1, m);
        sim.RunUntil(2_050);
        sim.Crash(1);
        sim.Restart(1);
        sim.RunUntil(3_000);
        Assert.Equal(5, nodes[1].Inbox.Count);
        Assert.Equal(5, sim.Stats.Delivered);
    }
}
