namespace Workbench.Cli;

/// <summary>Finds the checkout a command runs in: the nearest directory at or above a start directory that holds <c>Workbench.sln</c>.</summary>
public static class RepositoryRoot
{
    public const string MarkerFile = "Workbench.sln";

    /// <summary>The repository directory, or null when <paramref name="start"/> is not inside a checkout.</summary>
    public static string? Find(string start)
    {
        for (var dir = new DirectoryInfo(Path.GetFullPath(start)); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, MarkerFile))) return dir.FullName;
        }
        return null;
    }
}
