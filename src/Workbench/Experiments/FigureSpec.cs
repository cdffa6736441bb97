namespace Workbench.Experiments;

/// <summary>How a series is drawn: measurements as markers with lines, theory as a dashed line, published
/// values dotted with open markers, points as markers alone (values that a line should not join, such as one per
/// category side by side with other groups'), and lanes as thick horizontal bars (a state over time: the series' y is
/// the lane, NaN where the state does not hold), each lane series in a colour of its own.</summary>
public enum SeriesStyle
{
    Measured,
    Theory,
    Published,
    Points,
    Lane,
}

/// <summary>An axis: the column it reads, its title with units, and whether it is logarithmic; optionally its
/// range (<paramref name="Min"/> to <paramref name="Max"/>, in data units, used when both are given) and names for the integer positions
/// 1, 2, ... (<paramref name="TickLabels"/>, for lanes).</summary>
public sealed record AxisSpec(string Column, string Title, bool Log = false, double? Min = null, double? Max = null, IReadOnlyList<string>? TickLabels = null);

/// <summary>
/// One line on a figure: the y column, its legend label, its style, and optionally the columns
/// holding the lower and upper ends of an error bar (for example a confidence interval).
/// </summary>
public sealed record SeriesSpec(string YColumn, string Label, SeriesStyle Style = SeriesStyle.Measured, string? ErrorLow = null, string? ErrorHigh = null);

/// <summary>A vertical reference line at an x value, with a label (for example the optimal k). Labels sit at
/// the top of the plot; <paramref name="Row"/> moves one down by that many text lines, so labels of lines
/// close together need not overlap.</summary>
public sealed record MarkerLine(double X, string Label, int Row = 0);

/// <summary>A horizontal reference line at a y value, dashed or dotted, with a label at its right end unless
/// <paramref name="Label"/> is empty (for example an allowed shortfall, explained in the title).</summary>
public sealed record LevelLine(double Y, string Label, bool Dashed = true);

/// <summary>Keeps only the rows whose <paramref name="Column"/> holds <paramref name="Value"/> (one figure per trace, say, from one table).</summary>
public sealed record RowFilter(string Column, string Value);

/// <summary>
/// A declarative description of one figure drawn from a <see cref="ResultTable"/>. It holds no
/// plotting code: <c>Workbench.Charts</c> turns it into a Plotly.NET chart, so the library stays
/// free of any charting dependency. When <see cref="GroupBy"/> is set, every series is drawn once
/// per distinct value of that column (for example once per filter), with one colour per group and
/// the theory line dashed in the same colour as its measurements.
/// </summary>
public sealed record FigureSpec(
    string Name,
    string Title,
    AxisSpec X,
    AxisSpec Y,
    IReadOnlyList<SeriesSpec> Series,
    string? GroupBy = null,
    IReadOnlyList<MarkerLine>? Markers = null,
    RowFilter? Where = null,
    IReadOnlyList<LevelLine>? Levels = null);
