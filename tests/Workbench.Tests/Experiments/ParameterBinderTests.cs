using Workbench.Experiments.Bloom;

namespace Workbench.Tests.Experiments;

public class ParameterBinderTests
{
    private static readonly FprVsBitsParameters Defaults = new FprVsBitsExperiment().Defaults;

    private static FprVsBitsParameters Bind(params string[] settings) =>
        ParameterBinder.Bind(Defaults, settings.Select(ParameterBinder.ParseSetting));

    [Fact]
    public void Names_are_snake_case() =>
        Assert.Equal(["keys", "bits_per_key", "negative_probes", "filters", "confidence"],
            ParameterBinder.Describe(typeof(FprVsBitsParameters)).Select(d => d.Name));

    [Fact]
    public void Scalars_lists_and_ranges_are_parsed()
    {
        var p = Bind("keys=5000", "bits_per_key=4,8,12", "filters=blocked", "confidence=0.99");
        Assert.Equal(5000, p.Keys);
        Assert.Equal([4, 8, 12], p.BitsPerKey);
        Assert.Equal(["blocked"], p.Filters);
        Assert.Equal(0.99, p.Confidence);
        Assert.Equal([4, 5, 6], Bind("bits_per_key=4..6").BitsPerKey);
        Assert.Equal([4, 8, 12, 20], Bind("bits_per_key=4..12:4,20").BitsPerKey);
        Assert.Equal(1_000_000, Bind("keys=1_000_000").Keys);
        Assert.Equal(Defaults.NegativeProbes, Bind("keys=5").NegativeProbes);
    }

    [Theory]
    [InlineData("kees=5", "unknown parameter 'kees'")]
    [InlineData("keys=-5", "keys must be positive (got -5)")]
    [InlineData("keys=abc", "keys: cannot read 'abc'")]
    [InlineData("bits_per_key=0", "bits_per_key values must be between 1 and 64 (got 0)")]
    [InlineData("bits_per_key=9..4", "bits_per_key: range '9..4' is empty")]
    [InlineData("filters=cuckoo", "filters: unknown value 'cuckoo'")]
    [InlineData("confidence=2", "confidence must be between")]
    [InlineData("negative_probes=0", "negative_probes must be positive")]
    public void Bad_settings_name_the_parameter(string setting, string expected)
    {
        var e = Assert.Throws<ParameterException>(() => Bind(setting));
        Assert.Contains(expected, e.Message);
    }

    [Fact]
    public void A_setting_without_equals_is_malformed() =>
        Assert.Contains("expected name=value", Assert.Throws<ParameterException>(() => ParameterBinder.ParseSetting("keys")).Message);

    [Fact]
    public void Run_validates_typed_parameters_too()
    {
        var e = new FprVsBitsExperiment();
        Assert.Contains("keys must be positive", Assert.Throws<ParameterException>(() => e.Run(Defaults with { Keys = 0 }, 1)).Message);
    }

    [Fact]
    public void Format_round_trips_through_bind()
    {
        var p = Bind("bits_per_key=4,9", "filters=classic,blocked");
        Assert.Equal("4,9", ParameterBinder.Format(p.BitsPerKey));
        var again = Bind($"bits_per_key={ParameterBinder.Format(p.BitsPerKey)}");
        Assert.Equal(p.BitsPerKey, again.BitsPerKey);
    }
}
