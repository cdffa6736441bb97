using System.Numerics;
using System.Runtime.CompilerServices;
using Workbench.Hashing;

namespace Workbench.Sketches;

/// <summary>Which cardinality estimator <see cref="HyperLogLog.Estimate(HllEstimator)"/> applies to the registers.</summary>
public enum HllEstimator
{
    /// <summary>The raw harmonic-mean estimate α_m·m²/Σ 2^-M[j] (Flajolet, Fusy, Gandouet &amp; Meunier 2007, Figure 3), no correction.</summary>
    Raw,

    /// <summary>The 2007 paper's estimator: raw, replaced by linear counting m·ln(m/V) when raw ≤ 2.5m and V registers are zero. No large-range correction: the hash has 64 bits.</summary>
    Original,

    /// <summary>HLL++ (Heule, Nunkesser &amp; Hall 2013, Figure 7): raw minus the empirical bias when raw ≤ 5m; linear counting below the published threshold; in sparse mode, linear counting over 2^25 registers.</summary>
    HllPlusPlus,
}

/// <summary>
/// HyperLogLog (Flajolet, Fusy, Gandouet &amp; Meunier, "HyperLogLog: the analysis of a
/// near-optimal cardinality estimation algorithm", AofA 2007) with the improvements of HLL++
/// (Heule, Nunkesser &amp; Hall, "HyperLogLog in Practice", EDBT 2013): a 64-bit hash (so no
/// large-range correction is needed), linear counting for small cardinalities, the empirical
/// bias correction for estimates up to 5m, and a sparse representation while few registers are set.
/// The standard error of the estimate is about 1.04/sqrt(m) for m = 2^p registers.
/// <para>
/// A key's hash x (the low half of its XXH3-128) picks register <c>x &gt;&gt; (64 - p)</c> and
/// offers it ρ, one plus the number of leading zeros of the remaining 64 - p bits. Dense
/// registers are one byte each (the paper packs 6 bits). Sparse mode (section 5.3) keeps, for
/// precision p' = 25, a sorted list of 32-bit entries (register index at p' in the high 25 bits,
/// its ρ in the low 6), fed through an unsorted buffer; when list and buffer would take more bytes
/// than the dense registers it is converted. The paper additionally stores the ρ only when it cannot
/// be recovered from the index and compresses the list with varint differences; both only save
/// memory, and are not done here. <see cref="ReferenceHyperLogLog"/> is the plainly written twin.
/// </para>
/// </summary>
public sealed class HyperLogLog
{
    public const int MinPrecision = 4;
    public const int MaxPrecision = 18;

    /// <summary>p', the precision of the sparse representation (HLL++ section 5.3).</summary>
    public const int SparsePrecision = 25;

    private static readonly double[] PowersOfHalf = [.. Enumerable.Range(0, 66).Select(k => Math.Pow(2, -k))];

    private readonly int _shift;
    private readonly ulong _guard;
    private readonly ulong _bitflip;
    private byte[]? _dense;
    private uint[] _sparse = [];
    private int _sparseCount;
    private uint[] _buffer = [];
    private int _bufferCount;

    /// <param name="precision">p, 4 to 18: m = 2^p registers.</param>
    /// <param name="seed">Seed of the hash; sketches merge only with the same seed.</param>
    /// <param name="sparse">Start in the sparse representation (HLL++); false starts dense, as the 2007 paper.</param>
    public HyperLogLog(int precision, long seed = 0, bool sparse = true)
    {
        if (precision < MinPrecision || precision > MaxPrecision)
            throw new ArgumentOutOfRangeException(nameof(precision), precision, $"precision must be between {MinPrecision} and {MaxPrecision}");
        Precision = precision;
        Seed = seed;
        _shift = 64 - precision;
        _guard = 1UL << (precision - 1);
        _bitflip = Xxh3Of8Bytes.Bitflip(seed);
        if (sparse)
        {
            _buffer = new uint[Math.Max(16, RegisterCount / 16)];
            _sparse = new uint[16];
        }
        else _dense = new byte[RegisterCount];
    }

    public int Precision { get; }

    /// <summary>m = 2^p.</summary>
    public int RegisterCount => 1 << Precision;

    public long Seed { get; }

    public bool IsSparse => _dense is null;

    /// <summary>The standard error the paper gives, 1.04/sqrt(m).</summary>
    public double StandardError => 1.04 / Math.Sqrt(RegisterCount);

    /// <summary>Bytes held by the registers: m when dense; 4 per list and buffer entry when sparse.</summary>
    public long SizeInBytes => _dense is { } d ? d.Length : 4L * (_sparse.Length + _buffer.Length);

    /// <summary>Adds a key (its XXH3-128 low half under this sketch's seed).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Add(ulong key) => AddHash(Xxh3Of8Bytes.Hash128(key, _bitflip).Low);

    /// <summary>The 64-bit hash this sketch gives <paramref name="key"/>: sketches with the same seed can share it through <see cref="AddHash"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ulong Hash(ulong key) => Xxh3Of8Bytes.Hash128(key, _bitflip).Low;

    /// <summary>Adds an already hashed key; the 64 bits must be uniformly distributed.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void AddHash(ulong hash)
    {
        if (_dense is { } dense)
        {
            int index = (int)(hash >> _shift);
            byte rho = (byte)(BitOperations.LeadingZeroCount((hash << Precision) | _guard) + 1);
            if (rho > dense[index]) dense[index] = rho;
            return;
        }
        AddSparse(hash);
    }

    private void AddSparse(ulong hash)
    {
        uint index = (uint)(hash >> (64 - SparsePrecision));
        uint rho = (uint)BitOperations.LeadingZeroCount((hash << SparsePrecision) | (1UL << (SparsePrecision - 1))) + 1;
        _buffer[_bufferCount++] = (index << 6) | rho;
        if (_bufferCount == _buffer.Length) FlushBuffer();
    }

    /// <summary>Sorts the buffer into the sparse list (one entry per index, the largest ρ); converts to dense when the list outgrows the dense registers.</summary>
    private void FlushBuffer()
    {
        if (_bufferCount == 0) return;
        Array.Sort(_buffer, 0, _bufferCount);
        var merged = new uint[_sparseCount + _bufferCount];
        int n = MergeSorted(_sparse.AsSpan(0, _sparseCount), _buffer.AsSpan(0, _bufferCount), merged);
        _sparse = merged;
        _sparseCount = n;
        _bufferCount = 0;
        if (SparseOutgrowsDense) ConvertToDense();
    }

    /// <summary>True when the sparse list and buffer take more bytes than the m dense registers would.</summary>
    private bool SparseOutgrowsDense => 4L * (_sparseCount + _buffer.Length) > RegisterCount;

    /// <summary>Merges two sorted entry lists keeping, per index, the entry with the largest ρ (the largest entry, since ρ sits in the low bits).</summary>
    private static int MergeSorted(ReadOnlySpan<uint> x, ReadOnlySpan<uint> y, Span<uint> output)
    {
        int i = 0, j = 0, n = 0;
        while (i < x.Length || j < y.Length)
        {
            uint e = j >= y.Length || (i < x.Length && x[i] <= y[j]) ? x[i++] : y[j++];
            if (n > 0 && (output[n - 1] >> 6) == (e >> 6)) output[n - 1] = Math.Max(output[n - 1], e);
            else output[n++] = e;
        }
        return n;
    }

    /// <summary>The dense register and ρ a sparse entry stands for at precision p.</summary>
    private (int Index, byte Rho) Decode(uint entry)
    {
        uint index25 = entry >> 6;
        int extra = SparsePrecision - Precision;
        uint low = index25 & ((1u << extra) - 1);
        int rho = low != 0
            ? BitOperations.LeadingZeroCount(low << (32 - extra)) + 1
            : extra + (int)(entry & 63);
        return ((int)(index25 >> extra), (byte)rho);
    }

    private void ConvertToDense()
    {
        var dense = new byte[RegisterCount];
        for (int i = 0; i < _sparseCount; i++)
        {
            var (index, rho) = Decode(_sparse[i]);
            if (rho > dense[index]) dense[index] = rho;
        }
        _dense = dense;
        _sparse = [];
        _buffer = [];
        _sparseCount = _bufferCount = 0;
    }

    /// <summary>Switches to the dense representation now (a no-op when already dense).</summary>
    public void ToDense()
    {
        if (_dense is not null) return;
        FlushBuffer();
        if (_dense is null) ConvertToDense();
    }

    /// <summary>A copy of the m dense registers (decoded from the sparse list when sparse).</summary>
    public byte[] Registers()
    {
        if (_dense is { } d) return (byte[])d.Clone();
        FlushBuffer();
        if (_dense is { } d2) return (byte[])d2.Clone();
        var registers = new byte[RegisterCount];
        for (int i = 0; i < _sparseCount; i++)
        {
            var (index, rho) = Decode(_sparse[i]);
            if (rho > registers[index]) registers[index] = rho;
        }
        return registers;
    }

    /// <summary>The HLL++ estimate of the number of distinct keys added.</summary>
    public double Estimate() => Estimate(HllEstimator.HllPlusPlus);

    /// <summary>The estimate of the number of distinct keys added, by <paramref name="estimator"/>.</summary>
    public double Estimate(HllEstimator estimator)
    {
        if (_dense is null) FlushBuffer();
        if (_dense is null && estimator == HllEstimator.HllPlusPlus)
        {
            // HLL++ section 5.3.3: in sparse mode, linear counting over m' = 2^p' registers.
            double mPrime = 1 << SparsePrecision;
            return LinearCounting(mPrime, mPrime - _sparseCount);
        }
        var registers = _dense ?? Registers();
        double sum = 0;
        int zeros = 0;
        foreach (byte r in registers)
        {
            sum += PowersOfHalf[r];
            if (r == 0) zeros++;
        }
        return HyperLogLogMath.Estimate(estimator, Precision, sum, zeros);
    }

    internal static double LinearCounting(double m, double zeros) => m * Math.Log(m / zeros);

    /// <summary>
    /// Folds <paramref name="other"/> into this sketch: afterwards it estimates the cardinality of
    /// the union of both streams, and holds exactly the registers a single sketch of both streams
    /// would hold (the register-wise maximum).
    /// </summary>
    /// <exception cref="ArgumentException">Precisions or seeds differ.</exception>
    public void Merge(HyperLogLog other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (other.Precision != Precision) throw new ArgumentException($"cannot merge a precision-{other.Precision} HyperLogLog into a precision-{Precision} one: precisions must match", nameof(other));
        if (other.Seed != Seed) throw new ArgumentException($"cannot merge HyperLogLogs with different seeds ({other.Seed} and {Seed}): their keys hash differently", nameof(other));
        if (IsSparse && other.IsSparse)
        {
            other.FlushBuffer();
            FlushBuffer();
            if (IsSparse && other.IsSparse)
            {
                var merged = new uint[_sparseCount + other._sparseCount];
                _sparseCount = MergeSorted(_sparse.AsSpan(0, _sparseCount), other._sparse.AsSpan(0, other._sparseCount), merged);
                _sparse = merged;
                if (SparseOutgrowsDense) ConvertToDense();
                return;
            }
        }
        ToDense();
        var theirs = other.Registers();
        var mine = _dense!;
        for (int i = 0; i < mine.Length; i++) if (theirs[i] > mine[i]) mine[i] = theirs[i];
    }

    /// <summary>Writes the sketch: magic, version, precision, seed, representation, then the sparse entries or the m registers.</summary>
    public void WriteTo(Stream stream)
    {
        if (IsSparse) FlushBuffer();
        using var w = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true);
        w.Write(Magic);
        w.Write((byte)1);
        w.Write((byte)Precision);
        w.Write(Seed);
        if (_dense is { } d)
        {
            w.Write((byte)1);
            w.Write(d);
        }
        else
        {
            w.Write((byte)0);
            w.Write(_sparseCount);
            for (int i = 0; i < _sparseCount; i++) w.Write(_sparse[i]);
        }
    }

    /// <summary>Reads a sketch written by <see cref="WriteTo"/>.</summary>
    /// <exception cref="InvalidDataException">Not a HyperLogLog, truncated, or a field out of range; the message gives the byte offset.</exception>
    public static HyperLogLog ReadFrom(Stream stream)
    {
        using var r = new BinaryReader(stream, System.Text.Encoding.UTF8, leaveOpen: true);
        long offset = 0;
        try
        {
            if (r.ReadUInt32() != Magic) throw new InvalidDataException("not a HyperLogLog: bad magic number at offset 0");
            offset = 4;
            if (r.ReadByte() is var version && version != 1) throw new InvalidDataException($"unsupported HyperLogLog version {version} at offset 4");
            offset = 5;
            int p = r.ReadByte();
            if (p < MinPrecision || p > MaxPrecision) throw new InvalidDataException($"HyperLogLog precision {p} at offset 5 is outside {MinPrecision}..{MaxPrecision}");
            offset = 6;
            long seed = r.ReadInt64();
            offset = 14;
            byte kind = r.ReadByte();
            offset = 15;
            if (kind == 1)
            {
                var h = new HyperLogLog(p, seed, sparse: false);
                var registers = r.ReadBytes(h.RegisterCount);
                if (registers.Length != h.RegisterCount) throw new EndOfStreamException();
                for (int i = 0; i < registers.Length; i++)
                {
                    if (registers[i] > 65 - p) throw new InvalidDataException($"HyperLogLog register {i} at offset {15 + i} holds {registers[i]}, more than 64 - p + 1");
                }
                h._dense = registers;
                return h;
            }
            if (kind != 0) throw new InvalidDataException($"unknown HyperLogLog representation {kind} at offset 14");
            var s = new HyperLogLog(p, seed, sparse: true);
            int count = r.ReadInt32();
            if (count < 0 || 4L * (count + s._buffer.Length) > s.RegisterCount) throw new InvalidDataException($"HyperLogLog sparse entry count {count} at offset 15 is out of range");
            offset = 19;
            var entries = new uint[Math.Max(count, 16)];
            for (int i = 0; i < count; i++, offset += 4)
            {
                entries[i] = r.ReadUInt32();
                if (i > 0 && entries[i] >> 6 <= entries[i - 1] >> 6) throw new InvalidDataException($"HyperLogLog sparse entries not sorted at offset {offset}");
            }
            s._sparse = entries;
            s._sparseCount = count;
            return s;
        }
        catch (EndOfStreamException)
        {
            throw new InvalidDataException($"HyperLogLog truncated at offset {offset}");
        }
    }

    private const uint Magic = 0x4C4C4848; // "HHLL"
}
