using System.IO.Compression;
using SharpCompress.Compressors.Xz;
using ZstdSharp;

namespace Workbench.Traces;

/// <summary>How a trace file is compressed, told by its first bytes (never by its name).</summary>
public enum TraceCompression
{
    None,
    /// <summary>gzip, magic <c>1F 8B</c>; decoded by <see cref="GZipStream"/>.</summary>
    Gzip,
    /// <summary>xz, magic <c>FD 37 7A 58 5A 00</c>; decoded by SharpCompress' <c>XZStream</c>.</summary>
    Xz,
    /// <summary>Zstandard, magic <c>28 B5 2F FD</c>; decoded by ZstdSharp's <c>DecompressionStream</c>.</summary>
    Zstd,
}

/// <summary>
/// Transparent, streaming decompression of trace files: the compression is detected from magic bytes
/// and the data decoded as it is read, without temporary files. Decoder failures (a corrupt or cut
/// stream) become <see cref="TraceFormatException"/>s naming the source and the compressed byte offset.
/// </summary>
public static class TraceDecompression
{
    private static readonly byte[] GzipMagic = [0x1F, 0x8B];
    private static readonly byte[] XzMagic = [0xFD, 0x37, 0x7A, 0x58, 0x5A, 0x00];
    private static readonly byte[] ZstdMagic = [0x28, 0xB5, 0x2F, 0xFD];

    /// <summary>The compression whose magic number starts <paramref name="prefix"/>.</summary>
    public static TraceCompression Detect(ReadOnlySpan<byte> prefix) =>
        prefix.StartsWith(GzipMagic) ? TraceCompression.Gzip
        : prefix.StartsWith(XzMagic) ? TraceCompression.Xz
        : prefix.StartsWith(ZstdMagic) ? TraceCompression.Zstd
        : TraceCompression.None;

    /// <summary>
    /// The decompressed content of <paramref name="raw"/>, which is owned (disposed with the result).
    /// Reads up to six bytes ahead to detect the compression; non-seekable streams are fine.
    /// </summary>
    public static Stream Open(Stream raw, string source, out TraceCompression compression)
    {
        ArgumentNullException.ThrowIfNull(raw);
        ArgumentNullException.ThrowIfNull(source);
        var head = new byte[XzMagic.Length];
        int got = 0;
        while (got < head.Length)
        {
            int n = raw.Read(head, got, head.Length - got);
            if (n == 0) break;
            got += n;
        }
        compression = Detect(head.AsSpan(0, got));
        var counted = new CountingStream(new PrefixedStream(head.AsSpan(0, got).ToArray(), raw));
        try
        {
            return compression switch
            {
                TraceCompression.None => counted,
                TraceCompression.Gzip => new GzipTrailerCheck(new DecoderGuard(new GZipStream(counted, CompressionMode.Decompress), counted, source, "gzip"), counted, source),
                TraceCompression.Xz => new DecoderGuard(new XZStream(counted), counted, source, "xz"),
                TraceCompression.Zstd => new DecoderGuard(new DecompressionStream(counted, checkEndOfStream: true), counted, source, "zstd"),
                _ => throw new InvalidOperationException($"unknown compression {compression}"),
            };
        }
        catch (Exception e) when (e is not TraceFormatException)
        {
            counted.Dispose();
            throw new TraceFormatException(source, null, counted.Position, $"corrupt {compression.ToString().ToLowerInvariant()} header: {e.Message}", e);
        }
    }

    /// <summary>What the gzip trailer check needs from the compressed stream.</summary>
    internal interface ICounted
    {
        long Position { get; }
        ReadOnlySpan<byte> Tail { get; }
    }

    /// <summary>Re-reads a few already consumed bytes before the rest of a stream.</summary>
    private sealed class PrefixedStream(byte[] prefix, Stream inner) : ReadOnlyStream
    {
        private int _used;

        public override int Read(Span<byte> buffer)
        {
            if (_used < prefix.Length)
            {
                int n = Math.Min(buffer.Length, prefix.Length - _used);
                prefix.AsSpan(_used, n).CopyTo(buffer);
                _used += n;
                return n;
            }
            return inner.Read(buffer);
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing) inner.Dispose();
            base.Dispose(disposing);
        }
    }

    /// <summary>Counts the bytes read through it (the compressed offset that decoder errors report) and keeps the last eight.</summary>
    private sealed class CountingStream(Stream inner) : ReadOnlyStream, ICounted
    {
        private readonly byte[] _tail = new byte[8];
        private long _position;

        public override long Position { get => _position; set => throw new NotSupportedException(); }

        /// <summary>The last eight bytes read (fewer at the start, zero-padded in front).</summary>
        public ReadOnlySpan<byte> Tail => _tail;

        public override int Read(Span<byte> buffer)
        {
            int n = inner.Read(buffer);
            if (n >= 8) buffer.Slice(n - 8, 8).CopyTo(_tail);
            else if (n > 0)
            {
                _tail.AsSpan(n).CopyTo(_tail);
                buffer[..n].CopyTo(_tail.AsSpan(8 - n));
            }
            _position += n;
            return n;
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing) inner.Dispose();
            base.Dispose(disposing);
        }
    }

    /// <summary>
    /// Turns a decoder's exceptions into located <see cref="TraceFormatException"/>s and checks that
    /// the compressed stream was complete: a decoder that reports the end of data before its input is
    /// finished (or a cut input it reads to the end without complaint) is caught here.
    /// </summary>
    private sealed class DecoderGuard(Stream decoder, CountingStream compressed, string source, string kind) : ReadOnlyStream
    {
        public override int Read(Span<byte> buffer)
        {
            try
            {
                return decoder.Read(buffer);
            }
            catch (Exception e) when (e is not TraceFormatException and not OperationCanceledException)
            {
                throw new TraceFormatException(source, null, compressed.Position, $"corrupt or cut {kind} stream: {e.Message.ReplaceLineEndings(" ")}", e);
            }
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing) decoder.Dispose();
            base.Dispose(disposing);
        }
    }
}

/// <summary>
/// <see cref="GZipStream"/> ends quietly when its input is cut in the middle of the data, so the
/// end is checked against the gzip trailer (RFC 1952 section 2.3.1: CRC-32 and length mod 2^32 of
/// the uncompressed data, the last eight bytes of the file). A mismatch is a cut or corrupt file.
/// Concatenated gzip members would fail this check, since the trailer covers only the last member;
/// trace files are single members.
/// </summary>
internal sealed class GzipTrailerCheck(Stream decoder, Stream compressed, string source) : ReadOnlyStream
{
    private readonly System.IO.Hashing.Crc32 _crc = new();
    private long _length;
    private bool _checked;

    public override int Read(Span<byte> buffer)
    {
        int n = decoder.Read(buffer);
        if (n > 0)
        {
            _crc.Append(buffer[..n]);
            _length += n;
        }
        else if (!_checked && buffer.Length > 0)
        {
            _checked = true;
            var counted = (TraceDecompression.ICounted)compressed;
            var tail = counted.Tail;
            uint crc = System.Buffers.Binary.BinaryPrimitives.ReadUInt32LittleEndian(tail);
            uint size = System.Buffers.Binary.BinaryPrimitives.ReadUInt32LittleEndian(tail[4..]);
            if (crc != _crc.GetCurrentHashAsUInt32() || size != (uint)_length)
                throw new TraceFormatException(source, null, counted.Position,
                    $"cut or corrupt gzip stream: the data ends after {_length} bytes but the trailer does not match (CRC-32 or length)");
        }
        return n;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing) decoder.Dispose();
        base.Dispose(disposing);
    }
}

/// <summary>A forward-only readable stream: subclasses implement <see cref="Read(Span{byte})"/>.</summary>
internal abstract class ReadOnlyStream : Stream
{
    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
    public abstract override int Read(Span<byte> buffer);
    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));
    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
