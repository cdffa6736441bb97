using System.Globalization;

namespace Workbench.Traces;

/// <summary>
/// Reads a text trace line by line straight from bytes (ASCII digits need no decoding), through one
/// fixed 64 KiB buffer: a line longer than <see cref="MaxLineBytes"/> is an error, not an unbounded
/// allocation. Accepts <c>\n</c> and <c>\r\n</c> endings and a last line without one.
/// </summary>
internal sealed class LineReader(Stream stream, string source)
{
    /// <summary>The longest line accepted, in bytes; trace lines are a few dozen.</summary>
    public const int MaxLineBytes = 4096;

    private readonly byte[] _buffer = new byte[64 * 1024];
    private int _start, _end, _lineStart, _lineLength;
    private bool _eof;

    /// <summary>The 1-based number of the current line.</summary>
    public long LineNumber { get; private set; }

    /// <summary>The current line without its ending, trimmed of spaces and tabs.</summary>
    public ReadOnlySpan<byte> Line => _buffer.AsSpan(_lineStart, _lineLength).Trim(" \t\r"u8);

    /// <summary>Advances to the next line; false at the end of the stream.</summary>
    public bool Next()
    {
        while (true)
        {
            int newline = _buffer.AsSpan(_start, _end - _start).IndexOf((byte)'\n');
            if (newline >= 0 && newline <= MaxLineBytes)
            {
                _lineStart = _start;
                _lineLength = newline;
                _start += newline + 1;
                LineNumber++;
                return true;
            }
            if (_end - _start > MaxLineBytes) throw Error(LineNumber + 1, $"line longer than {MaxLineBytes} bytes (is this a binary trace? pass --format)");
            if (_eof)
            {
                if (_start == _end) return false;
                _lineStart = _start;
                _lineLength = _end - _start;
                _start = _end;
                LineNumber++;
                return true;
            }
            if (_start > 0)
            {
                _buffer.AsSpan(_start, _end - _start).CopyTo(_buffer);
                _end -= _start;
                _start = 0;
            }
            int read = stream.Read(_buffer, _end, _buffer.Length - _end);
            if (read == 0) _eof = true; else _end += read;
        }
    }

    /// <summary>The current line's <paramref name="text"/> as a decimal 64-bit integer, or an error naming <paramref name="what"/>.</summary>
    public long ParseInt64(ReadOnlySpan<byte> text, string what)
    {
        if (!long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long value))
            throw Error(LineNumber, $"{what} '{Printable(text)}' is not a 64-bit integer");
        return value;
    }

    public TraceFormatException Error(long line, string problem) => new(source, line, null, problem);

    /// <summary>At most 40 characters of <paramref name="text"/>, non-printable bytes as '?', for messages.</summary>
    public static string Printable(ReadOnlySpan<byte> text)
    {
        var slice = text.Length > 40 ? text[..40] : text;
        var chars = new char[slice.Length];
        for (int i = 0; i < slice.Length; i++) chars[i] = slice[i] is >= 0x20 and < 0x7F ? (char)slice[i] : '?';
        return new string(chars) + (text.Length > 40 ? "..." : "");
    }
}
