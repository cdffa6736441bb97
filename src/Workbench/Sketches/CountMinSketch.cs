using System.Runtime.CompilerServices;
using Workbench.Hashing;

namespace Workbench.Sketches;

/// <summary>How a count-min sketch applies an increment to its d counters.</summary>
public enum CountMinUpdate
{
    /// <summary>Add the count to every one of the key's d counters (Cormode &amp; Muthukrishnan 2005, section 3).</summary>
    Classic,

    /// <summary>
    /// Conservative update (Estan &amp; Varghese, "New directions in traffic measurement and
    /// accounting", SIGCOMM 2002, section 3.3): raise each of the key's counters only as far as
    /// needed, to <c>max(counter, estimate + count)</c>. Estimates stay upper bounds and never
    /// exceed the classic ones, but two such sketches cannot be merged exactly (the sum of two
    /// conservative sketches is still an upper bound, only a looser one).
    /// </summary>
    Conservative,
}

/// <summary>
/// The count-min sketch of Cormode &amp; Muthukrishnan, "An Improved Data Stream Summary: The
/// Count-Min Sketch and its Applications" (J. Algorithms 55(1), 2005): d rows of w counters; a key
/// adds its count to one counter per row, and its estimate is the smallest of its d counters.
/// In the cash-register model (non-negative counts) the estimate never underestimates the true
/// count f, and with w = ceil(e/ε) and d = ceil(ln(1/δ)) it exceeds f by more than ε·N, N the
/// total count, with probability at most δ (Theorem 1).
/// <para>
/// Layout and hashing: the counters are one row-major <see cref="long"/> array. The paper asks for
/// d pairwise-independent hash functions; here one XXH3-128 of the key (computed inline by
/// <see cref="Xxh3Of8Bytes"/>) gives two 64-bit halves (a, b), and row i uses the column
/// <c>reduce(a + i·b, w)</c> (Lemire's multiply-shift range reduction, so w need not be a power of
/// two). This is the double hashing of Kirsch &amp; Mitzenmacher (ESA 2006), who show it keeps the
/// guarantees of such sketches. <see cref="ReferenceCountMinSketch"/> is the plainly written twin.
/// </para>
/// </summary>
public sealed class CountMinSketch
{
    /// <summary>Largest depth accepted.</summary>
    public const int MaxDepth = 32;

    /// <summary>Largest number of counters (w·d) accepted: 2^28, 2 GiB of counters.</summary>
    public const long MaxCounters = 1L << 28;

    private readonly long[] _counters;
    private readonly ulong _bitflip;
    private readonly ulong _width;

    /// <param name="width">w, counters per row (at least 1).</param>
    /// <param name="depth">d, rows, 1 to <see cref="MaxDepth"/>.</param>
    /// <param name="seed">Seed of the hash function; sketches merge only with the same seed.</param>
    /// <param name="update">Classic or conservative update.</param>
    public CountMinSketch(int width, int depth, long seed = 0, CountMinUpdate update = CountMinUpdate.Classic)
    {
        CountMinMath.CheckShape(width, depth);
        if (!Enum.IsDefined(update)) throw new ArgumentOutOfRangeException(nameof(update), update, "update must be Classic or Conservative");
        Width = width;
        Depth = depth;
        Seed = seed;
        Update = update;
        _width = (ulong)width;
        _bitflip = Xxh3Of8Bytes.Bitflip(seed);
        _counters = new long[(long)width * depth];
    }

    /// <summary>A sketch sized by the paper's rule: w = ceil(e/ε), d = ceil(ln(1/δ)).</summary>
    /// <param name="epsilon">ε in (0, 1): the error allowance as a fraction of the total count.</param>
    /// <param name="delta">δ in (0, 1): the probability that a key's error exceeds ε·N.</param>
    /// <param name="seed">Seed of the hash function.</param>
    /// <param name="update">Classic or conservative update.</param>
    public static CountMinSketch ForErrorBounds(double epsilon, double delta, long seed = 0, CountMinUpdate update = CountMinUpdate.Classic) =>
        new(CountMinMath.WidthFor(epsilon), CountMinMath.DepthFor(delta), seed, update);

    public int Width { get; }

    public int Depth { get; }

    public long Seed { get; }

    public CountMinUpdate Update { get; }

    /// <summary>N, the sum of all counts added (the stream length for unit counts).</summary>
    public long TotalCount { get; private set; }

    /// <summary>Memory of the counters in bytes (8 per counter).</summary>
    public long SizeInBytes => _counters.LongLength * sizeof(long);

    /// <summary>Adds <paramref name="count"/> occurrences of <paramref name="key"/>. Counts must be non-negative (the cash-register model the guarantees assume).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Add(ulong key, long count = 1)
    {
        if (count < 0) throw new ArgumentOutOfRangeException(nameof(count), count, "count must be non-negative (the count-min guarantees assume the cash-register model)");
        var (a, b) = Xxh3Of8Bytes.Hash128(key, _bitflip);
        var counters = _counters;
        int depth = Depth;
        TotalCount += count;
        if (Update == CountMinUpdate.Classic)
        {
            ulong h = a;
            for (int i = 0, row = 0; i < depth; i++, row += (int)_width, h += b)
                counters[row + (int)MulHigh.Of(h, _width)] += count;
            return;
        }
        // Conservative update: find the key's estimate, then lift each counter to at least estimate + count.
        Span<int> index = stackalloc int[MaxDepth];
        long min = long.MaxValue;
        {
            ulong h = a;
            for (int i = 0, row = 0; i < depth; i++, row += (int)_width, h += b)
            {
                int at = row + (int)MulHigh.Of(h, _width);
                index[i] = at;
                min = Math.Min(min, counters[at]);
            }
        }
        long target = min + count;
        for (int i = 0; i < depth; i++)
        {
            ref long c = ref counters[index[i]];
            if (c < target) c = target;
        }
    }

    /// <summary>The estimate of <paramref name="key"/>'s count: the smallest of its d counters. Never below the true count.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public long Estimate(ulong key)
    {
        var (a, b) = Xxh3Of8Bytes.Hash128(key, _bitflip);
        var counters = _counters;
        long min = long.MaxValue;
        ulong h = a;
        for (int i = 0, row = 0; i < Depth; i++, row += (int)_width, h += b)
            min = Math.Min(min, counters[row + (int)MulHigh.Of(h, _width)]);
        return min;
    }

    /// <summary>The counter of row <paramref name="row"/> at column <paramref name="column"/> (for tests and the reference comparison).</summary>
    public long Counter(int row, int column) => _counters[(long)row * Width + column];

    /// <summary>
    /// Adds <paramref name="other"/>'s counters into this sketch, giving the sketch of the
    /// concatenated streams (Cormode &amp; Muthukrishnan 2005, section 3: the sketch is linear).
    /// Exact for classic sketches; for conservative ones the result is still an upper bound on
    /// every count, but looser than one conservative sketch of both streams.
    /// </summary>
    /// <exception cref="ArgumentException">The sketches differ in width, depth, seed or update rule.</exception>
    public void Merge(CountMinSketch other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (other.Width != Width || other.Depth != Depth)
            throw new ArgumentException($"cannot merge a {other.Width}x{other.Depth} count-min sketch into a {Width}x{Depth} one: width and depth must match", nameof(other));
        if (other.Seed != Seed) throw new ArgumentException($"cannot merge count-min sketches with different seeds ({other.Seed} and {Seed}): their keys map to different counters", nameof(other));
        if (other.Update != Update) throw new ArgumentException($"cannot merge a {other.Update} count-min sketch into a {Update} one", nameof(other));
        for (long i = 0; i < _counters.LongLength; i++) _counters[i] = checked(_counters[i] + other._counters[i]);
        TotalCount = checked(TotalCount + other.TotalCount);
    }

    /// <summary>Writes the sketch: a header (magic, version, width, depth, seed, update, total) and the counters, little-endian.</summary>
    public void WriteTo(Stream stream)
    {
        using var w = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true);
        w.Write(Magic);
        w.Write((byte)1);
        w.Write(Width);
        w.Write(Depth);
        w.Write(Seed);
        w.Write((byte)Update);
        w.Write(TotalCount);
        foreach (var c in _counters) w.Write(c);
    }

    /// <summary>Reads a sketch written by <see cref="WriteTo"/>.</summary>
    /// <exception cref="InvalidDataException">The stream does not hold a count-min sketch, is truncated or its header is out of range; the message gives the byte offset.</exception>
    public static CountMinSketch ReadFrom(Stream stream)
    {
        using var r = new BinaryReader(stream, System.Text.Encoding.UTF8, leaveOpen: true);
        long offset = 0;
        try
        {
            if (r.ReadUInt32() != Magic) throw new InvalidDataException("not a count-min sketch: bad magic number at offset 0");
            offset = 4;
            byte version = r.ReadByte();
            if (version != 1) throw new InvalidDataException($"unsupported count-min sketch version {version} at offset 4");
            offset = 5;
            int width = r.ReadInt32(), depth = r.ReadInt32();
            offset = 13;
            long seed = r.ReadInt64();
            offset = 21;
            byte update = r.ReadByte();
            offset = 22;
            long total = r.ReadInt64();
            offset = 30;
            CountMinSketch s;
            try { s = new CountMinSketch(width, depth, seed, (CountMinUpdate)update); }
            catch (ArgumentException e) { throw new InvalidDataException($"bad count-min sketch header (offsets 5 to 21): {e.Message}"); }
            s.TotalCount = total;
            for (long i = 0; i < s._counters.LongLength; i++, offset += 8) s._counters[i] = r.ReadInt64();
            return s;
        }
        catch (EndOfStreamException)
        {
            throw new InvalidDataException($"count-min sketch truncated at offset {offset}");
        }
    }

    private const uint Magic = 0x534D4D43; // "CMMS"
}
