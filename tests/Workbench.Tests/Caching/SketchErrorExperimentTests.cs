using Workbench.Experiments.TinyLfu;

namespace Workbench.Tests.Caching;

public class SketchErrorExperimentTests
{
    private static readonly SketchErrorExperiment Experiment = new();

    [Fact]
    public void Sketch_errors_stay_within_the_count_min_bound_for_all_but_e_to_the_minus_4_of_keys()
    {
        var table = Experiment.Run(Experiment.Quick, seed: 1).Table;
        Assert.Equal(SketchErrorExperiment.Columns, table.Columns);
        Assert.Equal(Experiment.Quick.Variants.Length * Experiment.Quick.BytesPerEntry.Length, table.RowCount);
        var within = table.Doubles("fraction_within_bound").ToArray();
        var theory = table.Doubles("theory_fraction_within_bound").ToArray();
        for (int i = 0; i < table.RowCount; i++) Assert.True(within[i] >= theory[i], $"row {i}: {within[i]} of keys within the bound, below {theory[i]}");
    }

    [Fact]
    public void No_variant_underestimates_before_a_reset_and_more_memory_means_less_error()
    {
        var table = Experiment.Run(Experiment.Quick, seed: 2).Table;
        Assert.All(table.Doubles("fraction_underestimated"), f => Assert.Equal(0, f));
        var variants = table.Strings("variant").ToArray();
        var error = table.Doubles("mean_abs_error").ToArray();
        foreach (string v in SketchErrorParameters.VariantNames)
        {
            var series = Enumerable.Range(0, table.RowCount).Where(i => variants[i] == v).Select(i => error[i]).ToArray();
            Assert.True(series[^1] < series[0], $"{v}: error {series[0]} at the least memory, {series[^1]} at the most");
        }
        // Conservative update never raises a counter above what a plain update would, so it errs less.
        var plain = Enumerable.Range(0, table.RowCount).Where(i => variants[i] == "plain").Select(i => error[i]).ToArray();
        var conservative = Enumerable.Range(0, table.RowCount).Where(i => variants[i] == "conservative").Select(i => error[i]).ToArray();
        for (int i = 0; i < plain.Length; i++) Assert.True(conservative[i] <= plain[i]);
    }

    [Fact]
    public void Same_parameters_and_seed_give_identical_tables()
    {
        var a = Experiment.Run(Experiment.Quick, seed: 7).Table;
        var b = Experiment.Run(Experiment.Quick, seed: 7).Table;
        Assert.Equal(a.ToCsv(), b.ToCsv());
    }

    [Fact]
    public void Bad_parameters_name_the_parameter()
    {
        var e = Assert.Throws<ParameterException>(() => ParameterBinder.Bind(Experiment.Defaults, [new("variants", "exact")]));
        Assert.Contains("variants", e.Message);
        e = Assert.Throws<ParameterException>(() => ParameterBinder.Bind(Experiment.Defaults, [new("bytes_per_entry", "0")]));
        Assert.Contains("bytes_per_entry", e.Message);
    }
}
