using System.Text;
using System.Text.Json;

namespace Workbench.Notebooks.Tests;

/// <summary>Reading .ipynb files: cell sources, outputs and errors.</summary>
internal static class NotebookJson
{
    public static JsonElement[] Cells(JsonDocument notebook) =>
        notebook.RootElement.TryGetProperty("cells", out var cells) ? [.. cells.EnumerateArray()] : [];

    public static string Source(JsonElement cell) =>
        cell.TryGetProperty("source", out var s)
            ? s.ValueKind == JsonValueKind.Array ? string.Concat(s.EnumerateArray().Select(l => l.GetString())) : s.GetString() ?? ""
            : "";

    /// <summary>The error text of every failed cell of an executed notebook: cell number, its first line, the error.</summary>
    public static IReadOnlyList<string> Errors(string path)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(path));
        var errors = new List<string>();
        var cells = Cells(doc);
        for (int i = 0; i < cells.Length; i++)
        {
            if (!cells[i].TryGetProperty("outputs", out var outputs)) continue;
            foreach (var o in outputs.EnumerateArray())
            {
                if (o.GetProperty("output_type").GetString() != "error") continue;
                var sb = new StringBuilder();
                string firstLine = Source(cells[i]).Split('\n')[0];
                sb.AppendLine($"cell {i + 1} ({firstLine}):");
                if (o.TryGetProperty("ename", out var ename)) sb.Append(ename.GetString()).Append(": ");
                if (o.TryGetProperty("evalue", out var evalue)) sb.AppendLine(evalue.GetString());
                if (o.TryGetProperty("traceback", out var tb) && tb.ValueKind == JsonValueKind.Array)
                    foreach (var line in tb.EnumerateArray()) sb.AppendLine(line.GetString());
                errors.Add(sb.ToString().TrimEnd());
            }
        }
        return errors;
    }
}
