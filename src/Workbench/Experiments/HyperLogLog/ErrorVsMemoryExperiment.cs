using Workbench.Hashing;
using Workbench.Sketches;

namespace Workbench.Experiments.HyperLogLog;

/// <summary>Parameters of <c>hyperloglog/error-vs-memory</c>.</summary>
/// <param name="Precisions">Precisions p, 4 to 18.</param>
/// <param name="Cardinality">Distinct keys per sketch (choose it above 5·2^p for the largest p, where the estimate is the asymptotic one).</param>
/// <param name="Trials">Independent sketches per precision.</param>
public sealed record ErrorVsMemoryParameters(int[] Precisions, long Cardinality, int Trials) : IExperimentParameters
{
    public IEnumerable<string> Validate()
    {
        foreach (var e in Check.AllInRange("precisions", Precisions ?? [], Sketches.HyperLogLog.MinPrecision, Sketches.HyperLogLog.MaxPrecision)) yield return e;
        if (Cardinality < 1 || Cardinality > 100_000_000) yield return $"cardinality must be between 1 and 100000000 (got {Cardinality})";
        if (Trials < 2 || Trials > 100_000) yield return $"trials must be between 2 and 100000 (got {Trials})";
    }

    public override string ToString() => $"precisions={ParameterBinder.Format(Precisions)}, cardinality={Cardinality}, trials={Trials}";
}

/// <summary>
/// <c>hyperloglog/error-vs-memory</c>: RMS relative error of the HLL++ estimate at a fixed
/// cardinality against the memory of the registers (m bytes here; 6m/8 bytes packed as in the
/// paper), beside 1.04/sqrt(m) (Flajolet et al. 2007). Every precision sees the same keys
/// through one shared hash per key.
/// </summary>
public sealed class ErrorVsMemoryExperiment : Experiment<ErrorVsMemoryParameters>
{
    public override string Id => "hyperloglog/error-vs-memory";
    public override string Title => "HyperLogLog relative error against memory";

    public override ErrorVsMemoryParameters Defaults { get; } = new([.. Enumerable.Range(4, 15)], 2_000_000, 100);
    public override ErrorVsMemoryParameters Quick { get; } = new([4, 6, 8, 10, 12, 14], 200_000, 30);

    public static readonly string[] Columns =
        ["precision", "registers", "cardinality", "trials", "memory_bytes", "packed_bytes", "rms_error", "mean_error", "theory_standard_error", "rms_over_theory"];

    protected override ResultTable Execute(ErrorVsMemoryParameters p, int seed, IProgress<ExperimentProgress>? progress, CancellationToken cancellation)
    {
        int P = p.Precisions.Length;
        var sq = new double[P];
        var sum = new double[P];
        for (int t = 0; t < p.Trials; t++)
        {
            progress?.Report(new ExperimentProgress(t, p.Trials, $"trial {t + 1} of {p.Trials}"));
            cancellation.ThrowIfCancellationRequested();
            var sketches = p.Precisions.Select(pr => new Sketches.HyperLogLog(pr, seed)).ToArray();
            var keys = KeyStream.Members(seed + t);
            for (long n = 0; n < p.Cardinality; n++)
            {
                ulong h = sketches[0].Hash(keys[n]);
                foreach (var s in sketches) s.AddHash(h);
            }
            for (int i = 0; i < P; i++)
            {
                double rel = sketches[i].Estimate() / p.Cardinality - 1;
                sq[i] += rel * rel;
                sum[i] += rel;
            }
        }
        progress?.Report(new ExperimentProgress(p.Trials, p.Trials, "done"));
        var table = new ResultTable(Columns);
        for (int i = 0; i < P; i++)
        {
            int m = 1 << p.Precisions[i];
            double theory = 1.04 / Math.Sqrt(m), rms = Math.Sqrt(sq[i] / p.Trials);
            table.AddRow(p.Precisions[i], m, p.Cardinality, p.Trials, (long)m, (long)m * 6 / 8, rms, sum[i] / p.Trials, theory, rms / theory);
        }
        return table;
    }

    public override IReadOnlyList<FigureSpec> Figures(ErrorVsMemoryParameters p) =>
    [
        new FigureSpec(
            "error-vs-memory",
            $"HyperLogLog RMS relative error against memory (n = {p.Cardinality:N0}, {p.Trials} trials per precision)",
            new AxisSpec("memory_bytes", "register memory (bytes, one byte per register)", Log: true),
            new AxisSpec("rms_error", "RMS relative error", Log: true),
            [
                new SeriesSpec("rms_error", "HLL++ measured", SeriesStyle.Measured),
                new SeriesSpec("theory_standard_error", "1.04/√m", SeriesStyle.Theory),
            ]),
    ];
}
