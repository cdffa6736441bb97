using CsCheck;
using Workbench.Filters;
using Workbench.Hashing;

namespace Workbench.Tests.Filters;

/// <summary>
/// The claims of Graf &amp; Lemire on xor filters (JEA 2020) and binary fuse filters (JEA 2022), and
/// the fast filters against their plainly written twin <see cref="ReferenceXorFilter"/>.
/// </summary>
public class XorFilterTests
{
    private static ulong[] Keys(int seed, int n)
    {
        var s = KeyStream.Members(seed);
        var keys = new ulong[n];
        for (int i = 0; i < n; i++) keys[i] = s[i];
        return keys;
    }

    public static TheoryData<string, int> Kinds() => new() { { "xor", 8 }, { "xor", 16 }, { "fuse", 8 }, { "fuse", 16 } };

    private static IStaticMembershipFilter Build(string kind, int bits, ReadOnlySpan<ulong> keys, long seed) =>
        kind == "xor" ? StaticFilters.Xor(keys, bits, seed) : StaticFilters.BinaryFuse(keys, bits, seed);

    private static ReferenceXorFilter.Kind RefKind(string kind) => kind == "xor" ? ReferenceXorFilter.Kind.Xor : ReferenceXorFilter.Kind.BinaryFuse;

    private static ushort[] FingerprintsOf(IStaticMembershipFilter f) => f switch
    {
        XorFilter<byte> x => [.. Enumerable.Range(0, x.ArrayLength).Select(x.FingerprintAt)],
        XorFilter<ushort> x => [.. Enumerable.Range(0, x.ArrayLength).Select(x.FingerprintAt)],
        BinaryFuseFilter<byte> x => [.. Enumerable.Range(0, x.ArrayLength).Select(x.FingerprintAt)],
        BinaryFuseFilter<ushort> x => [.. Enumerable.Range(0, x.ArrayLength).Select(x.FingerprintAt)],
        _ => throw new ArgumentException(f.GetType().Name),
    };

    private static ulong SeedOf(IStaticMembershipFilter f) => f switch
    {
        XorFilter<byte> x => x.FilterSeed, XorFilter<ushort> x => x.FilterSeed,
        BinaryFuseFilter<byte> x => x.FilterSeed, BinaryFuseFilter<ushort> x => x.FilterSeed,
        _ => throw new ArgumentException(f.GetType().Name),
    };

    /// <summary>Every key of the build set is found (section 3 of both papers: the three slots xor to the fingerprint), for random key sets, sizes 1 to 3000, with duplicates.</summary>
    [Fact]
    public void No_key_of_the_build_set_is_reported_absent() =>
        Gen.Select(Gen.ULong.Array[1, 3000], Gen.Int[0, 3], Gen.Long, Gen.Int[0, 20]).Sample(c =>
        {
            var (keys, which, seed, dups) = c;
            var withDuplicates = keys.Concat(keys.Take(dups)).ToArray();
            var (kind, bits) = which switch { 0 => ("xor", 8), 1 => ("xor", 16), 2 => ("fuse", 8), _ => ("fuse", 16) };
            var f = Build(kind, bits, withDuplicates, seed);
            foreach (var k in withDuplicates) Assert.True(f.MayContain(k), $"{kind}{bits}: false negative for {k}");
            Assert.Equal(keys.Distinct().Count(), f.Count);
        }, iter: 400);

    /// <summary>
    /// The reference twin (queues and dictionaries) tries the same seeds and settles on the same
    /// one with the same geometry; on the fast filter's array its naive lookup answers as the fast
    /// lookup for members and random keys; and its own array has no false negatives.
    /// </summary>
    [Fact]
    public void Fast_filters_agree_with_the_reference_twin() =>
        Gen.Select(Gen.ULong.Array[1, 1500], Gen.Int[0, 3], Gen.Long, Gen.ULong.Array[200]).Sample(c =>
        {
            var (raw, which, seed, probes) = c;
            var keys = raw.Distinct().ToArray();
            var (kind, bits) = which switch { 0 => ("xor", 8), 1 => ("xor", 16), 2 => ("fuse", 8), _ => ("fuse", 16) };
            var fast = Build(kind, bits, keys, seed);
            var reference = new ReferenceXorFilter(RefKind(kind), bits, keys, seed);
            Assert.Equal(reference.FilterSeed, SeedOf(fast));
            Assert.Equal(reference.Attempts, fast.Attempts);
            Assert.Equal(reference.ArrayLength, FingerprintsOf(fast).Length);
            foreach (var k in keys) Assert.True(reference.MayContain(k));
            var onFast = ReferenceXorFilter.FromParts(RefKind(kind), bits, keys.Length, SeedOf(fast), FingerprintsOf(fast));
            foreach (var k in keys.Concat(probes)) Assert.Equal(onFast.MayContain(k), fast.MayContain(k));
        }, iter: 150);

    [Fact]
    public void Binary_fuse_geometry_follows_the_reference_code()
    {
        var f = new BinaryFuseFilter<byte>(Keys(1, 1_000_000), seed: 1);
        Assert.Equal(8192, f.SegmentLength);     // 2^floor(ln 1e6 / ln 3.33 + 2.25) = 2^13
        Assert.Equal(136, f.SegmentCount);       // ceil(1.125e6 / 8192) - 2
        Assert.Equal(138 * 8192, f.ArrayLength);
        var r = ReferenceXorFilter.FromParts(ReferenceXorFilter.Kind.BinaryFuse, 8, 1_000_000, f.FilterSeed, new ushort[138 * 8192]);
        Assert.Equal(8192, r.SegmentLength);
        Assert.Equal(3 * 410_010, new XorFilter<byte>(Keys(1, 1_000_000)).ArrayLength);   // floor((32 + 1.23e6) / 3) * 3
    }

    /// <summary>
    /// Xor paper section 3, binary fuse paper section 4: about 1.23 f bits per key for xor, about
    /// 1.125 f for binary fuse at a million keys (f = log2(1/ε)); ratios to the bound
    /// log2(1/ε) = f measured at 1M keys.
    /// </summary>
    [Fact]
    public void Space_is_about_1_23_f_for_xor_and_1_125_f_for_binary_fuse_at_a_million_keys()
    {
        var keys = Keys(2, 1_000_000);
        var xor = new XorFilter<byte>(keys, 2);
        var fuse = new BinaryFuseFilter<byte>(keys, 2);
        Assert.InRange(xor.BitsPerKey / 8, 1.229, 1.232);
        Assert.InRange(fuse.BitsPerKey / 8, 1.125, 1.135);
    }

    /// <summary>
    /// The false-positive rate is 2^-f (both papers): an absent key's xor of three slots is a
    /// uniform f-bit value. At f = 8, over 2M absent keys, within 4.5 binomial standard deviations.
    /// For f = 16 (rate 1.5e-5) the same bound over 2M probes is looser but still checked.
    /// </summary>
    [Theory]
    [MemberData(nameof(Kinds))]
    public void False_positive_rate_is_two_to_the_minus_f(string kind, int bits)
    {
        var f = Build(kind, bits, Keys(3, 200_000), 3);
        var absent = KeyStream.NonMembers(3);
        const int probes = 2_000_000;
        long fp = 0;
        for (int i = 0; i < probes; i++) if (f.MayContain(absent[i])) fp++;
        double theory = Math.Pow(2, -bits), sd = Math.Sqrt(theory * (1 - theory) / probes);
        Assert.True(Math.Abs((double)fp / probes - theory) <= 4.5 * sd, $"{kind}{bits}: {fp} false positives in {probes}, theory {theory * probes:F0}");
    }

    /// <summary>Construction retries are rare: at 100k keys, most seeds succeed at the first attempt and none need more than a few.</summary>
    [Theory]
    [InlineData("xor")]
    [InlineData("fuse")]
    public void Construction_rarely_needs_a_retry(string kind)
    {
        var keys = Keys(4, 100_000);
        var attempts = Enumerable.Range(0, 10).Select(s => Build(kind, 8, keys, s).Attempts).ToList();
        Assert.True(attempts.Count(a => a == 1) >= 7, $"attempts: {string.Join(",", attempts)}");
        Assert.True(attempts.Max() <= 4, $"attempts: {string.Join(",", attempts)}");
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Same_seed_gives_the_same_filter_and_serialization_round_trips(string kind, int bits)
    {
        var keys = Keys(5, 5000);
        byte[] Bytes(IStaticMembershipFilter f) => f switch
        {
            XorFilter<byte> x => x.Serialize(), XorFilter<ushort> x => x.Serialize(),
            BinaryFuseFilter<byte> x => x.Serialize(), BinaryFuseFilter<ushort> x => x.Serialize(),
            _ => throw new ArgumentException(f.GetType().Name),
        };
        byte[] a = Bytes(Build(kind, bits, keys, 9));
        Assert.Equal(a, Bytes(Build(kind, bits, keys, 9)));
        Assert.NotEqual(a, Bytes(Build(kind, bits, keys, 10)));
        IStaticMembershipFilter copy = (kind, bits) switch
        {
            ("xor", 8) => XorFilter<byte>.Deserialize(a), ("xor", _) => XorFilter<ushort>.Deserialize(a),
            (_, 8) => BinaryFuseFilter<byte>.Deserialize(a), _ => BinaryFuseFilter<ushort>.Deserialize(a),
        };
        Assert.Equal(a, Bytes(copy));
        foreach (var k in keys) Assert.True(copy.MayContain(k));
        Assert.Throws<FormatException>(() => XorFilter<byte>.Deserialize(a.AsSpan(0, 30)));
        if (kind == "xor") Assert.Throws<FormatException>(() => BinaryFuseFilter<byte>.Deserialize(a));
    }

    [Fact]
    public void Impossible_parameters_are_refused_with_the_parameter_named()
    {
        Assert.Equal("keys", Assert.Throws<ArgumentException>(() => new XorFilter<byte>([])).ParamName);
        Assert.Equal("keys", Assert.Throws<ArgumentException>(() => new BinaryFuseFilter<ushort>([])).ParamName);
        Assert.Equal("fingerprintBits", Assert.Throws<ArgumentOutOfRangeException>(() => StaticFilters.Xor([1UL], 12)).ParamName);
        Assert.Equal("fingerprintBits", Assert.Throws<ArgumentOutOfRangeException>(() => StaticFilters.BinaryFuse([1UL], 32)).ParamName);
        Assert.Equal("TFingerprint", Assert.Throws<ArgumentOutOfRangeException>(() => new XorFilter<uint>([1UL])).ParamName);
    }

    /// <summary>A key set of one repeated key builds a filter holding one key.</summary>
    [Fact]
    public void Duplicate_keys_are_stored_once()
    {
        var f = new BinaryFuseFilter<byte>(Enumerable.Repeat(42UL, 1000).Concat(Keys(6, 1000)).ToArray());
        Assert.Equal(1001, f.Count);
        Assert.True(f.MayContain(42));
        var x = new XorFilter<ushort>(Enumerable.Repeat(7UL, 50).ToArray());
        Assert.Equal(1, x.Count);
        Assert.True(x.MayContain(7));
    }
}
