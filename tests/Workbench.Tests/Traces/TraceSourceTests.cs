using Workbench.Traces;

namespace Workbench.Tests.Traces;

/// <summary>Format selection by argument, prefix and naming convention; file errors.</summary>
public sealed class TraceSourceTests
{
    [Theory]
    [InlineData("x/OLTP.lis.zst", "arc")]
    [InlineData("x/OLTP.lis", "arc")]
    [InlineData("traces/lirs/ps.trace.gz", "lirs")]
    [InlineData("traces/cache2k/web07.trace.xz", "cache2k")]
    [InlineData("traces/corda/trace_vaultservice.gz", "corda")]
    [InlineData("w/cluster52.oracleGeneral.sample10.zst", "oracle-general")]
    [InlineData("keys.txt", "text")]
    [InlineData("a/b.scarab.gz", "scarab")]
    [InlineData("cloud-physics/w106.trace", "cloud-physics")]
    public void Naming_convention_gives_the_format(string path, string format) =>
        Assert.Equal(format, TraceSource.FormatFromName(path));

    [Fact]
    public void Unknown_names_and_formats_are_refused_with_the_list()
    {
        Assert.Null(TraceSource.FormatFromName("somewhere/data.bin"));
        var path = Path.Combine(Path.GetTempPath(), $"wb-trace-{Guid.NewGuid():N}.bin");
        File.WriteAllText(path, "1\n2\n");
        try
        {
            var e = Assert.Throws<TraceSpecException>(() => TraceSource.Open(path));
            Assert.Equal("format", e.ParamName);
            Assert.Contains("--format", e.Message);
            Assert.Equal([1L, 2L], TraceSource.Load(path, "text"));
            Assert.Equal([1L, 2L], TraceSource.Load("lirs:" + path));
            var unknown = Assert.Throws<TraceSpecException>(() => TraceSource.Open(path, "csv"));
            Assert.Contains("unknown trace format 'csv'", unknown.Message);
            Assert.Contains("oracle-general", unknown.Message);
            Assert.Throws<FileNotFoundException>(() => TraceSource.Open(path + ".missing", "text"));
        }
        finally { File.Delete(path); }
    }

    [Fact]
    public void Load_refuses_more_requests_than_its_limit()
    {
        var path = Path.Combine(Path.GetTempPath(), $"wb-trace-{Guid.NewGuid():N}.lis");
        File.WriteAllText(path, "0 100000 0 0\n");
        try
        {
            var e = Assert.Throws<TraceFormatException>(() => TraceSource.Load(path, maxRequests: 70_000));
            Assert.Contains("more than 70000 requests", e.Message);
            Assert.Equal(100_000, TraceSource.Load(path).Length);
        }
        finally { File.Delete(path); }
    }

    [Fact]
    public void Every_format_has_a_reader_with_a_description()
    {
        Assert.Equal(["arc", "lirs", "text", "cache2k", "scarab", "corda", "cloud-physics", "oracle-general"], TraceSource.Formats);
        Assert.All(TraceSource.Readers, r => Assert.False(string.IsNullOrWhiteSpace(r.Description)));
        Assert.All(TraceSource.Formats, f => Assert.Equal(f, TraceSource.Reader(f).Format));
    }
}
