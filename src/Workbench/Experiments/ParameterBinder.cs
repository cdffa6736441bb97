using System.Globalization;
using System.Reflection;
using System.Text;

namespace Workbench.Experiments;

/// <summary>
/// Applies <c>name=value</c> settings to a parameters record by reflection, so that every front end
/// (command line, tests, notebooks via environment) shares one parser. List values are written
/// <c>a,b,c</c>; integer lists also accept inclusive ranges <c>4..20</c> and stepped ranges
/// <c>4..20:2</c>. Errors are <see cref="ParameterException"/>s whose message names the parameter.
/// </summary>
public static class ParameterBinder
{
    /// <summary>The most values a list parameter may hold, ranges expanded (so a short setting cannot demand gigabytes).</summary>
    public const int MaxListValues = 1_000_000;

    /// <summary>The parameters of a record type with their snake_case names.</summary>
    public static IReadOnlyList<(string Name, PropertyInfo Property)> Describe(Type type) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.CanRead && p.CanWrite && p.GetIndexParameters().Length == 0 && p.Name != "EqualityContract")
            .Select(p => (ToSnakeCase(p.Name), p))
            .ToList();

    /// <summary>Returns a copy of <paramref name="defaults"/> with the settings applied, then validated.</summary>
    public static T Bind<T>(T defaults, IEnumerable<KeyValuePair<string, string>> settings) where T : IExperimentParameters =>
        (T)Bind((object)defaults, settings);

    public static object Bind(object defaults, IEnumerable<KeyValuePair<string, string>> settings)
    {
        var type = defaults.GetType();
        var clone = type.GetMethod("<Clone>$")?.Invoke(defaults, null)
            ?? throw new ArgumentException($"{type.Name} must be a record.", nameof(defaults));
        var props = Describe(type);
        foreach (var (key, raw) in settings)
        {
            var match = props.FirstOrDefault(p => p.Name == key || p.Property.Name == key);
            if (match.Property is null)
                throw new ParameterException($"unknown parameter '{key}' (known: {string.Join(", ", props.Select(p => p.Name))})");
            match.Property.SetValue(clone, Parse(match.Name, match.Property.PropertyType, raw));
        }
        Validate(clone);
        return clone;
    }

    /// <summary>Throws a <see cref="ParameterException"/> listing every problem, if any.</summary>
    public static void Validate(object parameters)
    {
        if (parameters is not IExperimentParameters p) return;
        var errors = p.Validate().ToList();
        if (errors.Count > 0) throw new ParameterException(string.Join("; ", errors));
    }

    /// <summary>Parses <c>name=value</c> into its two parts.</summary>
    public static KeyValuePair<string, string> ParseSetting(string setting)
    {
        int eq = setting.IndexOf('=');
        if (eq <= 0) throw new ParameterException($"malformed setting '{setting}': expected name=value");
        return new(setting[..eq].Trim(), setting[(eq + 1)..].Trim());
    }

    /// <summary>Formats a parameter value the way <see cref="Bind(object, IEnumerable{KeyValuePair{string, string}})"/> parses it.</summary>
    public static string Format(object? value) => value switch
    {
        null => "",
        string s => s,
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        System.Collections.IEnumerable e => string.Join(',', e.Cast<object>().Select(Format)),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    public static string ToSnakeCase(string name)
    {
        var sb = new StringBuilder();
        for (int i = 0; i < name.Length; i++)
        {
            char c = name[i];
            if (char.IsUpper(c))
            {
                if (i > 0 && (char.IsLower(name[i - 1]) || char.IsDigit(name[i - 1]) || (i + 1 < name.Length && char.IsLower(name[i + 1])))) sb.Append('_');
                sb.Append(char.ToLowerInvariant(c));
            }
            else sb.Append(c);
        }
        return sb.ToString();
    }

    private static object Parse(string name, Type type, string raw)
    {
        if (type.IsArray)
        {
            var element = type.GetElementType()!;
            var items = new List<object>();
            foreach (var item in raw.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            {
                foreach (var value in ExpandRange(name, element, item, items.Count))
                {
                    if (items.Count == MaxListValues) throw new ParameterException($"{name}: list has more than {MaxListValues:N0} values");
                    items.Add(value);
                }
            }
            if (items.Count == 0) throw new ParameterException($"{name}: empty list");
            var array = Array.CreateInstance(element, items.Count);
            for (int i = 0; i < items.Count; i++) array.SetValue(items[i], i);
            return array;
        }
        return ParseScalar(name, type, raw);
    }

    // before: values already in the list; a range that would take it past MaxListValues is refused before it is expanded.
    private static IEnumerable<object> ExpandRange(string name, Type element, string item, int before)
    {
        int dots = item.IndexOf("..", StringComparison.Ordinal);
        if (dots < 0 || (element != typeof(int) && element != typeof(long)))
        {
            yield return ParseScalar(name, element, item);
            yield break;
        }
        string rest = item[(dots + 2)..];
        int colon = rest.IndexOf(':');
        long from = (long)Convert.ChangeType(ParseScalar(name, typeof(long), item[..dots]), typeof(long), CultureInfo.InvariantCulture);
        long to = (long)ParseScalar(name, typeof(long), colon < 0 ? rest : rest[..colon]);
        long step = colon < 0 ? 1 : (long)ParseScalar(name, typeof(long), rest[(colon + 1)..]);
        if (step <= 0) throw new ParameterException($"{name}: range step must be positive in '{item}'");
        if (to < from) throw new ParameterException($"{name}: range '{item}' is empty (end before start)");
        // In 128 bits: to - from and from + i * step overflow a long for ranges near its ends.
        Int128 count = ((Int128)to - from) / step + 1;
        if (count > MaxListValues - before) throw new ParameterException($"{name}: range '{item}' takes the list past {MaxListValues:N0} values");
        for (long i = 0; i < (long)count; i++)
        {
            long v = (long)(from + (Int128)i * step);
            yield return element == typeof(int) ? ParseScalar(name, typeof(int), v.ToString(CultureInfo.InvariantCulture)) : v;
        }
    }

    private static object ParseScalar(string name, Type type, string raw)
    {
        var s = raw.Trim().Replace("_", "", StringComparison.Ordinal);
        try
        {
            if (type == typeof(string)) return raw.Trim();
            if (type == typeof(int)) return int.Parse(s, NumberStyles.Integer, CultureInfo.InvariantCulture);
            if (type == typeof(long)) return long.Parse(s, NumberStyles.Integer, CultureInfo.InvariantCulture);
            if (type == typeof(double))
            {
                var d = double.Parse(s, NumberStyles.Float, CultureInfo.InvariantCulture);
                if (!double.IsFinite(d)) throw new FormatException();
                return d;
            }
            if (type == typeof(bool)) return bool.Parse(s);
        }
        catch (Exception e) when (e is FormatException or OverflowException)
        {
            throw new ParameterException($"{name}: cannot read '{raw}' as {DescribeType(type)}");
        }
        throw new ParameterException($"{name}: unsupported parameter type {type.Name}");
    }

    private static string DescribeType(Type t) =>
        t == typeof(int) ? "a 32-bit integer" : t == typeof(long) ? "an integer" : t == typeof(double) ? "a number" : t == typeof(bool) ? "true or false" : t.Name;
}
