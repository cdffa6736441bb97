using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;
using Workbench.Traces;

namespace Workbench.Tests.Traces;

/// <summary>The readers on small fixtures built from the format descriptions, and their errors on malformed, truncated and hostile input.</summary>
public sealed class TraceReaderTests
{
    private static long[] ReadBytes(string format, byte[] bytes, string source = "fixture") =>
        TraceSource.Read(new MemoryStream(bytes), format, source).ToArray();

    private static long[] ReadText(string format, string text) => ReadBytes(format, Encoding.ASCII.GetBytes(text));

    private static byte[] Gzip(byte[] data)
    {
        var output = new MemoryStream();
        using (var gz = new GZipStream(output, CompressionLevel.Fastest, leaveOpen: true)) gz.Write(data);
        return output.ToArray();
    }

    private static byte[] Zstd(byte[] data)
    {
        var output = new MemoryStream();
        using (var z = new ZstdSharp.CompressionStream(output, 3, leaveOpen: true)) z.Write(data);
        return output.ToArray();
    }

    private static byte[] Decompressed(string path)
    {
        using var data = TraceDecompression.Open(File.OpenRead(path), path, out _);
        var output = new MemoryStream();
        data.CopyTo(output);
        return output.ToArray();
    }

    [Fact]
    public void Arc_lines_expand_to_runs_of_consecutive_keys()
    {
        Assert.Equal([10, 11, 12, 5, 100, 101], ReadText("arc", "10 3 0 1\n5 1 0 0\r\n\n100 2 7 7"));
    }

    [Fact]
    public void Lirs_skips_checkpoint_lines_and_text_reads_one_key_per_line()
    {
        Assert.Equal([3, 4, 3, 9], ReadText("lirs", "3\n4\n*\n3\n  9  \n*\n"));
        Assert.Equal([-1, 0, long.MaxValue], ReadText("text", "-1\n\n0\n9223372036854775807\n"));
    }

    [Fact]
    public void Binary_readers_decode_their_byte_order_and_width()
    {
        var be32 = new byte[8];
        BinaryPrimitives.WriteInt32BigEndian(be32, -2);
        BinaryPrimitives.WriteInt32BigEndian(be32.AsSpan(4), 70000);
        Assert.Equal([-2, 70000], ReadBytes("cache2k", be32));
        Assert.Equal([uint.MaxValue - 1, 70000], ReadBytes("cloud-physics", be32));

        var be64 = new byte[16];
        BinaryPrimitives.WriteInt64BigEndian(be64, long.MinValue);
        BinaryPrimitives.WriteInt64BigEndian(be64.AsSpan(8), 1L << 40);
        Assert.Equal([long.MinValue, 1L << 40], ReadBytes("scarab", be64));
        Assert.Equal([long.MinValue, 1L << 40], ReadBytes("corda", be64));

        var oracle = new byte[48];
        for (int r = 0; r < 2; r++)
        {
            var rec = oracle.AsSpan(24 * r, 24);
            BinaryPrimitives.WriteUInt32LittleEndian(rec, 1000u + (uint)r);
            BinaryPrimitives.WriteUInt64LittleEndian(rec[4..], 0xDEADBEEF00UL + (ulong)r);
            BinaryPrimitives.WriteUInt32LittleEndian(rec[12..], 4096);
            BinaryPrimitives.WriteInt64LittleEndian(rec[16..], r == 0 ? 1 : -1);
        }
        Assert.Equal([0xDEADBEEF00L, 0xDEADBEEF01L], ReadBytes("oracle-general", oracle));
    }

    [Fact]
    public void Gzip_and_zstd_compressed_input_reads_the_same_keys_as_the_plain_bytes()
    {
        var text = Encoding.ASCII.GetBytes(string.Join("\n", Enumerable.Range(0, 50_000).Select(i => (i * 7919L % 10007).ToString())));
        var plain = ReadBytes("text", text);
        Assert.Equal(50_000, plain.Length);
        Assert.Equal(plain, ReadBytes("text", Gzip(text)));
        Assert.Equal(plain, ReadBytes("text", Zstd(text)));
    }

    [SharedTracesTheory]
    [InlineData("cache2k/web07.trace.xz", "cache2k")]
    [InlineData("lirs/sprite.trace.gz", "lirs")]
    [InlineData("corda/trace_vaultservice.gz", "corda")]
    public void Shared_compressed_files_read_the_same_keys_uncompressed_and_recompressed(string file, string format)
    {
        var raw = Decompressed(SharedTraces.PathOf(file));
        var keys = SharedTraces.Load(file);
        Assert.Equal(keys, ReadBytes(format, raw));
        Assert.Equal(keys, ReadBytes(format, Gzip(raw)));
        Assert.Equal(keys, ReadBytes(format, Zstd(raw)));
    }

    [Fact]
    public void Detection_is_by_magic_bytes_not_by_name()
    {
        Assert.Equal(TraceCompression.Gzip, TraceDecompression.Detect(Gzip([1, 2, 3])));
        Assert.Equal(TraceCompression.Zstd, TraceDecompression.Detect(Zstd([1, 2, 3])));
        Assert.Equal(TraceCompression.Xz, TraceDecompression.Detect([0xFD, 0x37, 0x7A, 0x58, 0x5A, 0x00, 1]));
        Assert.Equal(TraceCompression.None, TraceDecompression.Detect("12\n"u8));
        Assert.Equal(TraceCompression.None, TraceDecompression.Detect([]));
        Assert.Empty(ReadBytes("cache2k", []));
    }

    [Theory]
    [InlineData("arc", "1 2 0 0\n7 x 0 0\n", 2, "count 'x'")]
    [InlineData("arc", "1 2 0 0\n3 4 0 0\n12\n", 3, "expected 'start count")]
    [InlineData("arc", "5 -3 0 0\n", 1, "negative")]
    [InlineData("arc", "9223372036854775800 100 0 0\n", 1, "overflows")]
    [InlineData("lirs", "1\n2\n3\nfour\n", 4, "key 'four'")]
    [InlineData("text", "1\n2.5\n", 2, "key '2.5'")]
    [InlineData("text", "99999999999999999999\n", 1, "not a 64-bit integer")]
    public void Malformed_text_names_the_source_and_line(string format, string text, int line, string problem)
    {
        var e = Assert.Throws<TraceFormatException>(() => ReadBytes(format, Encoding.ASCII.GetBytes(text), "bad.trace"));
        Assert.Equal(line, e.Line);
        Assert.StartsWith($"bad.trace: line {line}: ", e.Message);
        Assert.Contains(problem, e.Message);
    }

    [Fact]
    public void An_arc_line_claiming_two_to_the_31_keys_is_refused_and_one_just_below_is_streamed_lazily()
    {
        var e = Assert.Throws<TraceFormatException>(() => ReadText("arc", "0 1 0 0\n0 2147483648 0 0\n"));
        Assert.Equal(2, e.Line);
        Assert.Contains("exceeds", e.Message);
        var lazy = TraceSource.Read(new MemoryStream("100 2147483647 0 0\n"u8.ToArray()), "arc", "huge.lis").Take(5).ToArray();
        Assert.Equal([100, 101, 102, 103, 104], lazy);
    }

    [Fact]
    public void A_binary_file_read_as_text_stops_at_the_first_overlong_line_instead_of_buffering_it()
    {
        var bytes = new byte[1 << 20];
        new Random(1).NextBytes(bytes);
        bytes.AsSpan().Replace((byte)'\n', (byte)'x');
        var e = Assert.Throws<TraceFormatException>(() => ReadBytes("lirs", bytes, "noise.bin"));
        Assert.Equal(1, e.Line);
        Assert.Contains("longer than", e.Message);
    }

    [Theory]
    [InlineData("cache2k", 4, 10)]
    [InlineData("scarab", 8, 3)]
    [InlineData("cloud-physics", 4, 1)]
    [InlineData("oracle-general", 24, 23)]
    public void A_truncated_binary_record_is_reported_with_its_offset(string format, int size, int extra)
    {
        int whole = 1000;
        var bytes = new byte[whole * size + extra % size];
        if (extra % size == 0) return;
        var e = Assert.Throws<TraceFormatException>(() => ReadBytes(format, bytes, "cut.bin"));
        Assert.Equal((long)whole * size, e.ByteOffset);
        Assert.Contains($"{extra % size} of {size} bytes", e.Message);
        Assert.StartsWith($"cut.bin: byte offset {whole * size}: truncated record", e.Message);
    }

    [Fact]
    public void Cut_gzip_and_zstd_streams_are_reported_not_read_short()
    {
        var text = Encoding.ASCII.GetBytes(string.Join("\n", Enumerable.Range(0, 200_000).Select(i => (i * 104729L % 1_000_003).ToString())));
        foreach (var (name, compressed) in new[] { ("zstd", Zstd(text)), ("gzip", Gzip(text)) })
        {
            var cut = compressed[..(compressed.Length / 2)];
            var e = Assert.Throws<TraceFormatException>(() => ReadBytes("text", cut, $"cut.{name}"));
            Assert.Contains(name, e.Message);
            Assert.NotNull(e.ByteOffset);
            Assert.InRange(e.ByteOffset!.Value, 0, cut.Length);
        }
    }

    [SharedTracesFact]
    public void A_cut_xz_file_is_reported_with_an_offset()
    {
        var bytes = File.ReadAllBytes(SharedTraces.PathOf("cache2k/web12.trace.xz"));
        var cut = bytes[..(bytes.Length * 2 / 3)];
        var e = Assert.Throws<TraceFormatException>(() => ReadBytes("cache2k", cut, "web12-cut.xz"));
        Assert.Contains("xz", e.Message);
        Assert.NotNull(e.ByteOffset);
    }

    [Fact]
    public void Corrupt_compressed_bytes_are_reported()
    {
        var compressed = Gzip(Encoding.ASCII.GetBytes(string.Join("\n", Enumerable.Range(0, 10_000))));
        for (int i = 20; i < compressed.Length - 20; i += 7) compressed[i] ^= 0x5A;
        var e = Assert.Throws<TraceFormatException>(() => ReadBytes("text", compressed, "garbled.gz"));
        Assert.StartsWith("garbled.gz: ", e.Message);
    }
}
