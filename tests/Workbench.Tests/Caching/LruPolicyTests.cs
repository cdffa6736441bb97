using CsCheck;
using Workbench.Caching;

namespace Workbench.Tests.Caching;

public class LruPolicyTests
{
    [Fact]
    public void Lru_on_a_hand_worked_trace_evicts_the_least_recently_used_key()
    {
        // capacity 3: 1 2 3 | 1 (hit, order 1 3 2) | 4 (evicts 2) | 2 (miss, evicts 3) | 3 (miss, evicts 1) | 4 (hit)
        var lru = new LruPolicy(3);
        long[] trace = [1, 2, 3, 1, 4, 2, 3, 4];
        bool[] expected = [false, false, false, true, false, false, false, true];
        Assert.Equal(expected, trace.Select(lru.Access).ToArray());
    }

    [Fact]
    public void Lru_of_capacity_one_hits_only_on_immediate_repeats()
    {
        var lru = new LruPolicy(1);
        long[] trace = [5, 5, 6, 5, 5, 5];
        Assert.Equal([false, true, false, false, true, true], trace.Select(lru.Access).ToArray());
    }

    [Fact]
    public void Lru_agrees_with_a_list_model_on_random_traces()
    {
        Gen.Select(Gen.Int[1, 12], Gen.Long[0, 30].Array[0, 300]).Sample(t =>
        {
            var (capacity, trace) = t;
            var lru = new LruPolicy(capacity);
            var model = new LinkedList<long>();
            foreach (long key in trace)
            {
                bool hit = model.Remove(key);
                model.AddFirst(key);
                if (model.Count > capacity) model.RemoveLast();
                Assert.Equal(hit, lru.Access(key));
            }
        });
    }
}
