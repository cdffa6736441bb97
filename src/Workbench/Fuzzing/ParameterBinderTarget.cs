using System.Text;
using Workbench.Experiments;

namespace Workbench.Fuzzing;

/// <summary>
/// Fuzzes <see cref="ParameterBinder"/>, the parser of every <c>--set name=value</c>: the first
/// byte picks an experiment of <see cref="ExperimentRegistry.Library"/>, the rest is read as UTF-8
/// lines, each a setting. A correct binder either rejects with a <see cref="ParameterException"/>
/// or returns parameters whose formatted values bind back to the same values (the round trip
/// <c>workbench reproduce</c> relies on when it writes provenance). Anything else, an overflow,
/// a hang or an unbounded list, is a bug.
/// </summary>
public static class ParameterBinderTarget
{
    public const string Name = "parameter-binder";

    public static FuzzTarget Create() => new(Name, "ParameterBinder: --set name=value lines bound to an experiment's parameters", Execute, Seeds());

    public static FuzzOutcome Execute(ReadOnlyMemory<byte> data)
    {
        var experiments = ExperimentRegistry.Library.All;
        if (data.Length == 0) return FuzzOutcome.Rejected;
        var experiment = experiments[data.Span[0] % experiments.Count];
        var text = Encoding.UTF8.GetString(data.Span[1..]);
        object bound;
        try
        {
            var settings = text.Split('\n').Where(l => l.Length > 0).Select(ParameterBinder.ParseSetting).ToList();
            bound = ParameterBinder.Bind(experiment.Defaults, settings);
        }
        catch (ParameterException)
        {
            return FuzzOutcome.Rejected;
        }
        // Round trip: every value, formatted, binds back to itself.
        var described = ParameterBinder.Describe(bound.GetType());
        var again = ParameterBinder.Bind(experiment.Defaults, described.Select(p => KeyValuePair.Create(p.Name, ParameterBinder.Format(p.Property.GetValue(bound)))));
        foreach (var (name, property) in described)
        {
            string first = ParameterBinder.Format(property.GetValue(bound)), second = ParameterBinder.Format(property.GetValue(again));
            if (first != second) throw new InvalidOperationException($"{experiment.Id}: parameter {name} formatted as '{first}' binds back as '{second}'");
        }
        return FuzzOutcome.Accepted;
    }

    private static IReadOnlyList<byte[]> Seeds()
    {
        var seeds = new List<byte[]>();
        var experiments = ExperimentRegistry.Library.All;
        for (int i = 0; i < experiments.Count; i++)
        {
            var quick = experiments[i].Quick;
            var lines = ParameterBinder.Describe(quick.GetType()).Select(p => $"{p.Name}={ParameterBinder.Format(p.Property.GetValue(quick))}");
            seeds.Add([(byte)i, .. Encoding.UTF8.GetBytes(string.Join('\n', lines))]);
        }
        return seeds;
    }
}
