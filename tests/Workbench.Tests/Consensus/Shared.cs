using Workbench.Consensus.Linearizability;

namespace Workbench.Tests.Consensus;

/// <summary>Locates ../shared for the tests that read the recorded histories.</summary>
internal static class Shared
{
    /// <summary>The shared folder (parent of <c>linearizability</c>); fails loudly when absent.</summary>
    public static string Root => Path.GetDirectoryName(SharedHistories.Find()
        ?? throw new InvalidOperationException($"The shared histories (../shared/linearizability from the repository root, or ${SharedHistories.EnvironmentVariable}) are absent; these tests need them."))!;
}
