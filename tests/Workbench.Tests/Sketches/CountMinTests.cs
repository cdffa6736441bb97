using CsCheck;
using Workbench.Hashing;
using Workbench.Sketches;
using Workbench.Workloads;

namespace Workbench.Tests.Sketches;

/// <summary>Cormode &amp; Muthukrishnan (2005) and Estan &amp; Varghese (2002): the count-min sketch, its conservative update and the blocked 4-bit variant.</summary>
public class CountMinTests
{
    private static readonly Gen<CountMinUpdate> Updates = Gen.Bool.Select(b => b ? CountMinUpdate.Conservative : CountMinUpdate.Classic);

    [Fact]
    public void Fast_sketch_holds_the_same_counters_as_the_reference_twin() =>
        Gen.Select(Gen.ULong[0, 300].Array[0, 400], Gen.Int[1, 70], Gen.Int[1, 8], Gen.Long, Updates).Sample(c =>
        {
            var (keys, width, depth, seed, update) = c;
            var fast = new CountMinSketch(width, depth, seed, update);
            var reference = new ReferenceCountMinSketch(width, depth, seed, update);
            foreach (var k in keys) { long n = (long)(k % 3) + 1; fast.Add(k, n); reference.Add(k, n); }
            for (int r = 0; r < depth; r++)
                for (int col = 0; col < width; col++)
                    Assert.Equal(reference.Counter(r, col), fast.Counter(r, col));
            foreach (var k in keys) Assert.Equal(reference.Estimate(k), fast.Estimate(k));
        }, iter: 300);

    [Fact]
    public void Fast_blocked_sketch_holds_the_same_counters_as_the_reference_twin() =>
        Gen.Select(Gen.ULong[0, 500].Array[0, 2000], Gen.Int[1, 6], Gen.Long, Updates).Sample(c =>
        {
            var (keys, blocks, seed, update) = c;
            var fast = new BlockedCountMinSketch(blocks, seed, update);
            var reference = new ReferenceBlockedCountMinSketch(blocks, seed, update);
            foreach (var k in keys) { fast.Increment(k); reference.Increment(k); }
            for (int b = 0; b < blocks; b++)
                for (int r = 0; r < 4; r++)
                    for (int s = 0; s < 32; s++)
                        Assert.Equal(reference.Counter(b, r, s), fast.Counter(b, r, s));
            foreach (var k in keys) Assert.Equal(reference.Estimate(k), fast.Estimate(k));
        }, iter: 200);

    /// <summary>Section 3: in the cash-register model the estimate is at least the true count, for both update rules; the blocked sketch at least min(f, 15).</summary>
    [Fact]
    public void Estimates_never_fall_below_the_true_count() =>
        Gen.Select(Gen.ULong[0, 1000].Array[1, 3000], Gen.Int[1, 200], Gen.Int[1, 6], Gen.Long).Sample(c =>
        {
            var (keys, width, depth, seed) = c;
            var classic = new CountMinSketch(width, depth, seed);
            var conservative = new CountMinSketch(width, depth, seed, CountMinUpdate.Conservative);
            var blocked = BlockedCountMinSketch.ForWidth(width, seed, CountMinUpdate.Conservative);
            var exact = new Dictionary<ulong, long>();
            foreach (var k in keys) { classic.Add(k); conservative.Add(k); blocked.Increment(k); exact[k] = exact.GetValueOrDefault(k) + 1; }
            foreach (var (k, f) in exact)
            {
                Assert.True(classic.Estimate(k) >= f);
                // Estan & Varghese: conservative update stays an upper bound and never exceeds the classic estimate.
                Assert.InRange(conservative.Estimate(k), f, classic.Estimate(k));
                Assert.True(blocked.Estimate(k) >= Math.Min(f, 15));
            }
        }, iter: 200);

    [Theory]
    [InlineData(0.01, 0.01, 272, 5)]
    [InlineData(0.1, 0.5, 28, 1)]
    [InlineData(0.001, 0.0001, 2719, 10)]
    public void Width_is_ceil_e_over_epsilon_and_depth_ceil_ln_one_over_delta(double epsilon, double delta, int width, int depth)
    {
        var s = CountMinSketch.ForErrorBounds(epsilon, delta);
        Assert.Equal(width, s.Width);
        Assert.Equal(depth, s.Depth);
    }

    /// <summary>
    /// Theorem 1: with w = ceil(e/ε) and d = ceil(ln 1/δ), a key's error exceeds ε·N with
    /// probability at most δ. Over the n = 10,000 keys of a Zipf(1.0) stream the number of keys
    /// exceeding is X with E[X] ≤ nδ = 100. Treating the keys' indicators as independent (they are
    /// only weakly dependent: two keys interact only where they collide), Chernoff's bound gives
    /// P[X ≥ 1.5·nδ] ≤ exp(-0.5²·nδ/2.5) = e^-10 ≈ 5e-5, so the test allows 1.5δ.
    /// </summary>
    [Theory]
    [InlineData(1.0)]
    [InlineData(0.6)]
    public void Error_exceeds_epsilon_N_for_at_most_a_delta_fraction_of_keys(double skew)
    {
        const double epsilon = 0.002, delta = 0.01;
        const int keys = 10_000, length = 200_000;
        var classic = CountMinSketch.ForErrorBounds(epsilon, delta, seed: 3);
        var exact = new long[keys + 1];
        var zipf = new ZipfGenerator(keys, skew, seed: 5);
        for (int i = 0; i < length; i++) { int r = zipf.Next(); exact[r]++; classic.Add((ulong)r); }
        int exceed = 0;
        for (int r = 1; r <= keys; r++) if (classic.Estimate((ulong)r) - exact[r] > epsilon * length) exceed++;
        Assert.True(exceed <= 1.5 * delta * keys, $"{exceed} of {keys} keys exceed eps N");
    }

    /// <summary>Section 3: the sketch is linear, so merging the sketches of two streams gives exactly the sketch of their concatenation.</summary>
    [Fact]
    public void Merged_sketch_equals_the_sketch_of_the_concatenated_stream() =>
        Gen.Select(Gen.ULong.Array[0, 300], Gen.ULong.Array[0, 300], Gen.Int[1, 50], Gen.Int[1, 6]).Sample(c =>
        {
            var (xs, ys, width, depth) = c;
            var a = new CountMinSketch(width, depth, 9);
            var b = new CountMinSketch(width, depth, 9);
            var both = new CountMinSketch(width, depth, 9);
            foreach (var k in xs) { a.Add(k); both.Add(k); }
            foreach (var k in ys) { b.Add(k); both.Add(k); }
            a.Merge(b);
            Assert.Equal(both.TotalCount, a.TotalCount);
            for (int r = 0; r < depth; r++) for (int col = 0; col < width; col++) Assert.Equal(both.Counter(r, col), a.Counter(r, col));
        }, iter: 100);

    [Fact]
    public void Merging_sketches_of_different_shapes_or_seeds_is_refused()
    {
        var s = new CountMinSketch(100, 4, 1);
        Assert.Contains("width and depth", Assert.Throws<ArgumentException>(() => s.Merge(new CountMinSketch(101, 4, 1))).Message);
        Assert.Contains("width and depth", Assert.Throws<ArgumentException>(() => s.Merge(new CountMinSketch(100, 5, 1))).Message);
        Assert.Contains("seeds", Assert.Throws<ArgumentException>(() => s.Merge(new CountMinSketch(100, 4, 2))).Message);
        Assert.Contains("block counts", Assert.Throws<ArgumentException>(() => new BlockedCountMinSketch(4).Merge(new BlockedCountMinSketch(8))).Message);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(1.0)]
    [InlineData(-0.5)]
    [InlineData(double.NaN)]
    public void Epsilon_outside_zero_one_is_refused(double epsilon) =>
        Assert.Equal("epsilon", Assert.Throws<ArgumentOutOfRangeException>(() => CountMinSketch.ForErrorBounds(epsilon, 0.1)).ParamName);

    [Theory]
    [InlineData(0.0)]
    [InlineData(1.0)]
    [InlineData(2.0)]
    public void Delta_outside_zero_one_is_refused(double delta) =>
        Assert.Equal("delta", Assert.Throws<ArgumentOutOfRangeException>(() => CountMinSketch.ForErrorBounds(0.1, delta)).ParamName);

    [Fact]
    public void Impossible_shapes_and_negative_counts_are_refused()
    {
        Assert.Equal("width", Assert.Throws<ArgumentOutOfRangeException>(() => new CountMinSketch(0, 3)).ParamName);
        Assert.Equal("depth", Assert.Throws<ArgumentOutOfRangeException>(() => new CountMinSketch(10, 0)).ParamName);
        Assert.Equal("depth", Assert.Throws<ArgumentOutOfRangeException>(() => new CountMinSketch(10, 33)).ParamName);
        Assert.Equal("blocks", Assert.Throws<ArgumentOutOfRangeException>(() => new BlockedCountMinSketch(0)).ParamName);
        Assert.Equal("count", Assert.Throws<ArgumentOutOfRangeException>(() => new CountMinSketch(10, 2).Add(1, -1)).ParamName);
    }

    [Fact]
    public void Serialization_round_trips_every_counter() =>
        Gen.Select(Gen.ULong.Array[0, 500], Gen.Int[1, 80], Gen.Int[1, 6], Gen.Long, Updates).Sample(c =>
        {
            var (keys, width, depth, seed, update) = c;
            var s = new CountMinSketch(width, depth, seed, update);
            foreach (var k in keys) s.Add(k);
            var bytes = new MemoryStream();
            s.WriteTo(bytes);
            bytes.Position = 0;
            var t = CountMinSketch.ReadFrom(bytes);
            Assert.Equal((s.Width, s.Depth, s.Seed, s.Update, s.TotalCount), (t.Width, t.Depth, t.Seed, t.Update, t.TotalCount));
            for (int r = 0; r < depth; r++) for (int col = 0; col < width; col++) Assert.Equal(s.Counter(r, col), t.Counter(r, col));
        }, iter: 100);

    [Fact]
    public void Truncated_or_foreign_bytes_are_refused_with_the_offset()
    {
        var s = new CountMinSketch(10, 2);
        s.Add(5);
        var bytes = new MemoryStream();
        s.WriteTo(bytes);
        var data = bytes.ToArray();
        var e = Assert.Throws<InvalidDataException>(() => CountMinSketch.ReadFrom(new MemoryStream(data[..40])));
        Assert.Contains("truncated at offset", e.Message);
        data[0] ^= 0xFF;
        Assert.Contains("magic", Assert.Throws<InvalidDataException>(() => CountMinSketch.ReadFrom(new MemoryStream(data))).Message);
    }

    [Fact]
    public void Same_seed_gives_the_same_counters_and_another_seed_different_ones()
    {
        CountMinSketch Build(long seed)
        {
            var s = new CountMinSketch(64, 4, seed);
            for (ulong k = 0; k < 1000; k++) s.Add(KeyHash.Mix(k));
            return s;
        }
        var (a, b, c) = (Build(1), Build(1), Build(2));
        bool differs = false;
        for (int r = 0; r < 4; r++)
            for (int col = 0; col < 64; col++)
            {
                Assert.Equal(a.Counter(r, col), b.Counter(r, col));
                differs |= a.Counter(r, col) != c.Counter(r, col);
            }
        Assert.True(differs);
    }

    [Fact]
    public void Blocked_counters_saturate_at_fifteen()
    {
        var s = new BlockedCountMinSketch(4);
        for (int i = 0; i < 40; i++) s.Increment(7);
        Assert.Equal(15, s.Estimate(7));
    }
}
