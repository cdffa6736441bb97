using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
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
/// its three slots, every slot keeping a count and the xor of the hashes in it (a 32-bit
/// <c>count &lt;&lt; 2 | xor of the key's position index 0..2</c> beside a 64-bit xor, in one 16-byte
/// record as <c>xor8_populate</c>'s <c>xor_xorset_t</c>, so that an update touches one cache line
/// where the binary fuse code's two arrays touch two); slots with exactly
/// one key are peeled off a stack-like queue, their key pushed on a stack, until none are left. If
/// every key was peeled, fingerprints are assigned in reverse stack order so that the three slots
/// of each key xor to its fingerprint; otherwise a new seed is drawn (a retry). Duplicate keys: a
/// second copy of a hash is detected when it cancels a slot holding just the pair (as the C code
/// does) and dropped; a duplicate that escapes this check makes the attempt fail, after which the
/// keys are sorted and deduplicated once before the next attempt. Duplicates are thus accepted and
/// stored once.
/// </summary>
internal static class StaticFilterPeeling
{
    /// <summary>One slot during construction: the xor of its keys' hashes and <c>count &lt;&lt; 2 | xor of position indexes</c>.</summary>
    private struct PeelSlot
    {
        public ulong Hash;
        public uint Count;
    }

    /// <summary>The C code's <c>XOR_MAX_ITERATIONS</c>: attempts before giving up.</summary>
    public const int MaxAttempts = 100;

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
        ulong[] keys = input.ToArray();
        int size = keys.Length;
        uint capacity = layout.ArrayLength;
        var order = new ulong[size];
        var slots = new PeelSlot[capacity];
        var alone = new uint[capacity];
        var stackHash = new ulong[size];
        var stackFound = new byte[size];
        bool deduplicated = false;
        int sortBits = layout.SortBits;
        int[] startPos = sortBits > 0 ? new int[(1 << sortBits) + 1] : [];
        ReadOnlySpan<byte> mod3 = [0, 1, 2, 0, 1, 2];
        Span<uint> hs = stackalloc uint[5];
        for (int attempt = 1; attempt <= MaxAttempts; attempt++)
        {
            seed = NextSeed(ref rngState);
            // 1. Hashes, bucket-sorted by their top bits for locality when the layout asks for it.
            if (sortBits > 0)
            {
                Array.Clear(startPos);
                int shift = 64 - sortBits;
                for (int i = 0; i < size; i++) startPos[(int)(Hash(keys[i], seed) >> shift) + 1]++;
                for (int b = 1; b < startPos.Length; b++) startPos[b] += startPos[b - 1];
                for (int i = 0; i < size; i++)
                {
                    ulong h = Hash(keys[i], seed);
                    order[startPos[(int)(h >> shift)]++] = h;
                }
            }
            else
            {
                for (int i = 0; i < size; i++) order[i] = Hash(keys[i], seed);
            }

            // 2. Add every hash to its three slots.
            ref PeelSlot slot = ref MemoryMarshal.GetArrayDataReference(slots);
            bool error = false;
            int duplicates = 0;
            for (int i = 0; i < size; i++)
            {
                ulong h = order[i];
                layout.Positions(h, out uint h0, out uint h1, out uint h2);
                ref PeelSlot s0 = ref Unsafe.Add(ref slot, h0), s1 = ref Unsafe.Add(ref slot, h1), s2 = ref Unsafe.Add(ref slot, h2);
                ref uint c0 = ref s0.Count, c1 = ref s1.Count, c2 = ref s2.Count;
                ref ulong x0 = ref s0.Hash, x1 = ref s1.Hash, x2 = ref s2.Hash;
                c0 += 4; x0 ^= h;
                c1 += 4; c1 ^= 1; x1 ^= h;
                c2 += 4; c2 ^= 2; x2 ^= h;
                if ((x0 & x1 & x2) == 0 && ((x0 == 0 && c0 == 8) || (x1 == 0 && c1 == 8) || (x2 == 0 && c2 == 8)))
                {
                    // The same hash twice: a duplicate key. Take the second copy back out.
                    duplicates++;
                    c0 -= 4; x0 ^= h;
                    c1 -= 4; c1 ^= 1; x1 ^= h;
                    c2 -= 4; c2 ^= 2; x2 ^= h;
                }
                error |= c0 < 4 | c1 < 4 | c2 < 4;   // a count wrapped (the C code's byte counts wrap past 63; these never do below 2^30 keys)
            }

            int stackSize = 0;
            if (!error)
            {
                // 3. Peel: slots holding one key, then the slots they free.
                uint queued = 0;
                for (uint i = 0; i < capacity; i++)
                {
                    alone[queued] = i;
                    queued += (Unsafe.Add(ref slot, i).Count >> 2) == 1 ? 1u : 0u;
                }
                while (queued > 0)
                {
                    uint index = alone[--queued];
                    if ((Unsafe.Add(ref slot, index).Count >> 2) != 1) continue;
                    ulong h = Unsafe.Add(ref slot, index).Hash;
                    layout.Positions(h, out hs[0], out hs[1], out hs[2]);
                    hs[3] = hs[0]; hs[4] = hs[1];
                    int found = (int)(Unsafe.Add(ref slot, index).Count & 3);
                    stackFound[stackSize] = (byte)found;
                    stackHash[stackSize] = h;
                    stackSize++;
                    uint o1 = hs[found + 1];
                    alone[queued] = o1;
                    ref PeelSlot t1 = ref Unsafe.Add(ref slot, o1);
                    queued += (t1.Count >> 2) == 2 ? 1u : 0u;
                    t1.Count -= 4;
                    t1.Count ^= mod3[found + 1];
                    t1.Hash ^= h;
                    uint o2 = hs[found + 2];
                    alone[queued] = o2;
                    ref PeelSlot t2 = ref Unsafe.Add(ref slot, o2);
                    queued += (t2.Count >> 2) == 2 ? 1u : 0u;
                    t2.Count -= 4;
                    t2.Count ^= mod3[found + 2];
                    t2.Hash ^= h;
                }
                if (stackSize + duplicates == size)
                {
                    // 4. Assign in reverse peeling order: the peeled slot makes its key's three slots xor to the fingerprint.
                    ref T fp = ref MemoryMarshal.GetArrayDataReference(fingerprints);
                    for (int i = stackSize - 1; i >= 0; i--)
                    {
                        ulong h = stackHash[i];
                        layout.Positions(h, out hs[0], out hs[1], out hs[2]);
                        hs[3] = hs[0]; hs[4] = hs[1];
                        int found = stackFound[i];
                        Unsafe.Add(ref fp, hs[found]) = Fingerprint<T>(h) ^ Unsafe.Add(ref fp, hs[found + 1]) ^ Unsafe.Add(ref fp, hs[found + 2]);
                    }
                    stored = stackSize;
                    return attempt;
                }
            }
            if (!deduplicated)
            {
                // A duplicate the inline check missed makes peeling fail: remove all duplicates once.
                Array.Sort(keys);
                int unique = 0;
                for (int i = 0; i < size; i++) if (unique == 0 || keys[i] != keys[unique - 1]) keys[unique++] = keys[i];
                if (unique != size) { size = unique; keys = keys[..size]; }
                deduplicated = true;
            }
            Array.Clear(slots);
        }
        throw new InvalidOperationException($"construction failed after {MaxAttempts} attempts with {size:N0} keys in {capacity:N0} slots");
    }
}
