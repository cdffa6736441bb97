using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Workbench.Heaps;

/// <summary>
/// The slot array of the d-ary heaps, laid out as LaMarca &amp; Ladner (1996) lay
/// out their aligned heaps: the array is pinned and offset so that slot 1, the first child of the
/// root, starts a 64-byte cache line. With 16-byte entries the children <c>d·i+1 .. d·i+d</c> of
/// every node then start a line, so for d = 4 one sift-down level reads exactly one line (for
/// d = 2 half a line, for d = 8 two lines). The .NET heap aligns objects to 8 bytes only, so the
/// storage is a pinned <c>long[]</c> (on the pinned object heap: the address never moves) and
/// the entries start at the first suitable 8-byte offset.
/// </summary>
internal unsafe struct HeapStorage
{
    /// <summary>Cache line size assumed for the layout, in bytes.</summary>
    public const int LineBytes = 64;

    private long[] _raw;
    private int _offset;

    public HeapStorage(int capacity)
    {
        capacity = Math.Max(capacity, 4);
        Length = capacity;
        _raw = GC.AllocateUninitializedArray<long>(capacity * 2 + LineBytes / sizeof(long), pinned: true);
        // Slot 0 at an address that is 48 mod 64, so slot 1 (16 bytes later) starts a line.
        long address = (long)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(_raw));
        _offset = (int)(((48 - address % LineBytes) % LineBytes + LineBytes) % LineBytes / sizeof(long));
    }

    /// <summary>Slots available.</summary>
    public int Length { get; private set; }

    /// <summary>Slot 0; slot i is <c>Unsafe.Add(ref First, i)</c>. Valid until the next <see cref="Grow"/>.</summary>
    public readonly ref HeapEntry First
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => ref Unsafe.As<long, HeapEntry>(ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_raw), _offset));
    }

    /// <summary>The address of slot <paramref name="slot"/> (stable: the storage is pinned), for layout checks.</summary>
    public readonly long AddressOf(int slot) => (long)Unsafe.AsPointer(ref Unsafe.Add(ref First, slot));

    /// <summary>Doubles the capacity, keeping the first <paramref name="count"/> slots.</summary>
    public void Grow(int count)
    {
        var bigger = new HeapStorage(checked(Length * 2));
        MemoryMarshal.CreateSpan(ref First, count).CopyTo(MemoryMarshal.CreateSpan(ref bigger.First, count));
        this = bigger;
    }
}
