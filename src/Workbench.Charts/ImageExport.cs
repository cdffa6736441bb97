using Microsoft.FSharp.Core;
using Plotly.NET;
using Plotly.NET.ImageExport;
using PuppeteerSharp;

namespace Workbench.Charts;

/// <summary>
/// Static SVG and PNG export of a chart through Plotly.NET.ImageExport on a local Chromium. The
/// renderer is pointed at the given executable with a headless, sandbox-free, offline set of
/// arguments, so it never downloads a browser. Each call starts and stops Chromium (about 2 to 3 s).
/// Calls are serialised because the renderer's options are process-wide.
/// </summary>
public static class ImageExporter
{
    /// <summary>Chromium arguments: headless, no sandbox (containers), no GPU, no network chatter.</summary>
    public static IReadOnlyList<string> BrowserArguments { get; } =
        ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--headless", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"];

    /// <summary>Scale factor of PNG images: a <see cref="FigureRenderer.Width"/> x <see cref="FigureRenderer.Height"/> figure becomes twice as many pixels each way, so text stays sharp.</summary>
    public const double PngScale = 2.0;

    private static readonly Lock Gate = new();

    /// <summary>Renders the chart as an SVG document (text).</summary>
    public static string RenderSvg(GenericChart chart, string chromium)
    {
        lock (Gate)
        {
            var renderer = Configure(chromium);
            return renderer.RenderSVG(FigureRenderer.Width, FigureRenderer.Height, 1.0, WithFullPlotlyJs(chart));
        }
    }

    /// <summary>Renders the chart as PNG bytes at <see cref="PngScale"/>.</summary>
    public static byte[] RenderPng(GenericChart chart, string chromium)
    {
        lock (Gate)
        {
            var renderer = Configure(chromium);
            var dataUri = renderer.RenderPNG(FigureRenderer.Width, FigureRenderer.Height, PngScale, WithFullPlotlyJs(chart));
            return Convert.FromBase64String(dataUri[(dataUri.IndexOf(',') + 1)..]);
        }
    }

    /// <summary>Embeds plotly.js in full: with the CDN reference the export waits and fails offline.</summary>
    internal static GenericChart WithFullPlotlyJs(GenericChart chart) =>
        Plotly.NET.Chart.withDisplayOptions(FigureRenderer.FullPlotlyJs()).Invoke(chart);

    private static IGenericChartRenderer Configure(string chromium)
    {
        PuppeteerSharpRendererOptions.localBrowserExecutablePath = FSharpOption<string>.Some(chromium);
        var launch = new LaunchOptions
        {
            Headless = true,
            ExecutablePath = chromium,
            Args = [.. BrowserArguments],
            Timeout = 60_000,
        };
        PuppeteerSharpRendererOptions.launchOptions = launch;
        return new PuppeteerSharpRenderer();
    }
}
