namespace Workbench.Charts;

/// <summary>
/// Finds a local Chromium or Chrome for static image export, never downloading one. Order: the
/// <c>WORKBENCH_CHROMIUM</c> environment variable (used as given; an unset or missing path falls
/// through), then <c>/usr/bin/chromium</c>, <c>/usr/bin/chromium-browser</c>,
/// <c>/usr/bin/google-chrome</c>, then <c>chromium</c>, <c>chromium-browser</c> or
/// <c>google-chrome</c> on <c>PATH</c>.
/// </summary>
public static class ChromiumLocator
{
    /// <summary>The environment variable that names a browser executable explicitly.</summary>
    public const string EnvironmentVariable = "WORKBENCH_CHROMIUM";

    /// <summary>The one message shown when no browser is found.</summary>
    public const string MissingMessage =
        "No Chromium found: wrote CSV, JSON and HTML only. For SVG/PNG install one (Debian: apt-get install -y chromium) or set WORKBENCH_CHROMIUM=/path/to/chrome.";

    private static readonly string[] WellKnown = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"];
    private static readonly string[] OnPath = ["chromium", "chromium-browser", "google-chrome"];

    /// <summary>The full path of a browser executable, or null when none is installed.</summary>
    public static string? Find()
    {
        var fromEnv = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(fromEnv) && File.Exists(fromEnv)) return Path.GetFullPath(fromEnv);
        foreach (var p in WellKnown)
        {
            if (File.Exists(p)) return p;
        }
        var path = Environment.GetEnvironmentVariable("PATH") ?? "";
        foreach (var dir in path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            foreach (var name in OnPath)
            {
                var candidate = Path.Combine(dir, name);
                if (File.Exists(candidate)) return candidate;
            }
        }
        return null;
    }
}
