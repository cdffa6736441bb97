using System.Buffers.Binary;

namespace Workbench.Fuzzing;

/// <summary>
/// Reads typed values from a fuzzer's bytes without ever failing: past the end every read returns
/// zero, so any byte string (the fuzzer's or a shrunk one) decodes to some valid operation sequence.
/// The layout is the one <see cref="FuzzOutput"/> writes, so reproducers round-trip.
/// </summary>
public sealed class FuzzInput(ReadOnlyMemory<byte> data)
{
    private int _at;

    /// <summary>Bytes consumed so far.</summary>
    public int Position => _at;

    /// <summary>True once every byte has been read.</summary>
    public bool Exhausted => _at >= data.Length;

    public byte NextByte() => _at < data.Length ? data.Span[_at++] : (byte)0;

    public ushort NextUInt16() => (ushort)(NextByte() | (NextByte() << 8));

    public ulong NextUInt64()
    {
        Span<byte> b = stackalloc byte[8];
        for (int i = 0; i < 8; i++) b[i] = NextByte();
        return BinaryPrimitives.ReadUInt64LittleEndian(b);
    }

    /// <summary>
    /// A key, mostly from the small domain 0..63 (so that operations collide on the same keys, as a
    /// differential test needs), sometimes a full 64-bit value: a byte below 0xF0 gives its low six
    /// bits; any other byte is followed by eight bytes of key.
    /// </summary>
    public ulong NextKey()
    {
        byte b = NextByte();
        return b < 0xF0 ? (ulong)(b & 0x3F) : NextUInt64();
    }
}

/// <summary>Writes values in the layout <see cref="FuzzInput"/> reads (used to save shrunk reproducers).</summary>
public sealed class FuzzOutput
{
    private readonly List<byte> _bytes = [];

    public void Byte(byte value) => _bytes.Add(value);

    public void UInt16(ushort value)
    {
        _bytes.Add((byte)value);
        _bytes.Add((byte)(value >> 8));
    }

    public void UInt64(ulong value)
    {
        for (int i = 0; i < 8; i++) _bytes.Add((byte)(value >> (8 * i)));
    }

    /// <summary>The inverse of <see cref="FuzzInput.NextKey"/>.</summary>
    public void Key(ulong key)
    {
        if (key < 64) _bytes.Add((byte)key);
        else
        {
            _bytes.Add(0xFF);
            UInt64(key);
        }
    }

    public void Bytes(ReadOnlySpan<byte> bytes)
    {
        foreach (var b in bytes) _bytes.Add(b);
    }

    public byte[] ToArray() => [.. _bytes];
}
