using System.Text.Json;
using Plotly.NET;
using Workbench.Charts;

namespace Workbench.Tests.Charts;

public sealed class FigureRendererTests
{
    private static JsonElement Figure(GenericChart chart) => JsonDocument.Parse(GenericChart.toJson(chart)).RootElement;

    private static readonly FigureSpec Spec = new(
        "demo",
        "Demo figure",
        new AxisSpec("x", "size (bytes)"),
        new AxisSpec("y", "rate (fraction)", Log: true),
        [
            new SeriesSpec("y", "measured", SeriesStyle.Measured, "lo", "hi"),
            new SeriesSpec("t", "theory", SeriesStyle.Theory),
            new SeriesSpec("p", "published", SeriesStyle.Published),
        ],
        GroupBy: "g",
        Markers: [new MarkerLine(2, "optimum")]);

    private static ResultTable Table()
    {
        var t = new ResultTable("g", "x", "y", "lo", "hi", "t", "p");
        t.AddRow("a", 2, 0.2, 0.1, 0.4, 0.25, 0.3);
        t.AddRow("a", 1, 0.5, 0.4, 0.6, 0.45, 0.5);
        t.AddRow("b", 1, 0.05, 0.01, 0.07, 0.04, 0.06);
        t.AddRow("b", 2, 0.01, 0.005, 0.02, 0.012, 0.02);
        return t;
    }

    [Fact]
    public void Names_on_x_make_a_category_axis_and_numbers_a_linear_one()
    {
        var t = new ResultTable("name", "y");
        t.AddRow("xor8", 4.8);
        t.AddRow("bloom-12", 17.5);
        var spec = new FigureSpec("c", "Categories", new AxisSpec("name", "filter"), new AxisSpec("y", "ns", Log: true), [new SeriesSpec("y", "measured")]);
        var layout = Figure(FigureRenderer.Render(spec, t)).GetProperty("layout");
        Assert.Equal("category", layout.GetProperty("xaxis").GetProperty("type").GetString());
        Assert.Equal("log", layout.GetProperty("yaxis").GetProperty("type").GetString());
        Assert.Equal("linear", Figure(FigureRenderer.Render(Spec, Table())).GetProperty("layout").GetProperty("xaxis").GetProperty("type").GetString());
    }

    /// <summary>Lanes: one legend entry per state (not per group), each state in its own colour in every group,
    /// drawn as thick lines broken at the gaps; an axis range and tick labels reach the layout.</summary>
    [Fact]
    public void Lane_series_have_one_legend_entry_per_state_and_a_colour_per_state()
    {
        var t = new ResultTable("server", "time", "up", "down");
        t.AddRow("S1", 0.0, 1.0, double.NaN);
        t.AddRow("S1", 1.0, double.NaN, 1.0);
        t.AddRow("S2", 0.0, 2.0, double.NaN);
        t.AddRow("S2", 1.0, 2.0, double.NaN);
        var spec = new FigureSpec("lanes", "Lanes\nsecond line", new AxisSpec("time", "time (s)"),
            new AxisSpec("server", "server", Min: 0.5, Max: 2.5, TickLabels: ["S1", "S2"]),
            [new SeriesSpec("up", "up", SeriesStyle.Lane), new SeriesSpec("down", "down", SeriesStyle.Lane)], GroupBy: "server");
        var figure = Figure(FigureRenderer.Render(spec, t));
        var data = figure.GetProperty("data").EnumerateArray().ToList();
        Assert.Equal(4, data.Count);
        Assert.Equal([true, true, false, false], data.Select(d => d.GetProperty("showlegend").GetBoolean()));
        Assert.Equal(["up", "down", "up", "down"], data.Select(d => d.GetProperty("name").GetString()));
        Assert.Equal(data[0].GetProperty("line").GetProperty("color").GetString(), data[2].GetProperty("line").GetProperty("color").GetString());
        Assert.NotEqual(data[0].GetProperty("line").GetProperty("color").GetString(), data[1].GetProperty("line").GetProperty("color").GetString());
        var yaxis = figure.GetProperty("layout").GetProperty("yaxis");
        Assert.Equal([0.5, 2.5], yaxis.GetProperty("range").EnumerateArray().Select(v => v.GetDouble()));
        Assert.Equal(["S1", "S2"], yaxis.GetProperty("ticktext").EnumerateArray().Select(v => v.GetString()));
        Assert.Contains("<br>", figure.GetProperty("layout").GetProperty("title").GetProperty("text").GetString());
    }

    /// <summary>Points: markers alone, grouped side by side within each category; level lines span the plot at their y
    /// and carry their label; a series with an empty label is named by its group alone.</summary>
    [Fact]
    public void Points_stand_side_by_side_in_categories_and_levels_are_horizontal_lines()
    {
        var t = new ResultTable("size", "trace", "gap", "lo", "hi");
        t.AddRow("1%", "ps", 0.3, -0.7, 1.3);
        t.AddRow("1%", "cpp", -0.2, -0.9, 0.5);
        t.AddRow("10%", "ps", 0.0, -0.05, 0.05);
        var spec = new FigureSpec("gap", "Gap", new AxisSpec("trace", "trace"), new AxisSpec("gap", "gap (points)"),
            [new SeriesSpec("gap", "", SeriesStyle.Points, "lo", "hi")], GroupBy: "size", Levels: [new LevelLine(-0.3, "-0.3 points"), new LevelLine(0, "", Dashed: false)]);
        var figure = Figure(FigureRenderer.Render(spec, t));
        var data = figure.GetProperty("data").EnumerateArray().ToList();
        Assert.Equal(["1%", "10%"], data.Select(d => d.GetProperty("name").GetString()));
        Assert.All(data, d => Assert.Equal("markers", d.GetProperty("mode").GetString()));
        var layout = figure.GetProperty("layout");
        Assert.Equal("group", layout.GetProperty("scattermode").GetString());
        var shapes = layout.GetProperty("shapes").EnumerateArray().ToList();
        Assert.Equal([-0.3, 0.0], shapes.Select(s => s.GetProperty("y0").GetDouble()));
        Assert.All(shapes, s => Assert.Equal("paper", s.GetProperty("xref").GetString()));
        Assert.Equal(["dash", "dot"], shapes.Select(s => s.GetProperty("line").GetProperty("dash").GetString()));
        Assert.Equal("-0.3 points", layout.GetProperty("annotations").EnumerateArray().Single().GetProperty("text").GetString());
    }

    [Fact]
    public void One_trace_per_group_and_series_with_readable_legend_names()
    {
        var data = Figure(FigureRenderer.Render(Spec, Table())).GetProperty("data");
        Assert.Equal(6, data.GetArrayLength());
        var names = data.EnumerateArray().Select(t => t.GetProperty("name").GetString()).ToList();
        Assert.Equal(["a measured", "a theory", "a published", "b measured", "b theory", "b published"], names);
    }

    [Fact]
    public void Theory_is_dashed_without_markers_in_the_group_colour_and_published_is_dotted()
    {
        var data = Figure(FigureRenderer.Render(Spec, Table())).GetProperty("data").EnumerateArray().ToList();
        var measured = data[0];
        var theory = data[1];
        var published = data[2];
        Assert.Equal("lines+markers", measured.GetProperty("mode").GetString());
        Assert.Equal("lines", theory.GetProperty("mode").GetString());
        Assert.Equal("dash", theory.GetProperty("line").GetProperty("dash").GetString());
        Assert.Equal("dot", published.GetProperty("line").GetProperty("dash").GetString());
        Assert.Equal(measured.GetProperty("line").GetProperty("color").GetString(), theory.GetProperty("line").GetProperty("color").GetString());
        Assert.NotEqual(data[0].GetProperty("line").GetProperty("color").GetString(), data[3].GetProperty("line").GetProperty("color").GetString());
        Assert.NotEqual(measured.GetProperty("marker").GetProperty("symbol").GetString(), published.GetProperty("marker").GetProperty("symbol").GetString());
    }

    [Fact]
    public void Measured_series_have_asymmetric_error_bars_sorted_by_x()
    {
        var a = Figure(FigureRenderer.Render(Spec, Table())).GetProperty("data")[0];
        Assert.Equal([1.0, 2.0], a.GetProperty("x").EnumerateArray().Select(v => v.GetDouble()));
        var err = a.GetProperty("error_y");
        Assert.False(err.GetProperty("symmetric").GetBoolean());
        Assert.Equal(0.1, err.GetProperty("array")[0].GetDouble(), 9);
        Assert.Equal(0.1, err.GetProperty("arrayminus")[0].GetDouble(), 9);
        Assert.Equal(0.2, err.GetProperty("array")[1].GetDouble(), 9);
        Assert.Equal(0.1, err.GetProperty("arrayminus")[1].GetDouble(), 9);
    }

    [Fact]
    public void Axes_take_titles_from_the_spec_and_log_when_asked_and_markers_become_lines()
    {
        var layout = Figure(FigureRenderer.Render(Spec, Table())).GetProperty("layout");
        Assert.Equal("size (bytes)", layout.GetProperty("xaxis").GetProperty("title").GetProperty("text").GetString());
        Assert.Equal("linear", layout.GetProperty("xaxis").GetProperty("type").GetString());
        Assert.Equal("log", layout.GetProperty("yaxis").GetProperty("type").GetString());
        Assert.Equal("Demo figure", layout.GetProperty("title").GetProperty("text").GetString());
        Assert.Equal("dash", layout.GetProperty("shapes")[0].GetProperty("line").GetProperty("dash").GetString());
        Assert.Equal("optimum", layout.GetProperty("annotations")[0].GetProperty("text").GetString());
        Assert.Equal(0, layout.GetProperty("annotations")[0].GetProperty("yshift").GetInt32());
    }

    [Fact]
    public void A_marker_label_on_a_lower_row_is_shifted_down()
    {
        var spec = Spec with { Markers = [new MarkerLine(1, "start"), new MarkerLine(2, "end", Row: 1)] };
        var annotations = Figure(FigureRenderer.Render(spec, Table())).GetProperty("layout").GetProperty("annotations");
        Assert.Equal(0, annotations[0].GetProperty("yshift").GetInt32());
        Assert.Equal(-20, annotations[1].GetProperty("yshift").GetInt32());
        Assert.Equal("end", annotations[1].GetProperty("text").GetString());
    }

    [Fact]
    public void Renders_a_real_experiment_result()
    {
        var result = ChartTestData.RunTinyFprVsK();
        var chart = Assert.Single(FigureRenderer.RenderAll(result));
        var data = Figure(chart).GetProperty("data");
        Assert.Equal(4, data.GetArrayLength());
        Assert.Equal("classic measured", data[0].GetProperty("name").GetString());
        Assert.Equal("blocked theory", data[3].GetProperty("name").GetString());
    }

    [Fact]
    public void Missing_column_is_named()
    {
        var bad = Spec with { X = new AxisSpec("nope", "n") };
        var e = Assert.Throws<KeyNotFoundException>(() => FigureRenderer.Render(bad, Table()));
        Assert.Contains("nope", e.Message);
    }
}
