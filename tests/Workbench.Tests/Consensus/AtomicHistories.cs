using System.Globalization;
using Workbench.Consensus.Linearizability;
using Workbench.Workloads;

namespace Workbench.Tests.Consensus;

/// <summary>
/// Histories of an atomic store: each operation gets a linearization point strictly inside its
/// [invoke, return] interval and is applied to a sequential register or map in that order, so the
/// history is linearizable by construction. Written values are unique, so a read of a value that was
/// overwritten before the read began is a definite violation.
/// </summary>
internal static class AtomicHistories
{
    public static History Generate(long seed, HistoryModel model, int clients, int keys, int operations, double infoRate = 0.1)
    {
        var r = new SplitMix64(seed);
        var free = new long[clients];
        var ops = new List<(int Client, OpFunction F, string Key, string? Input, long Invoke, long Point, long Return, bool Info, bool Applied)>();
        long clock = 0;
        for (int i = 0; i < operations; i++)
        {
            int c = r.Below(clients);
            long start = Math.Max(free[c], clock + r.Below(4));
            clock = start;
            long point = start + 1 + r.Below(12);
            long ret = point + 1 + r.Below(12);
            free[c] = ret + 1;
            string key = r.Below(keys).ToString(CultureInfo.InvariantCulture);
            int kind = r.Below(3);
            OpFunction f;
            string? input = null;
            string unique = $"{i + 1}";
            if (model == HistoryModel.Register)
            {
                f = kind == 0 ? OpFunction.Read : kind == 1 ? OpFunction.Write : OpFunction.Cas;
                if (f == OpFunction.Write) input = unique;
                if (f == OpFunction.Cas) input = $"{(r.Below(2) == 0 ? "0" : (1 + r.Below(i + 1)).ToString(CultureInfo.InvariantCulture))} {unique}";
            }
            else
            {
                f = kind == 0 ? OpFunction.Get : kind == 1 ? OpFunction.Put : OpFunction.Append;
                if (f != OpFunction.Get) input = $"x{unique}y";
            }
            bool info = r.NextDouble() < infoRate;
            bool applied = !info || r.Below(2) == 0;
            ops.Add((c, f, key, input, start, point, ret, info, applied));
        }
        // Apply in linearization-point order.
        var state = new Dictionary<string, string?>();
        var outputs = new string?[ops.Count];
        var failed = new bool[ops.Count];
        foreach (int i in Enumerable.Range(0, ops.Count).OrderBy(i => ops[i].Point).ThenBy(i => i))
        {
            var o = ops[i];
            string? s = state.TryGetValue(o.Key, out var v) ? v : model == HistoryModel.Register ? null : "";
            if (!o.Applied) continue;
            switch (o.F)
            {
                case OpFunction.Read or OpFunction.Get: outputs[i] = s; break;
                case OpFunction.Write or OpFunction.Put: state[o.Key] = o.Input; outputs[i] = o.Input; break;
                case OpFunction.Append: state[o.Key] = s + o.Input; outputs[i] = o.Input; break;
                case OpFunction.Cas:
                    var parts = o.Input!.Split(' ');
                    if (parts[0] == s) { state[o.Key] = parts[1]; outputs[i] = o.Input; }
                    else failed[i] = true;
                    break;
            }
        }
        var events = new List<HistoryEvent>();
        for (int i = 0; i < ops.Count; i++)
        {
            var o = ops[i];
            string? key = model == HistoryModel.Register && keys == 1 ? null : o.Key;
            events.Add(new HistoryEvent(o.Client, EventType.Invoke, o.F, key, o.Input, o.Invoke));
            var type = o.Info ? EventType.Info : failed[i] ? EventType.Fail : EventType.Ok;
            if (o.F == OpFunction.Cas && failed[i] && o.Info) type = EventType.Info;
            events.Add(new HistoryEvent(o.Client, type, o.F, key, type == EventType.Ok ? outputs[i] : o.Input, o.Return));
        }
        return new History(events.OrderBy(e => e.Time).ThenBy(e => e.Type == EventType.Invoke ? 1 : 0));
    }

    /// <summary>
    /// Plants a stale read: at a random instant a fresh client writes A, then B, then reads A. Other
    /// clients' operations in flight at that instant overlap the three, but none can produce A again.
    /// </summary>
    public static History PlantStaleRead(History history, long seed, HistoryModel model)
    {
        var r = new SplitMix64(seed);
        var events = history.Events;
        long end = events.Count == 0 ? 0 : events[^1].Time;
        long cut = r.NextLong(end + 1);
        const long gap = 100;
        int client = 1 + events.Select(e => e.Client).DefaultIfEmpty(0).Max();
        string? key = events.FirstOrDefault(e => e.Key is not null)?.Key ?? (model == HistoryModel.Register ? null : "0");
        var (write, read) = model == HistoryModel.Register ? (OpFunction.Write, OpFunction.Read) : (OpFunction.Put, OpFunction.Get);
        var planted = new List<HistoryEvent>
        {
            new(client, EventType.Invoke, write, key, "stale-A", cut + 10), new(client, EventType.Ok, write, key, "stale-A", cut + 20),
            new(client, EventType.Invoke, write, key, "fresh-B", cut + 30), new(client, EventType.Ok, write, key, "fresh-B", cut + 40),
            new(client, EventType.Invoke, read, key, null, cut + 50), new(client, EventType.Ok, read, key, "stale-A", cut + 60),
        };
        var shifted = events.Select(e => e.Time >= cut ? e with { Time = e.Time + gap } : e);
        return new History(shifted.Concat(planted).OrderBy(e => e.Time));
    }
}
