using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics.X86;

namespace Workbench.Hashing;

/// <summary>
/// The high 64 bits of a 64×64-bit product, the one instruction behind Lemire's range reduction
/// (<see cref="KeyHash.Reduce"/>) and XXH3's 128-bit multiply. Same value as
/// <see cref="Math.BigMul(ulong, ulong, out ulong)"/>, but with BMI2 it is a single <c>mulx</c> whose
/// low half is discarded, where <c>BigMul</c>'s <c>out</c> argument makes the compiler store and
/// reload the low half through the stack on every call of a hot loop.
/// </summary>
internal static class MulHigh
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Of(ulong a, ulong b) => Bmi2.X64.IsSupported ? Bmi2.X64.MultiplyNoFlags(a, b) : Math.BigMul(a, b, out _);
}
