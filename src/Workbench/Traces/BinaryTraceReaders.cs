using System.Buffers.Binary;

namespace Workbench.Traces;

/// <summary>
/// A binary trace of fixed-size records, one request each, read through a fixed buffer of whole
/// records. A stream whose length is not a multiple of the record size ends in a truncated record,
/// reported with its byte offset (into the decompressed data).
/// </summary>
public abstract class FixedRecordTraceReader : IDescribedTraceReader
{
    private const int RecordsPerBuffer = 8192;

    public abstract string Format { get; }

    public abstract string Description { get; }

    /// <summary>Bytes per request.</summary>
    public abstract int RecordSize { get; }

    /// <summary>The key of one record of exactly <see cref="RecordSize"/> bytes.</summary>
    protected abstract long Decode(ReadOnlySpan<byte> record);

    public IEnumerable<long> Read(Stream stream, string source)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(source);
        return Iterate(stream, source);
    }

    private IEnumerable<long> Iterate(Stream stream, string source)
    {
        int size = RecordSize;
        var buffer = new byte[size * RecordsPerBuffer];
        long offset = 0;
        int filled = 0;
        while (true)
        {
            int read = stream.Read(buffer, filled, buffer.Length - filled);
            if (read == 0) break;
            filled += read;
            int whole = filled / size * size;
            for (int i = 0; i < whole; i += size)
            {
                long key = Decode(buffer.AsSpan(i, size));
                yield return key;
            }
            buffer.AsSpan(whole, filled - whole).CopyTo(buffer);
            offset += whole;
            filled -= whole;
        }
        if (filled > 0) throw new TraceFormatException(source, null, offset, $"truncated record: {filled} of {size} bytes ({Format} records are {size} bytes)");
    }
}

/// <summary>cache2k benchmark traces (<c>*.trace</c> in cache2k's benchmark suite): big-endian signed 32-bit keys.</summary>
public sealed class Cache2kTraceReader : FixedRecordTraceReader
{
    public override string Format => "cache2k";
    public override string Description => "cache2k traces: binary, big-endian signed 32-bit keys";
    public override int RecordSize => 4;
    protected override long Decode(ReadOnlySpan<byte> record) => BinaryPrimitives.ReadInt32BigEndian(record);
}

/// <summary>Big-endian signed 64-bit keys: Caffeine's "scarab" traces and the Corda vault-service trace share this layout.</summary>
public sealed class Int64BigEndianTraceReader(string format, string description) : FixedRecordTraceReader
{
    public override string Format { get; } = format;
    public override string Description { get; } = description;
    public override int RecordSize => 8;
    protected override long Decode(ReadOnlySpan<byte> record) => BinaryPrimitives.ReadInt64BigEndian(record);
}

/// <summary>Caffeine's "cloud-physics" traces (w106 and friends from LIRS2): big-endian unsigned 32-bit keys.</summary>
public sealed class CloudPhysicsTraceReader : FixedRecordTraceReader
{
    public override string Format => "cloud-physics";
    public override string Description => "CloudPhysics traces: binary, big-endian unsigned 32-bit keys";
    public override int RecordSize => 4;
    protected override long Decode(ReadOnlySpan<byte> record) => BinaryPrimitives.ReadUInt32BigEndian(record);
}

/// <summary>
/// libCacheSim's "oracleGeneral" binary traces: 24-byte little-endian records
/// <c>{u32 timestamp; u64 object_id; u32 object_size; i64 next_access_vtime}</c>, packed. The key
/// is <c>object_id</c> (reinterpreted as signed, a bijection); sizes and timestamps are ignored,
/// since the simulator counts entries.
/// </summary>
public sealed class OracleGeneralTraceReader : FixedRecordTraceReader
{
    public override string Format => "oracle-general";
    public override string Description => "libCacheSim oracleGeneral: 24-byte little-endian records {u32 time; u64 id; u32 size; i64 next}, key = id";
    public override int RecordSize => 24;
    protected override long Decode(ReadOnlySpan<byte> record) => unchecked((long)BinaryPrimitives.ReadUInt64LittleEndian(record[4..]));
}
