namespace Workbench.Traces;

/// <summary>
/// Reads one trace format: a stream of (already decompressed) bytes in, a lazy sequence of 64-bit
/// keys out, one per request. Obligations: read as the sequence is enumerated (never the whole
/// stream up front), hold at most a bounded buffer whatever the input claims, and stop on malformed
/// input with a <see cref="TraceFormatException"/> naming the source and the line or
/// byte offset. The reader does not dispose the stream; <see cref="TraceSource"/> does.
/// (Caffeine's simulator keeps its parsers the same way: one small reader per format behind one interface.)
/// </summary>
public interface ITraceReader
{
    /// <summary>The format's registry name, as given to <c>--format</c>.</summary>
    string Format { get; }

    /// <summary>The keys of the trace in <paramref name="stream"/>, read lazily.</summary>
    IEnumerable<long> Read(Stream stream, string source);
}

/// <summary>An <see cref="ITraceReader"/> with a one-line description, as listed by <c>workbench cache formats</c>.</summary>
public interface IDescribedTraceReader : ITraceReader
{
    /// <summary>The layout in one line.</summary>
    string Description { get; }
}
