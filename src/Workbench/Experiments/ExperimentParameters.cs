namespace Workbench.Experiments;

/// <summary>
/// A typed parameters record of an experiment. Each public property is a parameter, named on the
/// command line in snake_case (<c>BitsPerKey</c> is <c>bits_per_key</c>). Supported types: int,
/// long, double, bool, string and arrays of int, long, double and string.
/// </summary>
public interface IExperimentParameters
{
    /// <summary>Every problem with these values, each naming its parameter; empty when valid.</summary>
    IEnumerable<string> Validate();
}

/// <summary>Raised for an unknown parameter, an unparsable value or an out-of-range value; the message names the parameter.</summary>
public sealed class ParameterException(string message) : Exception(message);

/// <summary>Small checks used by <see cref="IExperimentParameters.Validate"/> implementations.</summary>
public static class Check
{
    public static IEnumerable<string> Positive(string name, long value)
    {
        if (value <= 0) yield return $"{name} must be positive (got {value})";
    }

    public static IEnumerable<string> InRange(string name, double value, double min, double max)
    {
        if (!(value >= min && value <= max)) yield return $"{name} must be between {min} and {max} (got {value})";
    }

    public static IEnumerable<string> AllInRange(string name, IReadOnlyList<int> values, int min, int max)
    {
        if (values.Count == 0) { yield return $"{name} must list at least one value"; yield break; }
        foreach (var v in values)
        {
            if (v < min || v > max) { yield return $"{name} values must be between {min} and {max} (got {v})"; yield break; }
        }
    }

    public static IEnumerable<string> OneOf(string name, IReadOnlyList<string> values, params string[] allowed)
    {
        if (values.Count == 0) { yield return $"{name} must list at least one value"; yield break; }
        foreach (var v in values)
        {
            if (!allowed.Contains(v)) { yield return $"{name}: unknown value '{v}' (expected one of {string.Join(", ", allowed)})"; yield break; }
        }
    }
}
