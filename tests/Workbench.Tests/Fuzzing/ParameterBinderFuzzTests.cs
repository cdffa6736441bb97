using System.Text;
using Workbench.Experiments;
using Workbench.Fuzzing;

namespace Workbench.Tests.Fuzzing;

/// <summary>
/// Hostile <c>--set</c> values found while fuzzing <see cref="ParameterBinder"/>: each is rejected
/// quickly with a message naming the parameter, instead of looping or allocating without bound.
/// </summary>
public class ParameterBinderFuzzTests
{
    private static readonly string[] Hostile =
    [
        // A stepped range whose next value overflows a long: the loop used to wrap around and never end.
        "keys=9223372036854775800..9223372036854775807:5",
        // A range spanning all of long: the size check overflowed to a small number and let it through.
        "keys=-9223372036854775808..9223372036854775807",
        // Many ranges, each under the per-range limit: hundreds of millions of values from a short line.
        "keys=" + string.Join(",", Enumerable.Repeat("1..1000000", 200)),
    ];

    public static TheoryData<string> Cases => [.. Hostile];

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Hostile_setting_is_rejected_quickly_naming_the_parameter(string setting)
    {
        var experiment = ExperimentRegistry.Library.Find("treap/depth-vs-n")!;
        var task = Task.Run(() => Assert.Throws<ParameterException>(() => ParameterBinder.Bind(experiment.Defaults, [ParameterBinder.ParseSetting(setting)])));
        var first = await Task.WhenAny(task, Task.Delay(TimeSpan.FromSeconds(20)));
        Assert.True(first == task, $"binding '{setting[..Math.Min(60, setting.Length)]}' did not finish in 20 s");
        Assert.Contains("keys", (await task).Message);
    }

    [Fact]
    public void Range_ending_at_the_largest_long_is_read_exactly()
    {
        var bound = (LongList)ParameterBinder.Bind(new LongList([1]), [ParameterBinder.ParseSetting("values=9223372036854775803..9223372036854775807:2")]);
        Assert.Equal([9223372036854775803, 9223372036854775805, 9223372036854775807], bound.Values);
    }

    [Fact]
    public void Fuzz_target_rejects_the_hostile_inputs()
    {
        var index = ExperimentRegistry.Library.All.ToList().FindIndex(e => e.Id == "treap/depth-vs-n");
        foreach (var setting in Hostile)
            Assert.Equal(FuzzOutcome.Rejected, ParameterBinderTarget.Execute((byte[])[(byte)index, .. Encoding.UTF8.GetBytes(setting)]));
    }

    private sealed record LongList(long[] Values);
}
