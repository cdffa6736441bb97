namespace Workbench.Traces;

/// <summary>
/// Opens traces by specification: a file path or a <c>synthetic:</c> workload (see
/// <see cref="SyntheticTrace"/>). Files are decompressed transparently (gzip, xz, zstd, detected by
/// magic bytes, see <see cref="TraceDecompression"/>) and read by the reader of their format, which
/// is, in order of precedence:
/// <list type="number">
/// <item>the <c>format</c> argument (the command line's <c>--format</c>);</item>
/// <item>a <c>FORMAT:</c> prefix on the path, e.g. <c>lirs:traces/ps.trace.gz</c>;</item>
/// <item>the file name, once <c>.gz</c>, <c>.xz</c>, <c>.zst</c> are stripped: <c>*.lis</c> is
/// <c>arc</c>, a name containing <c>.oracleGeneral</c> is <c>oracle-general</c> (libCacheSim's
/// naming), <c>*.txt</c> is <c>text</c>, and <c>*.FORMAT</c> is that format (<c>*.lirs</c>, <c>*.cache2k</c>, ...);</item>
/// <item>the folder the file sits in, when it is named after a format (<c>lirs/</c>, <c>cache2k/</c>,
/// <c>corda/</c>, <c>scarab/</c>, <c>cloud-physics/</c>, <c>arc/</c>, <c>oracle-general/</c>), which is how the
/// shared trace collection is laid out.</item>
/// </list>
/// Anything else is refused with a message asking for <c>--format</c>.
/// </summary>
public static class TraceSource
{
    /// <summary>The largest trace <see cref="Load"/> accepts by default: 2^28 requests (2 GiB of keys).</summary>
    public const long DefaultMaxRequests = 1L << 28;

    private static readonly IDescribedTraceReader[] AllReaders =
    [
        new ArcTraceReader(),
        new LirsTraceReader(),
        new TextTraceReader(),
        new Cache2kTraceReader(),
        new Int64BigEndianTraceReader("scarab", "Caffeine scarab traces: binary, big-endian signed 64-bit keys"),
        new Int64BigEndianTraceReader("corda", "Corda vault-service trace: binary, big-endian signed 64-bit keys"),
        new CloudPhysicsTraceReader(),
        new OracleGeneralTraceReader(),
    ];

    private static readonly string[] CompressionSuffixes = [".gz", ".xz", ".zst", ".zstd"];

    /// <summary>The registry names of the readable formats.</summary>
    public static IReadOnlyList<string> Formats { get; } = AllReaders.Select(r => r.Format).ToArray();

    /// <summary>The readers, one per format, with a one-line description each.</summary>
    public static IReadOnlyList<IDescribedTraceReader> Readers { get; } = AllReaders;

    /// <summary>The reader of <paramref name="format"/>; an unknown name throws a <see cref="TraceSpecException"/> for <c>format</c>.</summary>
    public static ITraceReader Reader(string format)
    {
        ArgumentNullException.ThrowIfNull(format);
        return AllReaders.FirstOrDefault(r => string.Equals(r.Format, format, StringComparison.OrdinalIgnoreCase))
            ?? throw new TraceSpecException($"unknown trace format '{format}' (known: {string.Join(", ", Formats)})", "format");
    }

    /// <summary>The format the naming convention gives <paramref name="path"/> (steps 3 and 4 above), or null.</summary>
    public static string? FormatFromName(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var name = Path.GetFileName(path);
        foreach (var suffix in CompressionSuffixes)
        {
            if (name.EndsWith(suffix, StringComparison.OrdinalIgnoreCase)) { name = name[..^suffix.Length]; break; }
        }
        if (name.Contains(".oracleGeneral", StringComparison.OrdinalIgnoreCase)) return "oracle-general";
        var extension = Path.GetExtension(name).TrimStart('.');
        if (extension.Equals("lis", StringComparison.OrdinalIgnoreCase)) return "arc";
        if (extension.Equals("txt", StringComparison.OrdinalIgnoreCase)) return "text";
        var byExtension = Formats.FirstOrDefault(f => f.Equals(extension, StringComparison.OrdinalIgnoreCase));
        if (byExtension is not null) return byExtension;
        var folder = Path.GetFileName(Path.GetDirectoryName(Path.GetFullPath(path)) ?? "");
        return Formats.FirstOrDefault(f => f.Equals(folder, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>
    /// The keys of the trace named by <paramref name="spec"/>, read lazily; each enumeration reads
    /// the file (or regenerates the workload) from the start. The specification, the format and the
    /// file's existence are checked now; malformed content throws a <see cref="TraceFormatException"/>
    /// during enumeration.
    /// </summary>
    public static IEnumerable<long> Open(string spec, string? format = null)
    {
        ArgumentNullException.ThrowIfNull(spec);
        if (SyntheticTrace.IsSynthetic(spec)) return SyntheticTrace.Parse(spec).Keys();
        var (path, reader) = Resolve(spec, format);
        return ReadFile(path, reader);
    }

    /// <summary>
    /// The whole trace in memory, for replaying it once per (policy, capacity). Refuses (with a
    /// <see cref="TraceFormatException"/>) a trace of more than <paramref name="maxRequests"/> requests
    /// instead of allocating without bound.
    /// </summary>
    public static long[] Load(string spec, string? format = null, long maxRequests = DefaultMaxRequests)
    {
        ArgumentNullException.ThrowIfNull(spec);
        if (maxRequests < 1 || maxRequests > Array.MaxLength) throw new ArgumentOutOfRangeException(nameof(maxRequests), maxRequests, $"maxRequests must be between 1 and {Array.MaxLength}");
        if (SyntheticTrace.IsSynthetic(spec))
        {
            var synthetic = SyntheticTrace.Parse(spec);
            if (synthetic.Requests > maxRequests) throw new TraceSpecException($"synthetic trace has {synthetic.Requests} requests, more than the {maxRequests} that can be loaded", "requests");
            var keys = new long[synthetic.Requests];
            synthetic.Fill(keys);
            return keys;
        }
        var (path, reader) = Resolve(spec, format);
        var buffer = new long[1 << 16];
        long count = 0;
        foreach (var key in ReadFile(path, reader))
        {
            if (count == buffer.Length)
            {
                if (count >= maxRequests) throw new TraceFormatException(path, null, null, $"more than {maxRequests} requests, the most that can be loaded into memory; stream it instead");
                Array.Resize(ref buffer, (int)Math.Min(maxRequests, 2L * buffer.Length));
            }
            buffer[count++] = key;
        }
        Array.Resize(ref buffer, (int)count);
        return buffer;
    }

    /// <summary>Reads keys from an already open <paramref name="stream"/> (decompressing it if needed) in <paramref name="format"/>.</summary>
    public static IEnumerable<long> Read(Stream stream, string format, string source)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var reader = Reader(format);
        return Iterate();

        IEnumerable<long> Iterate()
        {
            using var data = TraceDecompression.Open(stream, source, out _);
            foreach (var key in reader.Read(data, source)) yield return key;
        }
    }

    private static (string Path, ITraceReader Reader) Resolve(string spec, string? format)
    {
        string path = spec;
        string? prefixFormat = null;
        int colon = spec.IndexOf(':');
        if (colon > 1)
        {
            var candidate = spec[..colon];
            if (Formats.Any(f => f.Equals(candidate, StringComparison.OrdinalIgnoreCase)))
            {
                prefixFormat = candidate;
                path = spec[(colon + 1)..];
            }
        }
        if (!File.Exists(path)) throw new FileNotFoundException($"trace file not found: {path}", path);
        var chosen = format ?? prefixFormat ?? FormatFromName(path)
            ?? throw new TraceSpecException($"cannot tell the format of {path} from its name; pass --format (one of {string.Join(", ", Formats)})", "format");
        return (path, Reader(chosen));
    }

    private static IEnumerable<long> ReadFile(string path, ITraceReader reader)
    {
        using var data = TraceDecompression.Open(new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16), path, out _);
        foreach (var key in reader.Read(data, path)) yield return key;
    }
}
