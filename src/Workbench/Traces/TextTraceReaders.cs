namespace Workbench.Traces;

/// <summary>Plain text: one decimal 64-bit key per line; blank lines are skipped.</summary>
public sealed class TextTraceReader : IDescribedTraceReader
{
    public string Format => "text";

    public string Description => "text, one decimal integer key per line (blank lines skipped)";

    public IEnumerable<long> Read(Stream stream, string source)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(source);
        return KeyPerLine.Iterate(stream, source, skipCheckpoints: false);
    }
}

/// <summary>
/// The LIRS traces (Jiang &amp; Zhang, SIGMETRICS 2002): one integer block number per line; a line
/// holding <c>*</c> is a checkpoint marker of the original simulator and is skipped, as are blank lines.
/// </summary>
public sealed class LirsTraceReader : IDescribedTraceReader
{
    public string Format => "lirs";

    public string Description => "LIRS traces: text, one integer key per line, '*' checkpoint lines skipped";

    public IEnumerable<long> Read(Stream stream, string source)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(source);
        return KeyPerLine.Iterate(stream, source, skipCheckpoints: true);
    }
}

/// <summary>The shared loop of the one-key-per-line formats: blank lines skipped, and with
/// <c>skipCheckpoints</c> also the LIRS simulator's <c>*</c> marker lines.</summary>
internal static class KeyPerLine
{
    public static IEnumerable<long> Iterate(Stream stream, string source, bool skipCheckpoints)
    {
        var lines = new LineReader(stream, source);
        while (lines.Next())
        {
            var line = lines.Line;
            if (line.IsEmpty || (skipCheckpoints && line.SequenceEqual("*"u8))) continue;
            yield return lines.ParseInt64(line, "key");
        }
    }
}

/// <summary>
/// The ARC traces (Megiddo &amp; Modha, "ARC: A Self-Tuning, Low Overhead Replacement Cache", FAST
/// 2003, Table III), <c>.lis</c> files: each line <c>start count ignored ignored</c> stands for the
/// <c>count</c> unit requests <c>start, start+1, ..., start+count-1</c> (only the first two fields
/// are read, as in Caffeine's <c>ArcTraceReader</c>). The run is expanded lazily, so a line claiming
/// a huge count costs no memory; counts above <see cref="MaxRunLength"/>, negative counts, and runs
/// that would overflow 64-bit keys are refused with the line number.
/// </summary>
public sealed class ArcTraceReader : IDescribedTraceReader
{
    /// <summary>The longest run one line may claim (2^31 - 1, Caffeine's <c>int</c> count); real lines hold a few hundred at most.</summary>
    public const long MaxRunLength = int.MaxValue;

    public string Format => "arc";

    public string Description => "ARC .lis traces: text lines 'start count ignored ignored', each expanding to count consecutive keys";

    public IEnumerable<long> Read(Stream stream, string source)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(source);
        return Iterate(stream, source);
    }

    private static IEnumerable<long> Iterate(Stream stream, string source)
    {
        var lines = new LineReader(stream, source);
        while (lines.Next())
        {
            var (start, count) = ParseLine(lines);
            if (count < 0) continue;
            for (long i = 0; i < count; i++) yield return start + i;
        }
    }

    /// <summary>The run on the current line, or count -1 for a blank line.</summary>
    private static (long Start, long Count) ParseLine(LineReader lines)
    {
        var line = lines.Line;
        if (line.IsEmpty) return (0, -1);
        int gap = line.IndexOfAny(" \t"u8);
        if (gap < 0) throw lines.Error(lines.LineNumber, $"expected 'start count ...', found '{LineReader.Printable(line)}'");
        long start = lines.ParseInt64(line[..gap], "start");
        var rest = line[gap..].TrimStart(" \t"u8);
        int end = rest.IndexOfAny(" \t"u8);
        long count = lines.ParseInt64(end < 0 ? rest : rest[..end], "count");
        if (count < 0) throw lines.Error(lines.LineNumber, $"count {count} is negative");
        if (count > MaxRunLength) throw lines.Error(lines.LineNumber, $"count {count} exceeds the largest accepted run of {MaxRunLength} keys");
        if (count > 0 && start > long.MaxValue - (count - 1)) throw lines.Error(lines.LineNumber, $"run {start} + {count} overflows 64-bit keys");
        return (start, count);
    }
}
