using System.Globalization;
using DynamicObj;
using Microsoft.FSharp.Collections;
using Microsoft.FSharp.Core;
using Plotly.NET;
using Workbench.Experiments;

namespace Workbench.Charts;

/// <summary>
/// Turns a declarative <see cref="FigureSpec"/> and its <see cref="ResultTable"/> into a Plotly.NET
/// chart with the workbench's house style: white background, axis titles taken from the spec (they
/// carry the units), logarithmic axes where <see cref="AxisSpec.Log"/> is set, one colour per group
/// (<see cref="FigureSpec.GroupBy"/>) shared by all of that group's series, measurements as markers
/// and lines with asymmetric error bars, theory as a dashed line in the same colour, published values
/// as a dotted line with open markers, and <see cref="MarkerLine"/>s as labelled vertical dashed grey
/// lines. The chart embeds plotly.js in full (<see cref="PlotlyJSReference.Full"/>), so its HTML opens
/// offline and static export needs no network.
/// </summary>
public static class FigureRenderer
{
    /// <summary>Logical width of a figure in CSS pixels; static images multiply it by their scale.</summary>
    public const int Width = 1000;

    /// <summary>Logical height of a figure in CSS pixels.</summary>
    public const int Height = 600;

    /// <summary>Colour-blind-safe palette (Okabe and Ito), one entry per group in first-seen order.</summary>
    public static IReadOnlyList<string> Palette { get; } = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000", "#F0E442"];

    /// <summary>Colours of <see cref="SeriesStyle.Lane"/> series, in series order whatever the group (a lane figure
    /// groups by lane so that each lane's bars are drawn separately): vermillion, orange, sky blue, grey
    /// (for example leader, candidate, follower, down).</summary>
    public static IReadOnlyList<string> LanePalette { get; } = ["#D55E00", "#E69F00", "#56B4E9", "#AAAAAA", "#009E73", "#CC79A7"];

    private static readonly string[] MeasuredSymbols = ["circle", "square", "diamond", "triangle-up", "triangle-down", "cross", "x", "star", "hexagon", "pentagon"];
    private static readonly string[] PublishedSymbols = ["diamond-open", "star-open", "square-open", "triangle-up-open", "circle-open", "cross-open", "x-open", "hexagon-open"];
    private const string FontFamily = "Arial, Helvetica, sans-serif";

    /// <summary>
    /// Renders one figure. Throws <see cref="KeyNotFoundException"/> naming the column when the spec
    /// reads a column the table lacks. Rows are drawn in ascending x order within each group; a
    /// missing number (NaN) becomes a gap.
    /// </summary>
    public static GenericChart Render(FigureSpec spec, ResultTable table)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(table);
        if (spec.Where is { } filter) table = table.Where(filter.Column, filter.Value);
        table.ColumnIndex(spec.X.Column);
        foreach (var s in spec.Series)
        {
            table.ColumnIndex(s.YColumn);
            if (s.ErrorLow is not null) table.ColumnIndex(s.ErrorLow);
            if (s.ErrorHigh is not null) table.ColumnIndex(s.ErrorHigh);
        }

        var groups = spec.GroupBy is null ? [(Label: (string?)null, Rows: table)] : table.Distinct(spec.GroupBy).Select(g => (Label: (string?)g, Rows: table.Where(spec.GroupBy, g))).ToList();
        bool numericX = table.Rows.All(r => r[table.ColumnIndex(spec.X.Column)] is long or double);
        var traces = new List<Trace>();
        for (int g = 0; g < groups.Count; g++)
        {
            var (label, rows) = groups[g];
            string colour = Palette[g % Palette.Count];
            var order = Enumerable.Range(0, rows.RowCount).ToArray();
            if (numericX)
            {
                var keys = rows.Doubles(spec.X.Column).ToArray();
                order = [.. order.OrderBy(i => keys[i])];
            }
            object[] xs = numericX
                ? [.. order.Select(i => (object)Convert.ToDouble(rows.Rows[i][rows.ColumnIndex(spec.X.Column)], CultureInfo.InvariantCulture))]
                : [.. order.Select(i => (object)ResultTable.FormatCell(rows.Rows[i][rows.ColumnIndex(spec.X.Column)]))];
            int published = 0, lanes = 0;
            foreach (var series in spec.Series)
            {
                var ys = Column(rows, series.YColumn, order);
                if (series.Style == SeriesStyle.Published && ys.All(y => y is null || double.IsNaN(y.Value))) continue;
                string seriesColour = series.Style == SeriesStyle.Lane ? LanePalette[lanes++ % LanePalette.Count] : colour;
                traces.Add(SeriesTrace(series, label, seriesColour, g, published, xs, ys, rows, order));
                if (series.Style == SeriesStyle.Published) published++;
            }
        }

        var layout = BuildLayout(spec, numericX);
        var config = new Config();
        config.SetProperty("responsive", true);
        config.SetProperty("displaylogo", false);
        return GenericChart.NewMultiChart(ListModule.OfSeq(traces), layout, config, FullPlotlyJs());
    }

    /// <summary>Renders every figure of a result, in the order of <see cref="ExperimentResult.Figures"/>.</summary>
    public static IReadOnlyList<GenericChart> RenderAll(ExperimentResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return [.. result.Figures.Select(f => Render(f, result.Table))];
    }

    /// <summary>Display options that embed plotly.js in full, so HTML opens offline and static export needs no network.</summary>
    internal static DisplayOptions FullPlotlyJs() =>
        DisplayOptions.init(null, null, null, null, null, null, FSharpOption<PlotlyJSReference>.Some(PlotlyJSReference.Full));

    /// <summary>The legend entry of a series: <c>"&lt;group&gt; &lt;label&gt;"</c>, or the label alone without grouping.</summary>
    public static string LegendName(string? group, SeriesSpec series) =>
        group is null ? series.Label : series.Label.Length == 0 ? group : $"{group} {series.Label}";

    private static Trace SeriesTrace(SeriesSpec series, string? group, string colour, int groupIndex, int publishedIndex, object[] xs, double?[] ys, ResultTable rows, int[] order)
    {
        var trace = new Trace("scatter");
        trace.SetProperty("x", xs);
        trace.SetProperty("y", ys);
        if (series.Style == SeriesStyle.Lane)
        {
            // Lanes are states, not groups: one legend entry per state (shown with the first group), and
            // clicking it toggles that state in every lane.
            trace.SetProperty("name", series.Label);
            trace.SetProperty("showlegend", groupIndex == 0);
            trace.SetProperty("legendgroup", series.Label);
        }
        else
        {
            trace.SetProperty("name", LegendName(group, series));
            trace.SetProperty("showlegend", true);
            if (group is not null) trace.SetProperty("legendgroup", group);
        }
        var line = new DynamicObj.DynamicObj();
        line.SetProperty("color", colour);
        var marker = new DynamicObj.DynamicObj();
        marker.SetProperty("color", colour);
        switch (series.Style)
        {
            case SeriesStyle.Measured:
                trace.SetProperty("mode", "lines+markers");
                line.SetProperty("width", 1.5);
                line.SetProperty("dash", "solid");
                marker.SetProperty("size", 9);
                marker.SetProperty("symbol", MeasuredSymbols[groupIndex % MeasuredSymbols.Length]);
                trace.SetProperty("marker", marker);
                break;
            case SeriesStyle.Theory:
                trace.SetProperty("mode", "lines");
                line.SetProperty("width", 3);
                line.SetProperty("dash", "dash");
                break;
            case SeriesStyle.Published:
                trace.SetProperty("mode", "lines+markers");
                line.SetProperty("width", 2);
                line.SetProperty("dash", "dot");
                marker.SetProperty("size", 11);
                marker.SetProperty("symbol", PublishedSymbols[publishedIndex % PublishedSymbols.Length]);
                marker.SetProperty("line", new Dictionary<string, object> { ["width"] = 2, ["color"] = colour });
                trace.SetProperty("marker", marker);
                break;
            case SeriesStyle.Points:
                trace.SetProperty("mode", "markers");
                marker.SetProperty("size", 10);
                // A thin dark outline, so that the palette's light colours (yellow) show on white.
                marker.SetProperty("line", new Dictionary<string, object> { ["width"] = 1, ["color"] = "#333333" });
                marker.SetProperty("symbol", MeasuredSymbols[groupIndex % MeasuredSymbols.Length]);
                trace.SetProperty("marker", marker);
                break;
            case SeriesStyle.Lane:
                // A bar where the state holds: a thick line broken at the NaN gaps, with square markers so
                // that a state seen in a single sample still shows.
                trace.SetProperty("mode", "lines+markers");
                line.SetProperty("width", 16);
                line.SetProperty("dash", "solid");
                marker.SetProperty("size", 12);
                marker.SetProperty("symbol", "square");
                trace.SetProperty("marker", marker);
                trace.SetProperty("connectgaps", false);
                break;
        }
        trace.SetProperty("line", line);

        if (series.ErrorLow is not null || series.ErrorHigh is not null)
        {
            var low = series.ErrorLow is null ? null : Column(rows, series.ErrorLow, order);
            var high = series.ErrorHigh is null ? null : Column(rows, series.ErrorHigh, order);
            var plus = new double[ys.Length];
            var minus = new double[ys.Length];
            for (int i = 0; i < ys.Length; i++)
            {
                double y = ys[i] ?? double.NaN;
                plus[i] = high?[i] is double h && double.IsFinite(y) ? Math.Max(0, h - y) : 0;
                minus[i] = low?[i] is double l && double.IsFinite(y) ? Math.Max(0, y - l) : 0;
            }
            var error = new DynamicObj.DynamicObj();
            error.SetProperty("type", "data");
            error.SetProperty("symmetric", false);
            error.SetProperty("array", plus);
            error.SetProperty("arrayminus", minus);
            error.SetProperty("color", colour);
            error.SetProperty("thickness", 1.5);
            error.SetProperty("width", 5);
            error.SetProperty("visible", true);
            trace.SetProperty("error_y", error);
        }
        return trace;
    }

    private static double?[] Column(ResultTable rows, string column, int[] order)
    {
        var values = rows.Doubles(column).ToArray();
        return [.. order.Select(i => double.IsFinite(values[i]) ? values[i] : (double?)null)];
    }

    private static Layout BuildLayout(FigureSpec spec, bool numericX)
    {
        var layout = new Layout();
        layout.SetProperty("title", new Dictionary<string, object>
        {
            ["text"] = TitleMarkup(spec.Title),
            ["x"] = 0.5,
            ["xanchor"] = "center",
            ["font"] = new Dictionary<string, object> { ["size"] = 20, ["family"] = FontFamily, ["color"] = "#111111" },
        });
        layout.SetProperty("font", new Dictionary<string, object> { ["family"] = FontFamily, ["size"] = 16, ["color"] = "#222222" });
        layout.SetProperty("paper_bgcolor", "white");
        layout.SetProperty("plot_bgcolor", "white");
        layout.SetProperty("width", Width);
        layout.SetProperty("height", Height);
        layout.SetProperty("hovermode", "closest");
        layout.SetProperty("margin", new Dictionary<string, object> { ["l"] = 90, ["r"] = 30, ["t"] = spec.Title.Contains('\n') ? 95 : 70, ["b"] = 75 });
        var xaxis = Axis(spec.X);
        // Names on x (one point per filter, say): a category axis; a linear one would place no point at all.
        if (!numericX && !spec.X.Log) xaxis["type"] = "category";
        layout.SetProperty("xaxis", xaxis);
        layout.SetProperty("yaxis", Axis(spec.Y));
        layout.SetProperty("legend", new Dictionary<string, object>
        {
            ["bgcolor"] = "rgba(255,255,255,0.9)",
            ["bordercolor"] = "#BBBBBB",
            ["borderwidth"] = 1,
            ["font"] = new Dictionary<string, object> { ["size"] = 15 },
            ["tracegroupgap"] = 6,
        });
        // Groups of points on a category axis stand side by side within each category, as grouped bars do.
        if (!numericX && spec.Series.Any(s => s.Style == SeriesStyle.Points))
        {
            layout.SetProperty("scattermode", "group");
            layout.SetProperty("scattergap", 0.25);
            // Many categories (one per trace, say): slanted names, readable and clear of the axis title.
            xaxis["tickangle"] = -35;
        }
        var markers = spec.Markers ?? [];
        var levels = spec.Levels ?? [];
        var shapes = new List<Dictionary<string, object>>();
        var annotations = new List<Dictionary<string, object>>();
        foreach (var level in levels)
        {
            shapes.Add(new Dictionary<string, object>
            {
                ["type"] = "line",
                ["xref"] = "paper",
                ["yref"] = "y",
                ["x0"] = 0,
                ["x1"] = 1,
                ["y0"] = level.Y,
                ["y1"] = level.Y,
                ["line"] = new Dictionary<string, object> { ["color"] = "#777777", ["width"] = 2, ["dash"] = level.Dashed ? "dash" : "dot" },
            });
            if (level.Label.Length > 0)
                annotations.Add(new Dictionary<string, object>
                {
                    ["x"] = 1,
                    ["xref"] = "paper",
                    ["y"] = spec.Y.Log ? Math.Log10(level.Y) : level.Y,
                    ["yref"] = "y",
                    ["xanchor"] = "right",
                    ["yanchor"] = "top",
                    ["showarrow"] = false,
                    ["text"] = level.Label,
                    ["font"] = new Dictionary<string, object> { ["size"] = 14, ["color"] = "#555555" },
                    ["bgcolor"] = "rgba(255,255,255,0.85)",
                });
        }
        if (markers.Count > 0)
        {
            shapes.AddRange(markers.Select(m => new Dictionary<string, object>
            {
                ["type"] = "line",
                ["xref"] = "x",
                ["yref"] = "paper",
                ["x0"] = m.X,
                ["x1"] = m.X,
                ["y0"] = 0,
                ["y1"] = 1,
                ["line"] = new Dictionary<string, object> { ["color"] = "#777777", ["width"] = 2, ["dash"] = "dash" },
            }));
            annotations.AddRange(markers.Select(m => new Dictionary<string, object>
            {
                // Annotations on a log axis are placed in log10 units; shapes take data values.
                ["x"] = spec.X.Log ? Math.Log10(m.X) : m.X,
                ["xref"] = "x",
                ["y"] = 1,
                ["yref"] = "paper",
                ["yanchor"] = "top",
                ["xanchor"] = "left",
                ["xshift"] = 4,
                ["yshift"] = -20 * m.Row,
                ["showarrow"] = false,
                ["text"] = m.Label,
                ["font"] = new Dictionary<string, object> { ["size"] = 14, ["color"] = "#555555" },
                ["bgcolor"] = "rgba(255,255,255,0.85)",
            }));
        }
        if (shapes.Count > 0) layout.SetProperty("shapes", shapes.ToArray());
        if (annotations.Count > 0) layout.SetProperty("annotations", annotations.ToArray());
        return layout;
    }

    /// <summary>A title's first line as the title; later lines (after a newline) as a smaller second line.</summary>
    internal static string TitleMarkup(string title)
    {
        int newline = title.IndexOf('\n');
        if (newline < 0) return title;
        string rest = title[(newline + 1)..].Replace("\n", "<br>");
        return $"{title[..newline]}<br><span style=\"font-size:15px;color:#444444\">{rest}</span>";
    }

    private static Dictionary<string, object> Axis(AxisSpec axis)
    {
        var a = new Dictionary<string, object>
        {
            ["title"] = new Dictionary<string, object> { ["text"] = axis.Title, ["font"] = new Dictionary<string, object> { ["size"] = 17 } },
            ["type"] = axis.Log ? "log" : "linear",
            ["showline"] = true,
            ["linecolor"] = "#444444",
            ["linewidth"] = 1,
            ["mirror"] = true,
            ["ticks"] = "outside",
            ["showgrid"] = true,
            ["gridcolor"] = "#E5E5E5",
            ["zeroline"] = false,
            ["automargin"] = true,
        };
        if (axis.Log) a["exponentformat"] = "power";
        if (axis.Min is double min && axis.Max is double max)
        {
            // Plotly takes a log axis's range in log10 units.
            a["range"] = axis.Log ? new[] { Math.Log10(min), Math.Log10(max) } : new[] { min, max };
        }
        if (axis.TickLabels is { Count: > 0 } labels)
        {
            a["tickmode"] = "array";
            a["tickvals"] = Enumerable.Range(1, labels.Count).Select(i => (double)i).ToArray();
            a["ticktext"] = labels.ToArray();
        }
        return a;
    }
}
