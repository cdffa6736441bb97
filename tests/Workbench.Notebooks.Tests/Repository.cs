using System.Text.Json;

namespace Workbench.Notebooks.Tests;

/// <summary>Paths of the repository under test and of the NuGet package cache.</summary>
internal static class Repository
{
    /// <summary>The folder holding Workbench.sln, found by walking up from the test assembly.</summary>
    public static string Root { get; } = FindRoot();

    public static string Notebooks => Path.Combine(Root, "notebooks");

    /// <summary>Every notebook except the shared setup, which the others import.</summary>
    public static IEnumerable<string> WalkthroughNotebooks() =>
        Directory.EnumerateFiles(Notebooks, "*.ipynb")
            .Where(f => !Path.GetFileName(f).Equals("setup.ipynb", StringComparison.OrdinalIgnoreCase))
            .Order(StringComparer.Ordinal);

    /// <summary>The global NuGet packages folder (NUGET_PACKAGES, or ~/.nuget/packages).</summary>
    public static string NuGetPackages =>
        Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } p
            ? p
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");

    /// <summary>The version of a tool pinned in .config/dotnet-tools.json.</summary>
    public static string ToolVersion(string packageId)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(Root, ".config", "dotnet-tools.json")));
        foreach (var tool in doc.RootElement.GetProperty("tools").EnumerateObject())
        {
            if (tool.Name.Equals(packageId, StringComparison.OrdinalIgnoreCase))
                return tool.Value.GetProperty("version").GetString()!;
        }
        throw new InvalidOperationException($".config/dotnet-tools.json does not pin {packageId}");
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Workbench.sln"))) return dir.FullName;
        }
        throw new DirectoryNotFoundException($"No Workbench.sln above {AppContext.BaseDirectory}");
    }
}
