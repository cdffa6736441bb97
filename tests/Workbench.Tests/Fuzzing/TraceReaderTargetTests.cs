using System.IO.Compression;
using System.Text;
using CsCheck;
using Workbench.Fuzzing;
using Workbench.Traces;

namespace Workbench.Tests.Fuzzing;

/// <summary>
/// Every trace reader has a fuzz target, and hostile inputs are rejected with a located
/// <see cref="TraceFormatException"/>, never an unhandled exception, a hang or an unbounded allocation.
/// </summary>
public class TraceReaderTargetTests
{
    public static TheoryData<string> Formats => [.. TraceSource.Formats];

    [Theory]
    [MemberData(nameof(Formats))]
    public void Every_reader_has_a_target_whose_seeds_are_accepted(string format)
    {
        var target = FuzzTargets.Find($"trace-{format}");
        Assert.NotNull(target);
        foreach (var seed in target.Seeds) Assert.Equal(FuzzOutcome.Accepted, target.Execute(seed));
    }

    [Theory]
    [MemberData(nameof(Formats))]
    public void Random_bytes_never_crash_a_reader(string format) =>
        Gen.Byte.Array[0, 200].Sample(bytes => { TraceReaderTargets.Execute(format, bytes); }, iter: 300);

    [Theory]
    [MemberData(nameof(Formats))]
    public void Truncated_gzip_stream_is_rejected_with_an_offset(string format)
    {
        var gz = TraceReaderTargets.Seeds(format)[1];
        Assert.Equal(FuzzOutcome.Rejected, TraceReaderTargets.Execute(format, gz[..(gz.Length / 2)]));
    }

    [Fact]
    public void Arc_line_claiming_two_billion_keys_streams_lazily()
    {
        // Accepted: the run is legal, and the target stops after MaxKeys without materialising it.
        var clock = System.Diagnostics.Stopwatch.StartNew();
        Assert.Equal(FuzzOutcome.Accepted, TraceReaderTargets.Execute("arc", Encoding.ASCII.GetBytes("0 2147483647 0 0\n")));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10));
        Assert.Equal(FuzzOutcome.Rejected, TraceReaderTargets.Execute("arc", Encoding.ASCII.GetBytes("0 2147483648 0 0\n")));
    }

    [Fact]
    public void Gzip_bomb_is_read_lazily_within_the_key_bound()
    {
        // 64 MiB of zeros compress to about 64 KiB; the reader must not inflate it all up front.
        var gz = new MemoryStream();
        using (var z = new GZipStream(gz, CompressionLevel.Optimal, leaveOpen: true))
        {
            var zeros = new byte[1 << 20];
            for (int i = 0; i < 64; i++) z.Write(zeros);
        }
        long before = GC.GetTotalAllocatedBytes(precise: true);
        Assert.Equal(FuzzOutcome.Accepted, TraceReaderTargets.Execute("scarab", gz.ToArray()));
        Assert.True(GC.GetTotalAllocatedBytes(precise: true) - before < 16 << 20, "reading a gzip bomb allocated more than 16 MiB");
    }
}
