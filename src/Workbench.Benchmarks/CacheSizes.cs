using System.Globalization;

namespace Workbench.Benchmarks;

/// <summary>One level of this machine's data cache: its name (<c>L1d</c>, <c>L2</c>, <c>L3</c>) and size in bytes.</summary>
public readonly record struct CacheLevel(string Name, long Bytes)
{
    /// <summary>For figure labels: "L1d 32 KiB", "L2 1 MiB".</summary>
    public override string ToString() => $"{Name} {FormatBytes(Bytes)}";

    public static string FormatBytes(long bytes) =>
        bytes >= 1L << 30 && bytes % (1L << 30) == 0 ? $"{bytes >> 30} GiB"
        : bytes >= 1L << 20 && bytes % (1L << 20) == 0 ? $"{bytes >> 20} MiB"
        : bytes >= 1L << 10 && bytes % (1L << 10) == 0 ? $"{bytes >> 10} KiB"
        : $"{bytes} B";
}

/// <summary>
/// The data and unified cache sizes of CPU 0, read from Linux sysfs
/// (<c>/sys/devices/system/cpu/cpu0/cache/index*/{level,type,size}</c>). Empty where sysfs does not
/// expose them (other systems, some virtual machines); callers then draw no cache markers.
/// </summary>
public static class CacheSizes
{
    public const string SysfsRoot = "/sys/devices/system/cpu/cpu0/cache";

    /// <summary>The levels found, smallest first; never throws for a missing or malformed entry.</summary>
    public static IReadOnlyList<CacheLevel> Read(string root = SysfsRoot)
    {
        var levels = new List<CacheLevel>();
        if (!Directory.Exists(root)) return levels;
        foreach (var dir in Directory.EnumerateDirectories(root, "index*").Order(StringComparer.Ordinal))
        {
            string? level = ReadLine(Path.Combine(dir, "level")), type = ReadLine(Path.Combine(dir, "type")), size = ReadLine(Path.Combine(dir, "size"));
            if (level is null || type is null || size is null || type == "Instruction") continue;
            long? bytes = ParseSize(size);
            if (bytes is null) continue;
            string name = type == "Data" ? $"L{level}d" : $"L{level}";
            if (levels.All(l => l.Name != name)) levels.Add(new CacheLevel(name, bytes.Value));
        }
        return [.. levels.OrderBy(l => l.Bytes)];
    }

    /// <summary>Parses sysfs sizes such as <c>32K</c>, <c>1024K</c>, <c>32M</c>.</summary>
    public static long? ParseSize(string text)
    {
        text = text.Trim();
        if (text.Length == 0) return null;
        long unit = char.ToUpperInvariant(text[^1]) switch { 'K' => 1L << 10, 'M' => 1L << 20, 'G' => 1L << 30, _ => 1 };
        string digits = unit == 1 ? text : text[..^1];
        return long.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out long n) && n > 0 ? n * unit : null;
    }

    private static string? ReadLine(string path)
    {
        try { return File.Exists(path) ? File.ReadAllText(path).Trim() : null; }
        catch (IOException) { return null; }
        catch (UnauthorizedAccessException) { return null; }
    }
}
