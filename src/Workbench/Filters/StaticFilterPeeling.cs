using System.Buffers;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics.X86;
using Workbench.Hashing;

namespace Workbench.Filters;

/// <summary>
/// A filter built once from a fixed key set and never changed (xor and binary fuse filters):
/// no false negatives for the keys it was built from, false positives at about 2^-f.
/// </summary>
public interface IStaticMembershipFilter
{
    /// <summary>False means the key was certainly not in the build set; true means it probably was.</summary>
    bool MayContain(ulong key);

    /// <summary>Memory of the fingerprint array, in bits.</summary>
    long SizeInBits { get; }

    /// <summary>Distinct keys stored (duplicates in the build set are stored once).</summary>
    long Count { get; }

    /// <summary>f, bits per fingerprint.</summary>
    int FingerprintBits { get; }

    /// <summary>Construction attempts (hash seeds tried); retries are <c>Attempts - 1</c>.</summary>
    int Attempts { get; }
}

/// <summary>Where the three slots of a hash lie in a 3-wise xor or binary fuse filter.</summary>
internal interface IPeelingLayout
{
    /// <summary>Slots of the fingerprint array.</summary>
    uint ArrayLength { get; }

    /// <summary>Bits of the top-of-hash bucket sort applied before construction (0: none), the locality trick of binary fuse construction.</summary>
    int SortBits { get; }

    void Positions(ulong hash, out uint h0, out uint h1, out uint h2);
}

/// <summary>
/// The construction shared by <see cref="XorFilter{TFingerprint}"/> and <see cref="BinaryFuseFilter{TFingerprint}"/>,
/// as in Graf &amp; Lemire's reference C code (<c>binaryfusefilter.h</c>, <c>binary_fuse8_populate</c>;
/// the xor filter's <c>xor8_populate</c> is the same peeling): each key's 64-bit hash is added to
/// its three slots, every slot keeping a byte <c>count &lt;&lt; 2 | xor of the key's position index 0..2</c>
/// and the xor of the hashes in it (the C code's <c>t2count</c> and <c>t2hash</c> arrays), so that
/// the key left alone in a slot is read from the slot, not searched for; slots with exactly one key
/// are peeled off a stack-like queue, their key pushed on a stack, until none are left. If every key
/// was peeled, fingerprints are assigned in reverse stack order so that the three slots of each key
/// xor to its fingerprint; otherwise a new seed is drawn (a retry). Duplicate keys: a second copy of
/// a hash is detected when it cancels a slot holding just the pair (as the C code does) and
/// dropped; a duplicate that escapes this check makes the attempt fail, after which the keys are
/// sorted and deduplicated once before the next attempt. Duplicates are thus accepted and stored
/// once. As in the C code, an attempt in which a slot collects 64 keys (its byte count wraps) is
/// abandoned for the next seed, which at the filters' sizes does not happen in practice.
/// <para>
/// Speed: the C code's memory layout, two latency measures and pooled scratch memory. The counting pass issues
/// software prefetches for the slots of the key 16 positions ahead, and the peel keeps a ring of
/// up to 16 lone slots whose key's three slots have been prefetched, so that the cache misses of
/// the xor filter's random slots (and of the binary fuse filter's segments) overlap instead of
/// forming one dependent chain; any peeling order gives a valid filter, and the ring's order is a
/// fixed function of the keys and seed. Scratch arrays (hashes, which become the peeled stack as
/// in the C code, counts, hash xors, the queue) come from <see cref="ArrayPool{T}.Shared"/>, so
/// that a repeated build reuses memory instead of faulting in about 25 MB of fresh pages per
/// million keys, as the C code's repeated <c>malloc</c> reuses its heap; only the fingerprint
/// array is allocated. The keys are not copied unless duplicates force the deduplication. At a
/// million keys (BenchmarkDotNet, 2 shared cores at a load average of about 2): xor8 36.3 ns per
/// key (C++ 104), binary fuse 8 35.7 ns (C++ 39); the previous construction (one 16-byte record per
/// slot, no prefetching, fresh arrays) took 172.6 and 78.9 ns in a run beside this one. See
/// <c>papers/filters/README.md</c>.
/// </para>
/// </summary>
internal static class StaticFilterPeeling
{
    /// <summary>The C code's <c>XOR_MAX_ITERATIONS</c>: attempts before giving up.</summary>
    public const int MaxAttempts = 100;

    /// <summary>How far ahead of the counting pass its slots are prefetched, and how many lone slots the peel keeps in flight.</summary>
    private const int Lookahead = 16;

    /// <summary>The peel's ring of lone slots, a power of two at least <see cref="Lookahead"/>.</summary>
    private const int RingSize = 32;

    /// <summary>SplitMix64 step (<c>binary_fuse_rng_splitmix64</c>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong NextSeed(ref ulong state)
    {
        state += 0x9E3779B97F4A7C15UL;
        return KeyHash.Mix(state);
    }

    /// <summary>The hash of a key under a filter seed: <see cref="KeyHash.Mix"/> of <c>key + seed</c> (the C code uses the MurmurHash3 finalizer the same way).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Hash(ulong key, ulong seed) => KeyHash.Mix(key + seed);

    /// <summary>The fingerprint of a hash, <c>hash ^ (hash &gt;&gt; 32)</c> truncated to f bits (<c>binary_fuse8_fingerprint</c>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T Fingerprint<T>(ulong hash) where T : unmanaged, IBinaryInteger<T> => T.CreateTruncating(hash ^ (hash >> 32));

    /// <summary>Builds <paramref name="fingerprints"/>; returns the attempts made, the seed that worked and the distinct keys stored.</summary>
    public static int Build<TLayout, T>(ReadOnlySpan<ulong> input, TLayout layout, ulong rngState, T[] fingerprints, out ulong seed, out int stored)
        where TLayout : struct, IPeelingLayout
        where T : unmanaged, IBinaryInteger<T>
    {
        int size = input.Length;
        int capacity = (int)layout.ArrayLength;
        ulong[] order = ArrayPool<ulong>.Shared.Rent(size);
        byte[] counts = ArrayPool<byte>.Shared.Rent(capacity);
        ulong[] xors = ArrayPool<ulong>.Shared.Rent(capacity);
        uint[] alone = ArrayPool<uint>.Shared.Rent(capacity);
        byte[] stackFound = ArrayPool<byte>.Shared.Rent(size);
        int sortBits = layout.SortBits;
        int[] startPos = sortBits > 0 ? ArrayPool<int>.Shared.Rent((1 << sortBits) + 1) : [];
        try
        {
            return Build(input, layout, rngState, fingerprints, out seed, out stored, order, counts, xors, alone, stackFound, startPos);
        }
        finally
        {
            ArrayPool<ulong>.Shared.Return(order);
            ArrayPool<byte>.Shared.Return(counts);
            ArrayPool<ulong>.Shared.Return(xors);
            ArrayPool<uint>.Shared.Return(alone);
            ArrayPool<byte>.Shared.Return(stackFound);
            if (sortBits > 0) ArrayPool<int>.Shared.Return(startPos);
        }
    }

    private static unsafe int Build<TLayout, T>(ReadOnlySpan<ulong> input, TLayout layout, ulong rngState, T[] fingerprints, out ulong seed, out int stored,
        ulong[] orderArray, byte[] countArray, ulong[] xorArray, uint[] aloneArray, byte[] foundArray, int[] startPosArray)
        where TLayout : struct, IPeelingLayout
        where T : unmanaged, IBinaryInteger<T>
    {
        ulong[]? deduplicated = null;
        int size = input.Length;
        uint capacity = layout.ArrayLength;
        int sortBits = layout.SortBits;
        int buckets = sortBits > 0 ? (1 << sortBits) + 1 : 0;
        uint* hs = stackalloc uint[5];
        uint* ring = stackalloc uint[RingSize];
        new Span<byte>(countArray, 0, (int)capacity).Clear();
        new Span<ulong>(xorArray, 0, (int)capacity).Clear();
        fixed (ulong* order = orderArray, xors = xorArray)
        fixed (byte* counts = countArray, stackFound = foundArray)
        fixed (uint* alone = aloneArray)
        fixed (int* startPos = startPosArray)
        fixed (T* fp = fingerprints)
        {
            for (int attempt = 1; attempt <= MaxAttempts; attempt++)
            {
                seed = NextSeed(ref rngState);
                ReadOnlySpan<ulong> keys = deduplicated is null ? input : deduplicated.AsSpan(0, size);
                // 1. Hashes, bucket-sorted by their top bits for locality when the layout asks for it.
                if (sortBits > 0)
                {
                    new Span<int>(startPos, buckets).Clear();
                    int shift = 64 - sortBits;
                    foreach (ulong key in keys) startPos[(int)(Hash(key, seed) >> shift) + 1]++;
                    for (int b = 1; b < buckets; b++) startPos[b] += startPos[b - 1];
                    foreach (ulong key in keys)
                    {
                        ulong h = Hash(key, seed);
                        order[startPos[(int)(h >> shift)]++] = h;
                    }
                }
                else
                {
                    for (int i = 0; i < keys.Length; i++) order[i] = Hash(keys[i], seed);
                }

                // 2. Add every hash to its three slots, prefetching the slots of the hash Lookahead places on.
                bool error = false;
                int duplicates = 0;
                for (int i = 0; i < size; i++)
                {
                    if (i + Lookahead < size)
                    {
                        layout.Positions(order[i + Lookahead], out uint p0, out uint p1, out uint p2);
                        Prefetch(counts, xors, p0, p1, p2);
                    }
                    ulong h = order[i];
                    layout.Positions(h, out uint h0, out uint h1, out uint h2);
                    byte c0 = (byte)(counts[h0] + 4), c1 = (byte)((counts[h1] + 4) ^ 1), c2 = (byte)((counts[h2] + 4) ^ 2);
                    ulong x0 = xors[h0] ^ h, x1 = xors[h1] ^ h, x2 = xors[h2] ^ h;
                    if ((x0 & x1 & x2) == 0 && ((x0 == 0 && c0 == 8) || (x1 == 0 && c1 == 8) || (x2 == 0 && c2 == 8)))
                    {
                        // The same hash twice: a duplicate key. Leave the second copy out.
                        duplicates++;
                        continue;
                    }
                    counts[h0] = c0; counts[h1] = c1; counts[h2] = c2;
                    xors[h0] = x0; xors[h1] = x1; xors[h2] = x2;
                    error |= c0 < 4 | c1 < 4 | c2 < 4;   // a byte count wrapped (64 keys in a slot), as the C code checks
                }

                int stackSize = 0;
                if (!error)
                {
                    // 3. Peel: slots holding one key, then the slots they free. A lone slot waits in the
                    // ring while its key's three slots are prefetched; it is peeled if still alone.
                    uint queued = 0;
                    for (uint i = 0; i < capacity; i++)
                    {
                        alone[queued] = i;
                        queued += (counts[i] >> 2) == 1 ? 1u : 0u;
                    }
                    int head = 0, tail = 0;
                    while (true)
                    {
                        while (tail - head < Lookahead && queued > 0)
                        {
                            uint candidate = alone[--queued];
                            if ((counts[candidate] >> 2) != 1) continue;
                            layout.Positions(xors[candidate], out uint p0, out uint p1, out uint p2);
                            Prefetch(counts, xors, p0, p1, p2);
                            ring[tail++ & (RingSize - 1)] = candidate;
                        }
                        if (tail == head) break;
                        uint index = ring[head++ & (RingSize - 1)];
                        uint c = counts[index];
                        if ((c >> 2) != 1) continue;   // its key was peeled from another slot meanwhile
                        ulong h = xors[index];
                        layout.Positions(h, out hs[0], out hs[1], out hs[2]);
                        hs[3] = hs[0]; hs[4] = hs[1];
                        uint found = c & 3;
                        stackFound[stackSize] = (byte)found;
                        order[stackSize] = h;   // the hashes are no longer needed: the stack reuses them
                        stackSize++;
                        uint o1 = hs[found + 1];
                        alone[queued] = o1;
                        queued += (counts[o1] >> 2) == 2 ? 1u : 0u;
                        counts[o1] = (byte)((counts[o1] - 4) ^ Mod3(found + 1));
                        xors[o1] ^= h;
                        uint o2 = hs[found + 2];
                        alone[queued] = o2;
                        queued += (counts[o2] >> 2) == 2 ? 1u : 0u;
                        counts[o2] = (byte)((counts[o2] - 4) ^ Mod3(found + 2));
                        xors[o2] ^= h;
                    }
                    if (stackSize + duplicates == size)
                    {
                        // 4. Assign in reverse peeling order: the peeled slot makes its key's three slots xor to the fingerprint.
                        for (int i = stackSize - 1; i >= 0; i--)
                        {
                            ulong h = order[i];
                            layout.Positions(h, out hs[0], out hs[1], out hs[2]);
                            hs[3] = hs[0]; hs[4] = hs[1];
                            uint found = stackFound[i];
                            fp[hs[found]] = Fingerprint<T>(h) ^ fp[hs[found + 1]] ^ fp[hs[found + 2]];
                        }
                        stored = stackSize;
                        return attempt;
                    }
                }
                if (deduplicated is null)
                {
                    // A duplicate the inline check missed makes peeling fail: remove all duplicates once.
                    deduplicated = input.ToArray();
                    Array.Sort(deduplicated);
                    int unique = 0;
                    for (int i = 0; i < size; i++) if (unique == 0 || deduplicated[i] != deduplicated[unique - 1]) deduplicated[unique++] = deduplicated[i];
                    size = unique;
                }
                new Span<byte>(counts, (int)capacity).Clear();
                new Span<ulong>(xors, (int)capacity).Clear();
            }
        }
        throw new InvalidOperationException($"construction failed after {MaxAttempts} attempts with {size:N0} keys in {capacity:N0} slots");
    }

    /// <summary><c>x mod 3</c> for x in 0..4.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint Mod3(uint x) => x >= 3 ? x - 3 : x;

    /// <summary>Asks for the count and hash xor of three slots to be brought into cache (no effect where the hint is unavailable).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe void Prefetch(byte* counts, ulong* xors, uint p0, uint p1, uint p2)
    {
        if (!Sse.IsSupported) return;
        Sse.Prefetch0(counts + p0); Sse.Prefetch0(counts + p1); Sse.Prefetch0(counts + p2);
        Sse.Prefetch0(xors + p0); Sse.Prefetch0(xors + p1); Sse.Prefetch0(xors + p2);
    }
}
