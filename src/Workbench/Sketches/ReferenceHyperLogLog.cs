using Workbench.Hashing;

namespace Workbench.Sketches;

/// <summary>
/// HyperLogLog written plainly, to test <see cref="HyperLogLog"/> against: a byte per register,
/// the hash from the library call (<see cref="KeyHash.Hash128(ulong, long)"/>, low half), ρ
/// counted bit by bit, and the estimators of Flajolet et al. 2007 and HLL++ computed with plain
/// loops. Dense only: it has no sparse mode.
/// </summary>
public sealed class ReferenceHyperLogLog
{
    private readonly byte[] _registers;

    public ReferenceHyperLogLog(int precision, long seed = 0)
    {
        if (precision < HyperLogLog.MinPrecision || precision > HyperLogLog.MaxPrecision)
            throw new ArgumentOutOfRangeException(nameof(precision), precision, "precision out of range");
        Precision = precision;
        Seed = seed;
        _registers = new byte[1 << precision];
    }

    public int Precision { get; }
    public long Seed { get; }

    public byte[] Registers() => (byte[])_registers.Clone();

    public void Add(ulong key)
    {
        ulong hash = KeyHash.Hash128(key, Seed).Low;
        int index = (int)(hash >> (64 - Precision));
        // ρ: position of the first 1 bit among the remaining 64 - p bits, counting from 1.
        int rho = 1;
        for (int bit = 63 - Precision; bit >= 0 && ((hash >> bit) & 1) == 0; bit--) rho++;
        if (rho > _registers[index]) _registers[index] = (byte)rho;
    }

    public double Estimate(HllEstimator estimator)
    {
        int m = _registers.Length;
        double sum = 0;
        int zeros = 0;
        for (int j = 0; j < m; j++)
        {
            sum += Math.Pow(2, -_registers[j]);
            if (_registers[j] == 0) zeros++;
        }
        double raw = HyperLogLogMath.Alpha(m) * m * m / sum;
        double linear = zeros > 0 ? m * Math.Log((double)m / zeros) : double.NaN;
        if (estimator == HllEstimator.Raw) return raw;
        if (estimator == HllEstimator.Original) return raw <= 2.5 * m && zeros > 0 ? linear : raw;
        // HLL++: subtract the bias, interpolated linearly between the two table points around raw.
        double corrected = raw;
        if (raw <= 5.0 * m)
        {
            var (raws, biases) = HyperLogLogBiasTables.For(Precision);
            double bias;
            if (raw <= raws[0]) bias = biases[0];
            else if (raw >= raws[^1]) bias = biases[^1];
            else
            {
                int i = 1;
                while (raws[i] < raw) i++;
                bias = biases[i - 1] + (raw - raws[i - 1]) / (raws[i] - raws[i - 1]) * (biases[i] - biases[i - 1]);
            }
            corrected = raw - bias;
        }
        double h = zeros > 0 ? linear : corrected;
        return h <= HyperLogLogMath.Threshold(Precision) ? h : corrected;
    }
}
