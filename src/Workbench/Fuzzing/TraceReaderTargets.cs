using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;
using Workbench.Traces;

namespace Workbench.Fuzzing;

/// <summary>
/// One fuzz target per trace format (<c>trace-&lt;format&gt;</c>): the fuzzer's bytes are a trace
/// file, read through <see cref="TraceSource.Read"/>, so a gzip, xz or zstd magic number sends them
/// through the decompressors too. A correct reader yields keys lazily or stops with a
/// <see cref="TraceFormatException"/> that names the source and a line or byte offset; any other
/// exception is a crash. At most <see cref="MaxKeys"/> keys are taken per input, so a line that
/// legitimately claims two billion keys (an ARC run) costs bounded time, while a reader that
/// buffered or looped without yielding would still hang or exhaust memory and be caught.
/// </summary>
public static class TraceReaderTargets
{
    /// <summary>Keys enumerated per input.</summary>
    public const int MaxKeys = 1 << 16;

    /// <summary>The source name the readers are given; their errors must name it.</summary>
    public const string SourceName = "fuzz-input";

    public static IEnumerable<FuzzTarget> Create() =>
        TraceSource.Readers.Select(r => new FuzzTarget($"trace-{r.Format}", $"trace reader '{r.Format}': {r.Description}", data => Execute(r.Format, data), Seeds(r.Format)));

    public static FuzzOutcome Execute(string format, ReadOnlyMemory<byte> data)
    {
        var stream = new MemoryStream(data.ToArray(), writable: false);
        try
        {
            int n = 0;
            foreach (var _ in TraceSource.Read(stream, format, SourceName))
            {
                if (++n >= MaxKeys) break;
            }
            return FuzzOutcome.Accepted;
        }
        catch (TraceFormatException e)
        {
            if (e.TraceSourceName != SourceName || !e.Message.Contains(SourceName, StringComparison.Ordinal))
                throw new InvalidOperationException($"trace-{format}: the error does not name its source: {e.Message}", e);
            if (e.Line is null && e.ByteOffset is null)
                throw new InvalidOperationException($"trace-{format}: the error gives neither a line nor a byte offset: {e.Message}", e);
            return FuzzOutcome.Rejected;
        }
    }

    /// <summary>A small valid trace of the format, plain and gzip-compressed.</summary>
    public static IReadOnlyList<byte[]> Seeds(string format)
    {
        byte[] plain = format switch
        {
            "text" => Encoding.ASCII.GetBytes("1\n2\n-3\n\n18446744\n"),
            "lirs" => Encoding.ASCII.GetBytes("5\n*\n6\r\n5\n"),
            "arc" => Encoding.ASCII.GetBytes("10 3 0 0\n100 2 0 0\n\n7 1 0 0\n"),
            "oracle-general" => Records(24, (span, i) => BinaryPrimitives.WriteUInt64LittleEndian(span[4..], (ulong)(i * 7 + 1))),
            "scarab" or "corda" => Records(8, (span, i) => BinaryPrimitives.WriteInt64BigEndian(span, i * 1000 - 1)),
            _ => Records(4, (span, i) => BinaryPrimitives.WriteInt32BigEndian(span, i * 3 - 2)),
        };
        var gz = new MemoryStream();
        using (var z = new GZipStream(gz, CompressionLevel.Optimal, leaveOpen: true)) z.Write(plain);
        return [plain, gz.ToArray()];
    }

    private delegate void RecordWriter(Span<byte> record, int index);

    private static byte[] Records(int size, RecordWriter write)
    {
        var bytes = new byte[size * 4];
        for (int i = 0; i < 4; i++) write(bytes.AsSpan(i * size, size), i);
        return bytes;
    }
}
