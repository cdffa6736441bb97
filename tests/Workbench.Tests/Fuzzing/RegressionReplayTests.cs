using Workbench.Fuzzing;

namespace Workbench.Tests.Fuzzing;

/// <summary>
/// Replays every saved fuzz input (<c>fuzz/regressions/&lt;target&gt;/*</c>) and every target's seeds:
/// each must be accepted or rejected with the component's own error, within a time bound, never
/// crash or diverge. A crash found by <c>workbench fuzz run</c> lands there and stays a test.
/// </summary>
public class RegressionReplayTests
{
    private static readonly string Root = FindRoot();

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Workbench.sln"))) return dir.FullName;
        throw new InvalidOperationException("no Workbench.sln above the test binaries");
    }

    public static TheoryData<string> Targets => [.. FuzzTargets.All.Select(t => t.Name)];

    [Fact]
    public void Every_regression_folder_names_a_known_target()
    {
        var folder = Path.Combine(Root, "fuzz", "regressions");
        foreach (var dir in Directory.Exists(folder) ? Directory.GetDirectories(folder) : [])
            Assert.True(FuzzTargets.Find(Path.GetFileName(dir)) is not null, $"fuzz/regressions/{Path.GetFileName(dir)} names no fuzz target");
    }

    [Theory]
    [MemberData(nameof(Targets))]
    public async Task Saved_inputs_and_seeds_replay_without_crash_or_divergence(string name)
    {
        var target = FuzzTargets.Find(name)!;
        var folder = Path.Combine(Root, "fuzz", "regressions", name);
        var inputs = target.Seeds.Select((s, i) => ($"seed {i}", s)).ToList();
        if (Directory.Exists(folder))
            inputs.AddRange(Directory.GetFiles(folder).Where(f => !f.EndsWith(".md", StringComparison.Ordinal)).Order(StringComparer.Ordinal).Select(f => (Path.GetFileName(f), File.ReadAllBytes(f))));
        foreach (var (label, data) in inputs)
        {
            var run = Task.Run(() => target.Execute(data));
            var first = await Task.WhenAny(run, Task.Delay(TimeSpan.FromSeconds(30)));
            Assert.True(first == run, $"{name}: {label} did not finish within 30 s");
            await run; // rethrows a crash or divergence with the input's name in the trace
        }
    }
}
