namespace Workbench.Simulation;

/// <summary>
/// Initial settings of a simulated network. All rates are per message, in [0, 1].
/// </summary>
/// <param name="Delay">One-way delay of each message; <see langword="null"/> means uniform 500-1500 µs.</param>
/// <param name="LossRate">Probability a sent message is silently dropped.</param>
/// <param name="DuplicateRate">Probability a message that is not dropped is delivered twice (the copy draws its own delay).</param>
/// <param name="ReorderRate">Probability a message is held back by an extra uniform delay in [0, <paramref name="ReorderExtraMicros"/>], so later messages overtake it.</param>
/// <param name="ReorderExtraMicros">Largest extra hold-back of a reordered message, microseconds.</param>
public sealed record NetworkOptions(
    DelayDistribution? Delay = null,
    double LossRate = 0,
    double DuplicateRate = 0,
    double ReorderRate = 0,
    long ReorderExtraMicros = 10_000)
{
    /// <summary>A reliable network with uniform 500-1500 µs delays (the default).</summary>
    public static NetworkOptions Reliable { get; } = new();
}

/// <summary>
/// The simulated network's mutable state: delay model, loss/duplication/reordering rates and the set
/// of cut links. A link is directed: <see cref="Cut(int, int)"/> blocks <c>from → to</c> only (a
/// one-way partition); <see cref="Partition"/> cuts both directions between two groups;
/// <see cref="Isolate"/> cuts a node off from everyone. Cuts are checked when a message is due to
/// arrive, so messages in flight when a partition starts are lost, and messages sent across it are
/// delivered if it heals before they arrive. A node's messages to itself are never cut.
/// </summary>
public sealed class Network
{
    private double _loss, _duplicate, _reorder;
    private long _reorderExtra;
    private bool[] _cut = [];
    private int _stride;
    private int _cutCount;

    internal Network(NetworkOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Delay = options.Delay ?? DelayDistribution.Uniform(500, 1500);
        LossRate = options.LossRate;
        DuplicateRate = options.DuplicateRate;
        ReorderRate = options.ReorderRate;
        ReorderExtraMicros = options.ReorderExtraMicros;
    }

    /// <summary>Delay of each message.</summary>
    public DelayDistribution Delay { get; set; }

    /// <summary>Probability a message is dropped, in [0, 1].</summary>
    public double LossRate { get => _loss; set => _loss = Rate(value, nameof(LossRate)); }

    /// <summary>Probability a delivered message is delivered twice, in [0, 1].</summary>
    public double DuplicateRate { get => _duplicate; set => _duplicate = Rate(value, nameof(DuplicateRate)); }

    /// <summary>Probability a message gets an extra hold-back delay, in [0, 1].</summary>
    public double ReorderRate { get => _reorder; set => _reorder = Rate(value, nameof(ReorderRate)); }

    /// <summary>Largest extra hold-back, microseconds (>= 0).</summary>
    public long ReorderExtraMicros
    {
        get => _reorderExtra;
        set => _reorderExtra = value >= 0 ? value : throw new ArgumentOutOfRangeException(nameof(ReorderExtraMicros), value, "ReorderExtraMicros must be >= 0");
    }

    /// <summary>Number of directed links currently cut.</summary>
    public int CutLinks => _cutCount;

    /// <summary>Whether messages from <paramref name="from"/> to <paramref name="to"/> currently get through.</summary>
    public bool IsConnected(int from, int to) =>
        _cutCount == 0 || from == to || (uint)from >= (uint)_stride || (uint)to >= (uint)_stride || !_cut[from * _stride + to];

    /// <summary>Cuts the directed link <paramref name="from"/> → <paramref name="to"/> (one-way partition).</summary>
    public void Cut(int from, int to) => Set(from, to, true);

    /// <summary>Restores the directed link <paramref name="from"/> → <paramref name="to"/>.</summary>
    public void Connect(int from, int to) => Set(from, to, false);

    /// <summary>Cuts every link, both directions, between a node of <paramref name="left"/> and a node of
    /// <paramref name="right"/>; links inside each group are untouched.</summary>
    public void Partition(IEnumerable<int> left, IEnumerable<int> right)
    {
        ArgumentNullException.ThrowIfNull(left);
        ArgumentNullException.ThrowIfNull(right);
        var r = right.ToArray();
        foreach (var a in left)
            foreach (var b in r)
            {
                Set(a, b, true);
                Set(b, a, true);
            }
    }

    /// <summary>Cuts <paramref name="node"/> off from every other node, both directions.</summary>
    public void Isolate(int node)
    {
        CheckNode(node, nameof(node));
        for (int other = 0; other < _stride; other++)
        {
            if (other == node) continue;
            Set(node, other, true);
            Set(other, node, true);
        }
    }

    /// <summary>Restores every link.</summary>
    public void Heal()
    {
        Array.Clear(_cut);
        _cutCount = 0;
    }

    internal void Grow(int nodes)
    {
        if (nodes <= _stride) return;
        var next = new bool[nodes * nodes];
        for (int a = 0; a < _stride; a++)
            Array.Copy(_cut, a * _stride, next, a * nodes, _stride);
        _cut = next;
        _stride = nodes;
    }

    private void Set(int from, int to, bool cut)
    {
        CheckNode(from, nameof(from));
        CheckNode(to, nameof(to));
        if (from == to) return;
        ref bool slot = ref _cut[from * _stride + to];
        if (slot == cut) return;
        slot = cut;
        _cutCount += cut ? 1 : -1;
    }

    private void CheckNode(int node, string name)
    {
        if ((uint)node >= (uint)_stride) throw new ArgumentOutOfRangeException(name, node, $"{name} must be a node id in [0, {_stride})");
    }

    private static double Rate(double value, string name) =>
        value is >= 0 and <= 1 ? value : throw new ArgumentOutOfRangeException(name, value, $"{name} must be in [0, 1]");
}
