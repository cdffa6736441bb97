using Plotly.NET;
using Workbench.Experiments;

namespace Workbench.Charts;

/// <summary>What <see cref="ExperimentWriter.Write"/> produced.</summary>
/// <param name="Files">Full paths of every file written, in writing order.</param>
/// <param name="Notice">Set when SVG and PNG were skipped because no Chromium was found (<see cref="ChromiumLocator.MissingMessage"/>); show it once.</param>
public sealed record ExportResult(IReadOnlyList<string> Files, string? Notice);

/// <summary>
/// Writes one <see cref="ExperimentResult"/> into a directory: <c>&lt;name&gt;.csv</c> (the result
/// table), per figure <c>&lt;figure&gt;.html</c> (self-contained, plotly.js embedded, opens offline) and,
/// when a Chromium is found, <c>&lt;figure&gt;.svg</c> and <c>&lt;figure&gt;.png</c>, and last
/// <c>&lt;name&gt;.json</c>, the <see cref="Provenance"/> listing them, where <c>&lt;name&gt;</c> is the part of
/// the experiment id after the slash. Every file is written atomically; existing files of the same
/// names are replaced, others in the directory are left alone. An image export failure is an error
/// (the browser exists but did not work), not a silent skip.
/// </summary>
public static class ExperimentWriter
{
    /// <summary>
    /// Writes the files and returns their paths. <paramref name="chromium"/> is the browser for SVG and
    /// PNG: null finds one with <see cref="ChromiumLocator"/> (and sets <see cref="ExportResult.Notice"/>
    /// when there is none), <c>""</c> skips images on purpose (no notice).
    /// </summary>
    public static ExportResult Write(IExperiment experiment, ExperimentResult result, string directory, string? chromium = null)
    {
        ArgumentNullException.ThrowIfNull(experiment);
        ArgumentNullException.ThrowIfNull(result);
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        if (experiment.Id != result.ExperimentId)
            throw new ArgumentException($"Result of '{result.ExperimentId}' given with experiment '{experiment.Id}'.", nameof(result));

        var git = Provenance.GitState(directory);
        Directory.CreateDirectory(directory);
        var browser = chromium is null ? ChromiumLocator.Find() : chromium.Length == 0 ? null : chromium;
        var written = new List<string>();
        void Save(string fileName, Action<string> write)
        {
            var path = Path.GetFullPath(Path.Combine(directory, fileName));
            write(path);
            written.Add(path);
        }

        string name = experiment.Name;
        Save(name + ".csv", p => AtomicFile.WriteAllText(p, result.Table.ToCsv()));
        var charts = FigureRenderer.RenderAll(result);
        for (int i = 0; i < charts.Count; i++)
        {
            var chart = charts[i];
            var figure = result.Figures[i].Name;
            Save(figure + ".html", p => AtomicFile.WriteAllText(p, ToHtml(chart)));
            if (browser is not null)
            {
                Save(figure + ".svg", p => AtomicFile.WriteAllText(p, ImageExporter.RenderSvg(chart, browser)));
                Save(figure + ".png", p => AtomicFile.WriteAllBytes(p, ImageExporter.RenderPng(chart, browser)));
            }
        }

        var jsonPath = Path.GetFullPath(Path.Combine(directory, name + ".json"));
        var files = written.Select(p => Path.GetFileName(p)).Append(Path.GetFileName(jsonPath)).ToList();
        var provenance = Provenance.Create(experiment, result, git, files);
        Save(name + ".json", p => AtomicFile.WriteAllText(p, provenance.ToJson()));
        return new ExportResult(written, browser is null && chromium is null ? ChromiumLocator.MissingMessage : null);
    }

    /// <summary>A complete HTML page with plotly.js embedded in full.</summary>
    public static string ToHtml(GenericChart chart) => GenericChart.toEmbeddedHTML(ImageExporter.WithFullPlotlyJs(chart));
}
