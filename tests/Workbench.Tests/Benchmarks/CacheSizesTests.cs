using Workbench.Benchmarks;

namespace Workbench.Tests.Benchmarks;

public class CacheSizesTests
{
    [Fact]
    public void Reads_data_and_unified_levels_from_a_sysfs_tree_and_skips_instruction_caches()
    {
        string root = Path.Combine(Path.GetTempPath(), "workbench-cache-sizes-test-" + Environment.ProcessId);
        try
        {
            Write(root, "index0", "1", "Data", "48K");
            Write(root, "index1", "1", "Instruction", "32K");
            Write(root, "index2", "2", "Unified", "1024K");
            Write(root, "index3", "3", "Unified", "32768K");
            var levels = CacheSizes.Read(root);
            Assert.Equal(["L1d 48 KiB", "L2 1 MiB", "L3 32 MiB"], levels.Select(l => l.ToString()));
        }
        finally
        {
            if (Directory.Exists(root)) Directory.Delete(root, recursive: true);
        }
    }

    [Fact]
    public void A_missing_tree_gives_no_levels() => Assert.Empty(CacheSizes.Read("/nonexistent/workbench/cache"));

    [Theory]
    [InlineData("32K", 32L << 10)]
    [InlineData("2M", 2L << 20)]
    [InlineData("512", 512L)]
    [InlineData("", null)]
    [InlineData("abcK", null)]
    public void Parses_sysfs_sizes(string text, long? bytes) => Assert.Equal(bytes, CacheSizes.ParseSize(text));

    private static void Write(string root, string index, string level, string type, string size)
    {
        string dir = Path.Combine(root, index);
        Directory.CreateDirectory(dir);
        File.WriteAllText(Path.Combine(dir, "level"), level + "\n");
        File.WriteAllText(Path.Combine(dir, "type"), type + "\n");
        File.WriteAllText(Path.Combine(dir, "size"), size + "\n");
    }
}

public class CacheDetectionTests
{
    [Fact]
    public void Cpuid_reports_plausible_levels_on_x86()
    {
        if (!System.Runtime.Intrinsics.X86.X86Base.IsSupported) return;
        var levels = CacheSizes.ReadCpuid();
        Assert.NotEmpty(levels);
        var l1 = Assert.Single(levels, l => l.Name == "L1d");
        Assert.InRange(l1.Bytes, 8 << 10, 256 << 10);
        Assert.Equal(levels.OrderBy(l => l.Bytes), levels);
    }
}
