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
/// (<c>/sys/devices/system/cpu/cpu0/cache/index*/{level,type,size}</c>) or, where sysfs does not
/// expose them (other systems, some virtual machines), from the processor itself with CPUID's
/// deterministic cache parameters (leaf 4 on Intel, leaf 0x8000001D on AMD). Empty when neither
/// answers; callers then draw no cache markers.
/// </summary>
public static class CacheSizes
{
    public const string SysfsRoot = "/sys/devices/system/cpu/cpu0/cache";

    /// <summary>This machine's cache levels, smallest first: sysfs, else CPUID.</summary>
    public static IReadOnlyList<CacheLevel> Detect()
    {
        var levels = Read();
        return levels.Count > 0 ? levels : ReadCpuid();
    }

    /// <summary>
    /// Cache levels from CPUID's deterministic cache parameters: for each sub-leaf, type in
    /// EAX[4:0] (0 ends the list, 2 is an instruction cache), level in EAX[7:5], and size
    /// = ways (EBX[31:22]+1) × partitions (EBX[21:12]+1) × line (EBX[11:0]+1) × sets (ECX+1).
    /// </summary>
    public static IReadOnlyList<CacheLevel> ReadCpuid()
    {
        var levels = new List<CacheLevel>();
        if (!System.Runtime.Intrinsics.X86.X86Base.IsSupported) return levels;
        var (maxLeaf, ebx, ecx, edx) = System.Runtime.Intrinsics.X86.X86Base.CpuId(0, 0);
        bool amd = ebx == 0x68747541 && edx == 0x69746E65 && ecx == 0x444D4163; // "AuthenticAMD"
        int leaf;
        if (amd)
        {
            int maxExtended = System.Runtime.Intrinsics.X86.X86Base.CpuId(unchecked((int)0x80000000), 0).Eax;
            if ((uint)maxExtended < 0x8000001D) return levels;
            leaf = unchecked((int)0x8000001D);
        }
        else
        {
            if (maxLeaf < 4) return levels;
            leaf = 4;
        }
        for (int sub = 0; sub < 16; sub++)
        {
            var (a, b, c, _) = System.Runtime.Intrinsics.X86.X86Base.CpuId(leaf, sub);
            int type = a & 0x1F;
            if (type == 0) break;
            if (type == 2) continue;
            int level = (a >> 5) & 0x7;
            long bytes = (long)(((uint)b >> 22) + 1) * ((((uint)b >> 12) & 0x3FF) + 1) * (((uint)b & 0xFFF) + 1) * ((long)(uint)c + 1);
            string name = type == 1 ? $"L{level}d" : $"L{level}";
            if (bytes > 0 && levels.All(l => l.Name != name)) levels.Add(new CacheLevel(name, bytes));
        }
        if (levels.Count == 0 && amd) levels.AddRange(ReadAmdLegacy());
        return [.. levels.OrderBy(l => l.Bytes)];
    }

    /// <summary>
    /// AMD's older cache leaves, which hypervisors often keep when they hide 0x8000001D:
    /// 0x80000005 ECX[31:24] is the L1d size in KiB and 0x80000006 ECX[31:16] the L2 size in KiB.
    /// Its L3 field (EDX[31:18]) is left out: under a hypervisor it reports the whole package
    /// (508 MiB was seen on a 2-core virtual machine whose lookups already slow down at 16 MiB),
    /// not the slice one core can use, so a marker there would mislead.
    /// </summary>
    private static IEnumerable<CacheLevel> ReadAmdLegacy()
    {
        int maxExtended = System.Runtime.Intrinsics.X86.X86Base.CpuId(unchecked((int)0x80000000), 0).Eax;
        if ((uint)maxExtended < 0x80000006) yield break;
        long l1 = ((uint)System.Runtime.Intrinsics.X86.X86Base.CpuId(unchecked((int)0x80000005), 0).Ecx >> 24) * 1024L;
        var l23 = System.Runtime.Intrinsics.X86.X86Base.CpuId(unchecked((int)0x80000006), 0);
        long l2 = ((uint)l23.Ecx >> 16) * 1024L;
        if (l1 > 0) yield return new CacheLevel("L1d", l1);
        if (l2 > 0) yield return new CacheLevel("L2", l2);
    }

    /// <summary>The levels found in sysfs, smallest first; never throws for a missing or malformed entry.</summary>
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
