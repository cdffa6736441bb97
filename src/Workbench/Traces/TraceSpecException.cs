namespace Workbench.Traces;

/// <summary>
/// A trace specification that cannot be used: an unknown format, a synthetic workload with a bad or
/// missing parameter. <see cref="ArgumentException.ParamName"/> names the parameter (<c>format</c>,
/// <c>keys</c>, <c>s</c>, ...); the message is one line without the framework's parameter suffix.
/// </summary>
public sealed class TraceSpecException(string message, string parameter) : ArgumentException(message, parameter)
{
    public override string Message { get; } = message;
}
