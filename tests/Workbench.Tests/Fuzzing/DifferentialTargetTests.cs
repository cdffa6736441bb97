using CsCheck;
using Workbench.Fuzzing;

namespace Workbench.Tests.Fuzzing;

/// <summary>
/// Every fast implementation with a reference twin survives a seeded random differential search;
/// the byte encoding of operation sequences round-trips, so a shrunk reproducer replays as it was found.
/// </summary>
public class DifferentialTargetTests
{
    public static TheoryData<string> Names => [.. FuzzTargets.Differentials.Select(t => t.Name)];

    private static IDifferentialTarget Target(string name) => FuzzTargets.Differentials.Single(t => t.Name == name);

    [Theory]
    [MemberData(nameof(Names))]
    public void Fast_and_reference_agree_on_two_thousand_random_operation_sequences(string name)
    {
        var report = Target(name).Search(seed: 1, maxExecutions: 2000, maxOperations: 64);
        Assert.False(report.Found, $"{name}: {report.Divergence}\n{string.Join("\n", report.Minimized)}");
        Assert.Equal(2000, report.Executions);
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Any_bytes_decode_and_run_without_an_exception(string name) =>
        Gen.Byte.Array[0, 400].Sample(bytes => Assert.Null(Target(name).Run(bytes)), iter: 300);

    [Fact]
    public void Encoded_operations_decode_to_the_same_operations() =>
        Gen.Byte.Array[0, 300].Sample(bytes =>
        {
            var treap = new OrderedSetDifferential();
            var (header, ops) = treap.DecodeAll(bytes);
            var again = treap.DecodeAll(treap.EncodeAll(header, ops));
            Assert.Equal(header, again.Header);
            Assert.Equal(ops, again.Operations);
        });

    [Fact]
    public void Search_is_deterministic_for_a_seed()
    {
        var a = HeapDifferential.Pairing().Search(7, 300, 40);
        var b = HeapDifferential.Pairing().Search(7, 300, 40);
        Assert.Equal(a.Executions, b.Executions);
        Assert.Equal(a.Found, b.Found);
    }
}
