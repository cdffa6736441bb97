using Workbench.Fuzz;
using Workbench.Fuzzing;

namespace Workbench.Tests.Fuzzing;

/// <summary>
/// Zalewski (technical_details.txt, sections 1-3): keeping the inputs that reach new edges lets a
/// mutational fuzzer go deeper than blind mutation or Miller-style random bytes, with the same
/// executions. Measured on a SharpFuzz-instrumented copy of the library, edge map read in process.
/// </summary>
public class CoverageClaimTests
{
    [Fact]
    public void Instrumented_copy_reports_more_edges_for_a_valid_trace_than_for_garbage()
    {
        var lib = InstrumentedTargets.Instance;
        int valid = lib.EdgesOf("trace-arc", System.Text.Encoding.ASCII.GetBytes("10 3 0 0\n20 1 0 0\n"));
        int garbage = lib.EdgesOf("trace-arc", [0x01]);
        Assert.True(valid > garbage, $"valid {valid} edges, garbage {garbage}");
    }

    [Fact]
    public void From_a_one_byte_seed_the_coverage_guided_loop_reaches_more_edges_than_blind_mutation_and_random_bytes()
    {
        var experiment = new CoverageExperiment();
        var result = experiment.Run(experiment.Quick with { SampleEvery = 3_000 }, seed: 42);
        var t = result.Table;
        long Final(string strategy) => (long)t.Rows.Last(r => (string)r[t.ColumnIndex("strategy")] == strategy)[t.ColumnIndex("edges")];
        long guided = Final(FuzzStrategy.CoverageGuided), blind = Final(FuzzStrategy.BlindMutation), random = Final(FuzzStrategy.RandomBytes);
        Assert.True(guided > blind && guided > random, $"guided {guided}, blind {blind}, random {random}");
        Assert.All(t.Rows, r => Assert.Equal(0L, (long)r[t.ColumnIndex("crashes")]));
    }
}
