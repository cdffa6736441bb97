using System.Diagnostics;
using System.Numerics;
using Workbench.Workloads;

namespace Workbench.Consensus.Linearizability;

/// <summary>The sequential specification a history is checked against.</summary>
public enum HistoryModel
{
    /// <summary>Registers (read, write, cas), one per key (a null key is the single register); initially nil.</summary>
    Register,
    /// <summary>A key-value map (get, put, append); every key initially "".</summary>
    KeyValue,
}

/// <summary>Verdict of a linearizability check.</summary>
public enum Verdict
{
    /// <summary>Some order of the operations respects real time and the sequential specification.</summary>
    Linearizable,
    /// <summary>No such order exists.</summary>
    NotLinearizable,
    /// <summary>The search hit its step or time bound before deciding.</summary>
    Unknown,
}

/// <summary>Bounds on a check. Either bound reached makes the verdict <see cref="Verdict.Unknown"/>.</summary>
/// <param name="MaxSteps">Search steps (candidate linearizations tried) over all keys; 0 = no bound.</param>
/// <param name="Timeout">Wall-clock bound; null = none.</param>
public sealed record CheckOptions(long MaxSteps = 0, TimeSpan? Timeout = null)
{
    /// <summary>No bounds.</summary>
    public static CheckOptions Unbounded { get; } = new();
}

/// <summary>Outcome of a <see cref="LinearizabilityChecker"/> check.</summary>
/// <param name="Verdict">The verdict.</param>
/// <param name="Operations">Operations checked (failed operations and reads with unknown outcome removed).</param>
/// <param name="Partitions">Keys checked independently.</param>
/// <param name="Steps">Search steps taken.</param>
/// <param name="Elapsed">Wall-clock time of the search.</param>
/// <param name="FailedKey">For a non-linearizable history, a key whose sub-history is not linearizable (null for the single register).</param>
/// <param name="LongestPrefix">For a non-linearizable history, the most operations of that key linearized at once before the search failed.</param>
public sealed record CheckResult(Verdict Verdict, int Operations, int Partitions, long Steps, TimeSpan Elapsed, string? FailedKey = null, int LongestPrefix = 0);

/// <summary>
/// A linearizability checker (Herlihy &amp; Wing 1990) by the search of Wing &amp; Gong (1993) with the
/// memoization of Lowe (2017, "Testing for linearizability"), as in Porcupine: the history's call and
/// return entries form a linked list in real-time order; the search repeatedly linearizes a pending
/// call that the model accepts, lifting it and its return out of the list, and backtracks when it meets a
/// return whose call has not been linearized. A cache of (set of linearized operations, model state)
/// pairs prunes configurations already explored, which turns the search from factorial into roughly
/// (states × subsets of the concurrent window). Histories are split by key first (linearizability
/// is compositional, Herlihy &amp; Wing §3.3), so each key is searched on its own.
/// </summary>
/// <remarks>
/// Unknown outcomes (<c>info</c> or never completed) return at infinity: they may be linearized at any
/// point after their invocation, and the model always accepts them (a cas whose precondition fails,
/// or an operation placed after everything else, is the same as one that never took effect), so they
/// may as well be omitted. Reads with unknown outcome constrain nothing and are dropped. Ties in time
/// count as overlap (a return at time t does not precede a call at t). Worst case exponential: bound
/// it with <see cref="CheckOptions"/>.
/// </remarks>
public static class LinearizabilityChecker
{
    /// <summary>Checks <paramref name="history"/> against <paramref name="model"/>.</summary>
    /// <exception cref="FormatException">The history is malformed or uses functions of the other model
    /// (message names source and, where known, line).</exception>
    public static CheckResult Check(History history, HistoryModel model, CheckOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(history);
        return Check(history.ToOperations(), model, options, history.Source);
    }

    /// <summary>Checks paired <paramref name="operations"/> against <paramref name="model"/>.</summary>
    public static CheckResult Check(IReadOnlyList<Operation> operations, HistoryModel model, CheckOptions? options = null, string source = "history")
    {
        ArgumentNullException.ThrowIfNull(operations);
        options ??= CheckOptions.Unbounded;
        var clock = Stopwatch.StartNew();
        var partitions = new Dictionary<string, List<Operation>>(StringComparer.Ordinal);
        var order = new List<string>();
        int count = 0;
        foreach (var op in operations)
        {
            CheckFunction(op, model, source);
            if (op.Unknown && op.Function is OpFunction.Read or OpFunction.Get) continue;
            var key = op.Key ?? "\0nil";
            if (!partitions.TryGetValue(key, out var list))
            {
                partitions[key] = list = [];
                order.Add(key);
            }
            list.Add(op);
            count++;
        }
        long deadline = options.Timeout is { } t ? Stopwatch.GetTimestamp() + (long)(t.TotalSeconds * Stopwatch.Frequency) : long.MaxValue;
        var budget = new Budget(options.MaxSteps > 0 ? options.MaxSteps : long.MaxValue, deadline);
        bool unknown = false;
        foreach (var key in order)
        {
            var search = new Search(partitions[key], model == HistoryModel.Register ? null : "", budget);
            var v = search.Run();
            if (v == Verdict.NotLinearizable)
                return new CheckResult(Verdict.NotLinearizable, count, partitions.Count, budget.Steps, clock.Elapsed, key == "\0nil" ? null : key, search.LongestPrefix);
            if (v == Verdict.Unknown) { unknown = true; break; }
        }
        return new CheckResult(unknown ? Verdict.Unknown : Verdict.Linearizable, count, partitions.Count, budget.Steps, clock.Elapsed);
    }

    private static void CheckFunction(Operation op, HistoryModel model, string source)
    {
        bool register = op.Function is OpFunction.Read or OpFunction.Write or OpFunction.Cas;
        if (register != (model == HistoryModel.Register))
            throw new FormatException($"{source}: operation {HistoryEvent.Name(op.Function)} (client {op.Client}, time {op.Invoke}) does not belong to the {(model == HistoryModel.Register ? "register" : "kv")} model");
        if (op.Function == OpFunction.Cas && (op.Input is null || op.Input.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length != 2))
            throw new FormatException($"{source}: cas (client {op.Client}, time {op.Invoke}) needs 'old new' as its value, got '{op.Input}'");
    }

    private sealed class Budget(long maxSteps, long deadline)
    {
        public long Steps;
        public bool Spend()
        {
            Steps++;
            if (Steps > maxSteps) return false;
            return (Steps & 1023) != 0 || Stopwatch.GetTimestamp() <= deadline;
        }
    }

    /// <summary>One key's search.</summary>
    private sealed class Search
    {
        // Per operation: the function, arguments, and output.
        private readonly OpFunction[] _f;
        private readonly string?[] _a, _b, _out;
        private readonly bool[] _unknown;
        // Entries: 0 is the list head; entry 1 + 2i... in time order; _op maps an entry to its operation,
        // _isCall says which half, _match links a call to its return.
        private readonly int[] _next, _prev, _match, _opOf;
        private readonly bool[] _isCall;
        private readonly ulong[] _zobrist;
        private readonly string? _init;
        private readonly Budget _budget;
        private readonly int _n;

        public int LongestPrefix { get; private set; }

        public Search(List<Operation> ops, string? init, Budget budget)
        {
            _init = init;
            _budget = budget;
            _n = ops.Count;
            _f = new OpFunction[_n];
            _a = new string?[_n];
            _b = new string?[_n];
            _out = new string?[_n];
            _unknown = new bool[_n];
            _zobrist = new ulong[_n];
            var random = new SplitMix64(0x11AE_A812);
            for (int i = 0; i < _n; i++)
            {
                var o = ops[i];
                _f[i] = o.Function;
                _unknown[i] = o.Unknown;
                _out[i] = o.Output;
                if (o.Function == OpFunction.Cas)
                {
                    var parts = o.Input!.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                    _a[i] = parts[0];
                    _b[i] = parts[1];
                }
                else _a[i] = o.Input;
                _zobrist[i] = random.Next();
            }
            // Entries sorted by (time, call before return), stable by operation order.
            var entries = new (long Time, int Kind, int Op)[2 * _n];
            for (int i = 0; i < _n; i++)
            {
                entries[2 * i] = (ops[i].Invoke, 0, i);
                entries[2 * i + 1] = (ops[i].Return, 1, i);
            }
            Array.Sort(entries, (x, y) => x.Time != y.Time ? x.Time.CompareTo(y.Time) : x.Kind != y.Kind ? x.Kind.CompareTo(y.Kind) : x.Op.CompareTo(y.Op));
            int m = 2 * _n + 1;
            _next = new int[m];
            _prev = new int[m];
            _match = new int[m];
            _opOf = new int[m];
            _isCall = new bool[m];
            var callEntry = new int[_n];
            for (int e = 0; e < 2 * _n; e++)
            {
                int id = e + 1;
                var (_, kind, op) = entries[e];
                _opOf[id] = op;
                _isCall[id] = kind == 0;
                if (kind == 0) callEntry[op] = id;
                else _match[callEntry[op]] = id;
            }
            for (int id = 0; id < m; id++)
            {
                _next[id] = id + 1 < m ? id + 1 : -1;
                _prev[id] = id - 1;
            }
        }

        private bool Step(int op, string? state, out string? next)
        {
            next = state;
            switch (_f[op])
            {
                case OpFunction.Read:
                case OpFunction.Get:
                    return _unknown[op] || string.Equals(_out[op], state, StringComparison.Ordinal);
                case OpFunction.Write:
                case OpFunction.Put:
                    next = _a[op];
                    return true;
                case OpFunction.Append:
                    next = state + _a[op];
                    return true;
                case OpFunction.Cas:
                    // A known cas completed ok, so it succeeded; an unknown one either succeeded here or did not happen.
                    if (string.Equals(_a[op], state, StringComparison.Ordinal)) { next = _b[op]; return true; }
                    return _unknown[op];
                default:
                    return false;
            }
        }

        private void Lift(int e)
        {
            _next[_prev[e]] = _next[e];
            _prev[_next[e]] = _prev[e]; // a call always has its return after it
            int r = _match[e];
            _next[_prev[r]] = _next[r];
            if (_next[r] >= 0) _prev[_next[r]] = _prev[r];
        }

        private void Unlift(int e)
        {
            int r = _match[e];
            _next[_prev[r]] = r;
            if (_next[r] >= 0) _prev[_next[r]] = r;
            _next[_prev[e]] = e;
            _prev[_next[e]] = e;
        }

        public Verdict Run()
        {
            if (_n == 0) return Verdict.Linearizable;
            var linearized = new ulong[(_n + 63) / 64];
            ulong setHash = 0;
            var cache = new HashSet<CacheKey>(CacheKey.Comparer);
            var calls = new Stack<(int Entry, string? State)>();
            string? state = _init;
            int depth = 0;
            int entry = _next[0];
            while (_next[0] >= 0)
            {
                if (!_budget.Spend()) return Verdict.Unknown;
                if (_isCall[entry])
                {
                    int op = _opOf[entry];
                    if (Step(op, state, out var next))
                    {
                        linearized[op >> 6] |= 1UL << op;
                        ulong h = setHash ^ _zobrist[op];
                        if (cache.Add(new CacheKey((ulong[])linearized.Clone(), next, h)))
                        {
                            calls.Push((entry, state));
                            state = next;
                            setHash = h;
                            if (++depth > LongestPrefix) LongestPrefix = depth;
                            Lift(entry);
                            entry = _next[0];
                            continue;
                        }
                        linearized[op >> 6] &= ~(1UL << op);
                    }
                    entry = _next[entry];
                }
                else
                {
                    if (calls.Count == 0) return Verdict.NotLinearizable;
                    var (top, previous) = calls.Pop();
                    int op = _opOf[top];
                    linearized[op >> 6] &= ~(1UL << op);
                    setHash ^= _zobrist[op];
                    state = previous;
                    depth--;
                    Unlift(top);
                    entry = _next[top];
                }
            }
            return Verdict.Linearizable;
        }
    }

    private readonly struct CacheKey(ulong[] bits, string? state, ulong setHash)
    {
        private readonly ulong[] _bits = bits;
        private readonly string? _state = state;
        private readonly int _hash = HashCode.Combine(setHash, state is null ? 0 : string.GetHashCode(state, StringComparison.Ordinal));

        public static readonly IEqualityComparer<CacheKey> Comparer = new KeyComparer();

        private sealed class KeyComparer : IEqualityComparer<CacheKey>
        {
            public bool Equals(CacheKey x, CacheKey y) =>
                x._hash == y._hash && string.Equals(x._state, y._state, StringComparison.Ordinal) && x._bits.AsSpan().SequenceEqual(y._bits);

            public int GetHashCode(CacheKey k) => k._hash;
        }
    }
}
