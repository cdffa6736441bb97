namespace Workbench.Traces;

/// <summary>
/// A trace that cannot be read as its format says: a malformed line, a truncated binary record, a
/// cut or corrupt compressed stream. The message names the source and the place, a 1-based
/// <see cref="Line"/> for text formats or a 0-based <see cref="ByteOffset"/> (into the
/// decompressed data for records, into the file for a compression error), so that a user can find it.
/// </summary>
public sealed class TraceFormatException : Exception
{
    public TraceFormatException(string source, long? line, long? byteOffset, string problem, Exception? inner = null)
        : base(Describe(source, line, byteOffset, problem), inner)
    {
        TraceSourceName = source;
        Line = line;
        ByteOffset = byteOffset;
        Problem = problem;
    }

    /// <summary>The file (or other source) the trace came from.</summary>
    public string TraceSourceName { get; }

    /// <summary>The 1-based line of a text trace, when the problem is on a line.</summary>
    public long? Line { get; }

    /// <summary>The 0-based byte offset of the problem, when it is not on a line.</summary>
    public long? ByteOffset { get; }

    /// <summary>What is wrong, without the location.</summary>
    public string Problem { get; }

    private static string Describe(string source, long? line, long? offset, string problem) =>
        line is { } l ? $"{source}: line {l}: {problem}"
        : offset is { } o ? $"{source}: byte offset {o}: {problem}"
        : $"{source}: {problem}";
}
