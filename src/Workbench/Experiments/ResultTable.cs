using System.Globalization;
using System.Text;

namespace Workbench.Experiments;

/// <summary>
/// A tidy result table: one row per measurement, snake_case column names, cells of type
/// <see cref="long"/>, <see cref="double"/>, <see cref="bool"/> or <see cref="string"/>.
/// A measured column sits beside a <c>theory_*</c> column wherever a closed form or a published
/// value exists. <see cref="ToCsv"/> is byte-identical for identical contents (invariant culture,
/// round-trip doubles, LF line endings), which is what the determinism tests compare.
/// </summary>
public sealed class ResultTable
{
    private readonly List<object[]> _rows = [];
    private readonly Dictionary<string, int> _index;

    public ResultTable(params string[] columns)
    {
        if (columns.Length == 0) throw new ArgumentException("A result table needs at least one column.", nameof(columns));
        foreach (var c in columns)
        {
            if (string.IsNullOrEmpty(c) || c.Any(ch => !(char.IsAsciiLetterLower(ch) || char.IsAsciiDigit(ch) || ch == '_')))
                throw new ArgumentException($"Column name '{c}' is not snake_case.", nameof(columns));
        }
        Columns = columns;
        _index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < columns.Length; i++)
        {
            if (!_index.TryAdd(columns[i], i)) throw new ArgumentException($"Duplicate column '{columns[i]}'.", nameof(columns));
        }
    }

    public IReadOnlyList<string> Columns { get; }

    public int RowCount => _rows.Count;

    public IReadOnlyList<object[]> Rows => _rows;

    public bool HasColumn(string name) => _index.ContainsKey(name);

    /// <summary>Adds one row; values in column order. Integers are stored as long, floats as double.</summary>
    public void AddRow(params object[] values)
    {
        if (values.Length != Columns.Count)
            throw new ArgumentException($"Row has {values.Length} values but the table has {Columns.Count} columns.", nameof(values));
        var row = new object[values.Length];
        for (int i = 0; i < values.Length; i++) row[i] = Normalize(values[i], Columns[i]);
        _rows.Add(row);
    }

    public int ColumnIndex(string name) =>
        _index.TryGetValue(name, out var i) ? i : throw new KeyNotFoundException($"No column '{name}' (columns: {string.Join(", ", Columns)}).");

    public object Cell(int row, string column) => _rows[row][ColumnIndex(column)];

    public IEnumerable<double> Doubles(string column)
    {
        int c = ColumnIndex(column);
        return _rows.Select(r => Convert.ToDouble(r[c], CultureInfo.InvariantCulture));
    }

    public IEnumerable<string> Strings(string column)
    {
        int c = ColumnIndex(column);
        return _rows.Select(r => FormatCell(r[c]));
    }

    /// <summary>The rows whose <paramref name="column"/> formats to <paramref name="value"/>, as a new table.</summary>
    public ResultTable Where(string column, string value)
    {
        int c = ColumnIndex(column);
        var t = new ResultTable([.. Columns]);
        foreach (var r in _rows.Where(r => FormatCell(r[c]) == value)) t._rows.Add(r);
        return t;
    }

    /// <summary>Distinct values of a column in first-seen order (series keys for charts).</summary>
    public IReadOnlyList<string> Distinct(string column) => Strings(column).Distinct().ToList();

    public string ToCsv()
    {
        var sb = new StringBuilder();
        sb.Append(string.Join(',', Columns.Select(Escape))).Append('\n');
        foreach (var r in _rows) sb.Append(string.Join(',', r.Select(v => Escape(FormatCell(v))))).Append('\n');
        return sb.ToString();
    }

    public static string FormatCell(object v) => v switch
    {
        double d when double.IsNaN(d) => "",
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        long l => l.ToString(CultureInfo.InvariantCulture),
        bool b => b ? "true" : "false",
        string s => s,
        _ => Convert.ToString(v, CultureInfo.InvariantCulture) ?? "",
    };

    private static object Normalize(object v, string column) => v switch
    {
        null => throw new ArgumentException($"Column '{column}': null cell (use double.NaN for a missing number)."),
        double or long or bool or string => v,
        int i => (long)i,
        uint u => (long)u,
        short s => (long)s,
        byte b => (long)b,
        ulong u when u <= long.MaxValue => (long)u,
        float f => (double)f,
        decimal m => (double)m,
        _ => throw new ArgumentException($"Column '{column}': unsupported cell type {v.GetType().Name}."),
    };

    private static string Escape(string s) =>
        s.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + s.Replace("\"", "\"\"") + "\"" : s;
}
