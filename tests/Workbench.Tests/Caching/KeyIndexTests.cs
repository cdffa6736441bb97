using CsCheck;
using Workbench.Caching;

namespace Workbench.Tests.Caching;

public class KeyIndexTests
{
    [Fact]
    public void KeyIndex_agrees_with_a_dictionary_under_random_adds_and_removes()
    {
        Gen.Select(Gen.Int[1, 40], Gen.Long[-50, 50].Array[0, 400], Gen.Bool.Array[400]).Sample(t =>
        {
            var (max, keys, removes) = t;
            var index = new KeyIndex(max);
            var model = new Dictionary<long, int>();
            for (int i = 0; i < keys.Length; i++)
            {
                long key = keys[i];
                if (removes[i] || model.Count == max)
                {
                    int expected = model.Remove(key, out int s) ? s : -1;
                    Assert.Equal(expected, index.Remove(key));
                }
                else if (!model.ContainsKey(key))
                {
                    model[key] = i;
                    index.Add(key, i);
                }
                Assert.Equal(model.Count, index.Count);
                foreach (var (k, v) in model) Assert.Equal(v, index.Find(k));
                Assert.Equal(model.ContainsKey(key) ? model[key] : -1, index.Find(key));
            }
        });
    }
}
