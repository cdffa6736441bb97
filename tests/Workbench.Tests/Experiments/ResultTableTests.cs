namespace Workbench.Tests.Experiments;

public class ResultTableTests
{
    [Fact]
    public void Csv_is_invariant_and_round_trips_doubles()
    {
        var t = new ResultTable("name", "count", "rate");
        t.AddRow("a,b", 3, 0.1);
        t.AddRow("plain", 4L, 1e-20);
        Assert.Equal("name,count,rate\n\"a,b\",3,0.1\nplain,4,1E-20\n", t.ToCsv());
    }

    [Theory]
    [InlineData("Rate")]
    [InlineData("bits-per-key")]
    [InlineData("")]
    public void Column_names_must_be_snake_case(string name) =>
        Assert.Throws<ArgumentException>(() => new ResultTable(name));

    [Fact]
    public void Rows_must_match_the_columns()
    {
        var t = new ResultTable("a", "b");
        Assert.Throws<ArgumentException>(() => t.AddRow(1));
        Assert.Throws<ArgumentException>(() => t.AddRow(1, new object()));
    }

    [Fact]
    public void Where_and_distinct_split_series()
    {
        var t = new ResultTable("filter", "x");
        t.AddRow("classic", 1); t.AddRow("blocked", 2); t.AddRow("classic", 3);
        Assert.Equal(["classic", "blocked"], t.Distinct("filter"));
        Assert.Equal([1.0, 3.0], t.Where("filter", "classic").Doubles("x"));
    }
}
