using CsCheck;
using Workbench.Fuzzing;

namespace Workbench.Tests.Fuzzing;

/// <summary>
/// Zeller and Hildebrandt 2002: ddmin returns a subsequence that still fails and is 1-minimal
/// (removing any one element makes it pass).
/// </summary>
public class DeltaDebuggingTests
{
    [Fact]
    public void Minimizes_to_exactly_the_two_elements_that_together_cause_the_failure()
    {
        var input = Enumerable.Range(0, 100).ToList();
        var minimal = DeltaDebugging.Minimize(input, s => s.Contains(17) && s.Contains(83));
        Assert.Equal([17, 83], minimal);
    }

    [Fact]
    public void Result_still_fails_and_is_one_minimal_for_random_failure_conditions() =>
        Gen.Select(Gen.Int[0, 9].Array[1, 80], Gen.Int[0, 9].Array[1, 4]).Sample((input, needed) =>
        {
            // Fails when the sequence holds the needed values as a subsequence, in order.
            bool Fails(IReadOnlyList<int> s)
            {
                int j = 0;
                foreach (var x in s) if (j < needed.Length && x == needed[j]) j++;
                return j == needed.Length;
            }
            if (!Fails(input)) return;
            var minimal = DeltaDebugging.Minimize(input, s => Fails(s));
            Assert.True(Fails(minimal));
            for (int i = 0; i < minimal.Count; i++)
            {
                var without = minimal.Where((_, k) => k != i).ToList();
                Assert.False(Fails(without), $"removing element {i} of [{string.Join(",", minimal)}] still fails");
            }
        });
}
