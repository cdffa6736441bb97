using Workbench.Charts;

namespace Workbench.Tests.Charts;

/// <summary>A fact that runs only where a Chromium for static image export is installed; skipped with the reason otherwise.</summary>
public sealed class ChromiumFactAttribute : FactAttribute
{
    public ChromiumFactAttribute()
    {
        if (ChromiumLocator.Find() is null)
            Skip = $"No Chromium found for SVG/PNG export (install one, Debian: apt-get install -y chromium, or set {ChromiumLocator.EnvironmentVariable}=/path/to/chrome).";
    }
}
