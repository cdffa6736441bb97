using CsCheck;
using Workbench.Caching;

namespace Workbench.Tests.Caching;

public class FrequencySketchTests
{
    [Fact]
    public void Packed_sketch_agrees_with_the_int_counter_reference_on_random_streams()
    {
        Gen.Select(Gen.Int[1, 64], Gen.Long[0, 200].Array[0, 3000], Gen.Long, Gen.Bool, Gen.Bool).Sample(t =>
        {
            var (capacity, stream, seed, doorkeeper, conservative) = t;
            int words = FrequencySketch.WordsFor(capacity), sample = FrequencySketch.SampleFor(capacity);
            long door = doorkeeper ? 64L * words : 0;
            var fast = new FrequencySketch(words, sample, seed, door, conservative);
            var reference = new ReferenceFrequencySketch(words, sample, seed, door, conservative);
            foreach (long key in stream)
            {
                fast.Increment(key);
                reference.Increment(key);
                Assert.Equal(reference.Size, fast.Size);
                Assert.Equal(reference.Estimate(key), fast.Estimate(key));
            }
            for (long key = 0; key <= 200; key++) Assert.Equal(reference.Estimate(key), fast.Estimate(key));
        }, iter: 200);
    }

    [Fact]
    public void Sketch_never_underestimates_before_a_reset()
    {
        // Paper §3.2: a count-min sketch only overestimates; 4-bit counters cap the estimate at 15.
        Gen.Select(Gen.Int[8, 512], Gen.Long[0, 5000].Array[1, 4000], Gen.Long).Sample(t =>
        {
            var (capacity, stream, seed) = t;
            var sketch = new FrequencySketch(FrequencySketch.WordsFor(capacity), int.MaxValue, seed, 0, false);
            var truth = new Dictionary<long, int>();
            foreach (long key in stream)
            {
                sketch.Increment(key);
                truth[key] = truth.GetValueOrDefault(key) + 1;
            }
            Assert.Equal(0, sketch.Resets);
            foreach (var (key, count) in truth) Assert.True(sketch.Estimate(key) >= Math.Min(count, 15), $"key {key}: estimate {sketch.Estimate(key)} < true {count}");
        }, iter: 100);
    }

    [Fact]
    public void Reset_halves_every_estimate_and_corrects_the_size_for_odd_counters()
    {
        var sketch = new FrequencySketch(64, int.MaxValue, seed: 3, 0, false);
        for (long key = 0; key < 40; key++)
        {
            for (int i = 0; i < key % 16; i++) sketch.Increment(key);
        }
        int[] before = Enumerable.Range(0, 40).Select(k => sketch.Estimate(k)).ToArray();
        int size = sketch.Size;
        sketch.Reset();
        for (int k = 0; k < 40; k++) Assert.Equal(before[k] / 2, sketch.Estimate(k));
        Assert.True(sketch.Size <= size / 2);
        Assert.Equal(1, sketch.Resets);
    }

    [Fact]
    public void Reset_comes_after_W_equals_ten_times_capacity_increments()
    {
        var sketch = new FrequencySketch(100);
        Assert.Equal(1000, sketch.SampleSize);
        Assert.Equal(128, sketch.Words);
        for (int i = 0; i < 999; i++) sketch.Increment(i % 500);
        Assert.Equal(0, sketch.Resets);
        sketch.Increment(7);
        Assert.Equal(1, sketch.Resets);
    }

    [Fact]
    public void Doorkeeper_absorbs_first_occurrences_and_is_cleared_at_reset()
    {
        var sketch = new FrequencySketch(64, int.MaxValue, seed: 1, doorkeeperBits: 4096, conservative: false);
        sketch.Increment(42);
        Assert.Equal(1, sketch.Estimate(42));    // from the doorkeeper alone
        sketch.Increment(42);
        Assert.Equal(2, sketch.Estimate(42));
        sketch.Reset();
        Assert.Equal(0, sketch.Estimate(42));    // counter 1 halved to 0, doorkeeper cleared
    }

    [Fact]
    public void Bad_sketch_parameters_name_the_parameter()
    {
        Assert.Equal("words", Assert.Throws<ArgumentOutOfRangeException>(() => new FrequencySketch(12, 10, 0, 0, false)).ParamName);
        Assert.Equal("sampleSize", Assert.Throws<ArgumentOutOfRangeException>(() => new FrequencySketch(8, 0, 0, 0, false)).ParamName);
        Assert.Equal("doorkeeperBits", Assert.Throws<ArgumentOutOfRangeException>(() => new FrequencySketch(8, 10, 0, 10, false)).ParamName);
    }
}
