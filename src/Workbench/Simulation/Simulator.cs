using Workbench.Workloads;

namespace Workbench.Simulation;

/// <summary>Counters of one <see cref="Simulator"/> run.</summary>
public sealed class SimulationStats
{
    /// <summary>Messages handed to the network by nodes that were up.</summary>
    public long Sent { get; internal set; }
    /// <summary>Messages delivered to a node (duplicates count twice).</summary>
    public long Delivered { get; internal set; }
    /// <summary>Messages dropped by <see cref="Network.LossRate"/>.</summary>
    public long Lost { get; internal set; }
    /// <summary>Extra copies scheduled by <see cref="Network.DuplicateRate"/>.</summary>
    public long Duplicated { get; internal set; }
    /// <summary>Messages dropped at a cut link.</summary>
    public long Blocked { get; internal set; }
    /// <summary>Messages dropped because the receiver was down.</summary>
    public long ToDownNode { get; internal set; }
    /// <summary>Timers that fired.</summary>
    public long TimersFired { get; internal set; }
    /// <summary>Events processed (deliveries, drops at arrival, timers, starts, actions).</summary>
    public long Events { get; internal set; }
}

/// <summary>
/// A deterministic discrete-event simulator of message-passing nodes (<see cref="ISimNode"/>) over an
/// unreliable <see cref="Network"/>, in virtual time counted in microseconds. One thread, one event
/// queue ordered by (time, scheduling order): the same seed, nodes and calls replay the same run
/// event for event. The style is FoundationDB's and Jepsen's deterministic testing: the network can
/// delay, lose, duplicate and reorder messages, cut links one way or both, isolate nodes, and nodes
/// can crash and restart (see <see cref="Nemesis"/> for scheduled faults).
/// </summary>
/// <remarks>
/// Cost: one heap push and pop per message and timer; events are structs in one array, so the queue
/// allocates nothing in steady state (the message objects are the nodes'). Not thread-safe; node
/// callbacks must not block. Time only advances between events; a callback sees
/// <see cref="Now"/> fixed at its event's time.
/// </remarks>
public sealed class Simulator
{
    private readonly EventQueue _queue = new();
    private readonly List<ISimNode> _nodes = [];
    private readonly List<NodeContext> _contexts = [];
    private readonly List<bool> _up = [];
    private readonly List<int> _epoch = [];
    private readonly List<Queue<(int From, object Message)>> _inbox = [];
    private readonly List<long> _busyUntil = [];
    private SplitMix64 _random;
    private long _seq;

    /// <param name="seed">Seeds the network's draws and, mixed with the node id, each node's <see cref="NodeContext.Random"/>.</param>
    /// <param name="network">Initial network settings; <see langword="null"/> is <see cref="NetworkOptions.Reliable"/>.</param>
    public Simulator(long seed, NetworkOptions? network = null)
    {
        Seed = seed;
        _random = new SplitMix64(seed);
        Network = new Network(network ?? NetworkOptions.Reliable);
    }

    /// <summary>The seed this simulator was built with.</summary>
    public long Seed { get; }

    /// <summary>Current virtual time, microseconds since the start of the run.</summary>
    public long Now { get; private set; }

    /// <summary>Delay, loss, duplication, reordering and cut links; may be changed at any time.</summary>
    public Network Network { get; }

    /// <summary>Counters since construction.</summary>
    public SimulationStats Stats { get; } = new();

    /// <summary>Number of nodes added.</summary>
    public int NodeCount => _nodes.Count;

    /// <summary>Number of events waiting in the queue.</summary>
    public int PendingEvents => _queue.Count;

    /// <summary>If set, called for every event as it is processed (and for losses at send time).
    /// Costs one delegate call per event; leave it null when timing.</summary>
    public Action<SimEvent>? Trace { get; set; }

    /// <summary>
    /// Optional cost of handling a message, µs of the receiving node's time: <c>(node, message) =&gt; µs</c>.
    /// When set, a node handles arriving messages one at a time, in arrival order: a message that
    /// arrives while the node is busy waits in the node's inbox, and <see cref="ISimNode.OnMessage"/>
    /// runs when its handling ends (arrival, or the end of the previous one, plus its cost). A cost of 0
    /// at an idle node delivers at once. Timers and starts are not charged and do not wait. A crash
    /// empties the inbox. <see langword="null"/> (the default) is free, immediate delivery.
    /// </summary>
    public Func<int, object, long>? ProcessingCost { get; set; }

    /// <summary>The simulator's own random source (network draws); nemeses and harnesses may draw from it
    /// too. Draws are consumed in event order, so they are deterministic.</summary>
    public ref SplitMix64 Random => ref _random;

    /// <summary>Adds a node and schedules its <see cref="ISimNode.Start"/> at the current time; returns its id
    /// (0, 1, 2, ... in order of adding).</summary>
    public int AddNode(ISimNode node)
    {
        ArgumentNullException.ThrowIfNull(node);
        int id = _nodes.Count;
        _nodes.Add(node);
        _contexts.Add(new NodeContext(this, id, (long)new SplitMix64(Seed ^ (0x5EED_0000L + id)).Next()));
        _up.Add(true);
        _epoch.Add(0);
        _inbox.Add(new Queue<(int From, object Message)>());
        _busyUntil.Add(0);
        Network.Grow(id + 1);
        Push(new Event { Time = Now, Kind = EventKind.Start, Node = id, From = -1, Epoch = 0 });
        return id;
    }

    /// <summary>The node with id <paramref name="id"/>.</summary>
    public ISimNode Node(int id) => _nodes[CheckNode(id, nameof(id))];

    /// <summary>The context of node <paramref name="id"/> (what the node itself sees).</summary>
    public NodeContext Context(int id) => _contexts[CheckNode(id, nameof(id))];

    /// <summary>Whether node <paramref name="id"/> is up.</summary>
    public bool IsUp(int id) => _up[CheckNode(id, nameof(id))];

    /// <summary>Crashes node <paramref name="id"/> now: calls <see cref="ISimNode.OnCrash"/>, voids its
    /// pending timers and drops messages addressed to it until it restarts. No-op if already down.</summary>
    public void Crash(int id)
    {
        CheckNode(id, nameof(id));
        if (!_up[id]) return;
        _up[id] = false;
        _epoch[id]++;
        _inbox[id].Clear();
        _busyUntil[id] = 0;
        Trace?.Invoke(new SimEvent(Now, SimEventKind.Crash, id, -1, null, 0));
        _nodes[id].OnCrash();
    }

    /// <summary>Brings a crashed node back: it is up from now on and <see cref="ISimNode.Start"/> runs as
    /// the next event at the current time. No-op if the node is up.</summary>
    public void Restart(int id)
    {
        CheckNode(id, nameof(id));
        if (_up[id]) return;
        _up[id] = true;
        Push(new Event { Time = Now, Kind = EventKind.Start, Node = id, From = -1, Epoch = _epoch[id] });
    }

    /// <summary>Runs <paramref name="action"/> after <paramref name="delayMicros"/> of virtual time
    /// (fault injection, measurements, client arrivals).</summary>
    public void Schedule(long delayMicros, Action action)
    {
        ArgumentNullException.ThrowIfNull(action);
        ArgumentOutOfRangeException.ThrowIfNegative(delayMicros);
        Push(new Event { Time = Now + delayMicros, Kind = EventKind.Action, Node = -1, From = -1, Payload = action });
    }

    /// <summary>Sends a message from <paramref name="from"/> to <paramref name="to"/>: applies loss,
    /// delay, reordering and duplication. Nodes call this through <see cref="NodeContext.Send"/>; a
    /// harness may call it directly to inject a message.</summary>
    public void Send(int from, int to, object message)
    {
        CheckNode(from, nameof(from));
        CheckNode(to, nameof(to));
        ArgumentNullException.ThrowIfNull(message);
        if (!_up[from]) return;
        Stats.Sent++;
        var net = Network;
        if (net.LossRate > 0 && _random.NextDouble() < net.LossRate)
        {
            Stats.Lost++;
            Trace?.Invoke(new SimEvent(Now, SimEventKind.Lost, to, from, message, 0));
            return;
        }
        ScheduleDelivery(from, to, message);
        if (net.DuplicateRate > 0 && _random.NextDouble() < net.DuplicateRate)
        {
            Stats.Duplicated++;
            ScheduleDelivery(from, to, message);
        }
    }

    private void ScheduleDelivery(int from, int to, object message)
    {
        var net = Network;
        long delay = net.Delay.Sample(ref _random);
        if (net.ReorderRate > 0 && _random.NextDouble() < net.ReorderRate)
            delay += _random.NextLong(net.ReorderExtraMicros + 1);
        Push(new Event { Time = Now + delay, Kind = EventKind.Deliver, Node = to, From = from, Payload = message });
    }

    /// <summary>Sets a timer for node <paramref name="node"/>; see <see cref="NodeContext.SetTimer"/>.</summary>
    public void SetTimer(int node, long delayMicros, long tag)
    {
        CheckNode(node, nameof(node));
        if (delayMicros < 0) throw new ArgumentOutOfRangeException(nameof(delayMicros), delayMicros, "delayMicros must be >= 0");
        if (!_up[node]) return;
        Push(new Event { Time = Now + delayMicros, Kind = EventKind.Timer, Node = node, From = -1, Epoch = _epoch[node], Tag = tag });
    }

    /// <summary>Processes the next event, if any; returns false when the queue is empty.</summary>
    public bool Step()
    {
        if (_queue.Count == 0) return false;
        var e = _queue.Pop();
        Now = e.Time;
        Dispatch(e);
        return true;
    }

    /// <summary>Processes every event due at or before <paramref name="time"/> (µs), then sets the clock to
    /// <paramref name="time"/>. Returns the number of events processed.</summary>
    public long RunUntil(long time)
    {
        if (time < Now) throw new ArgumentOutOfRangeException(nameof(time), time, $"time must not be before now ({Now} µs)");
        long processed = 0;
        while (_queue.Count > 0 && _queue.Peek().Time <= time)
        {
            var e = _queue.Pop();
            Now = e.Time;
            Dispatch(e);
            processed++;
        }
        Now = time;
        return processed;
    }

    /// <summary>Runs for <paramref name="micros"/> of virtual time from now; see <see cref="RunUntil"/>.</summary>
    public long RunFor(long micros)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(micros);
        return RunUntil(checked(Now + micros));
    }

    private void Dispatch(in Event e)
    {
        Stats.Events++;
        var trace = Trace;
        switch (e.Kind)
        {
            case EventKind.Deliver:
                if (!Network.IsConnected(e.From, e.Node))
                {
                    Stats.Blocked++;
                    trace?.Invoke(new SimEvent(e.Time, SimEventKind.Blocked, e.Node, e.From, e.Payload, 0));
                }
                else if (!_up[e.Node])
                {
                    Stats.ToDownNode++;
                    trace?.Invoke(new SimEvent(e.Time, SimEventKind.NodeDown, e.Node, e.From, e.Payload, 0));
                }
                else if (ProcessingCost is { } cost)
                {
                    var inbox = _inbox[e.Node];
                    if (inbox.Count > 0 || _busyUntil[e.Node] > e.Time)
                    {
                        inbox.Enqueue((e.From, e.Payload!)); // the handler of the head is already scheduled
                        break;
                    }
                    long micros = Cost(cost, e.Node, e.Payload!);
                    if (micros == 0)
                    {
                        Deliver(e.Node, e.From, e.Payload!);
                        break;
                    }
                    inbox.Enqueue((e.From, e.Payload!));
                    _busyUntil[e.Node] = e.Time + micros;
                    Push(new Event { Time = e.Time + micros, Kind = EventKind.Serve, Node = e.Node, From = -1, Epoch = _epoch[e.Node] });
                }
                else
                {
                    Deliver(e.Node, e.From, e.Payload!);
                }
                break;
            case EventKind.Serve:
                if (!_up[e.Node] || _epoch[e.Node] != e.Epoch) break;
                {
                    var inbox = _inbox[e.Node];
                    var (from, message) = inbox.Dequeue();
                    Deliver(e.Node, from, message);
                    // The handler may have crashed the node or changed the cost; the inbox says what is left.
                    if (inbox.Count > 0 && _up[e.Node] && _epoch[e.Node] == e.Epoch)
                    {
                        long next = ProcessingCost is { } c ? Cost(c, e.Node, inbox.Peek().Message) : 0;
                        _busyUntil[e.Node] = e.Time + next;
                        Push(new Event { Time = e.Time + next, Kind = EventKind.Serve, Node = e.Node, From = -1, Epoch = e.Epoch });
                    }
                }
                break;
            case EventKind.Timer:
                if (!_up[e.Node] || _epoch[e.Node] != e.Epoch) break;
                Stats.TimersFired++;
                trace?.Invoke(new SimEvent(e.Time, SimEventKind.Timer, e.Node, -1, null, e.Tag));
                _nodes[e.Node].OnTimer(e.Tag);
                break;
            case EventKind.Start:
                if (!_up[e.Node] || _epoch[e.Node] != e.Epoch) break;
                trace?.Invoke(new SimEvent(e.Time, SimEventKind.Start, e.Node, -1, null, 0));
                _nodes[e.Node].Start(_contexts[e.Node]);
                break;
            case EventKind.Action:
                trace?.Invoke(new SimEvent(e.Time, SimEventKind.Action, -1, -1, e.Payload is Action a ? a.Method.Name : null, 0));
                ((Action)e.Payload!)();
                break;
        }
    }

    private void Deliver(int node, int from, object message)
    {
        Stats.Delivered++;
        Trace?.Invoke(new SimEvent(Now, SimEventKind.Deliver, node, from, message, 0));
        _nodes[node].OnMessage(from, message);
    }

    private static long Cost(Func<int, object, long> cost, int node, object message)
    {
        long micros = cost(node, message);
        return micros >= 0 ? micros : throw new InvalidOperationException($"ProcessingCost returned {micros} µs for a message to node {node}; costs must be >= 0");
    }

    private void Push(Event e)
    {
        e.Seq = _seq++;
        _queue.Push(e);
    }

    private int CheckNode(int id, string name)
    {
        if ((uint)id >= (uint)_nodes.Count) throw new ArgumentOutOfRangeException(name, id, $"{name} must be a node id in [0, {_nodes.Count})");
        return id;
    }
}
