namespace Workbench.Heaps;

/// <summary>
/// The number of children d of a d-ary heap, as a type: <see cref="DaryHeap{TArity}"/> reads
/// <c>TArity.D</c> as a compile-time constant, so the JIT specialises the sift loops for each d
/// (one generic core, the variant chosen by a struct type parameter).
/// </summary>
public interface IArity
{
    static abstract int D { get; }
}

/// <summary>d = 2: the binary heap (Williams 1964).</summary>
public readonly struct Arity2 : IArity { public static int D => 2; }

/// <summary>d = 4: four 16-byte entries fill one 64-byte cache line (LaMarca &amp; Ladner 1996).</summary>
public readonly struct Arity4 : IArity { public static int D => 4; }

/// <summary>d = 8: eight 16-byte entries span two cache lines.</summary>
public readonly struct Arity8 : IArity { public static int D => 8; }

/// <summary>One heap slot: a priority and the element id it belongs to; 16 bytes, four to a cache line.</summary>
[System.Runtime.InteropServices.StructLayout(System.Runtime.InteropServices.LayoutKind.Sequential)]
public readonly record struct HeapEntry(long Priority, int Id);
