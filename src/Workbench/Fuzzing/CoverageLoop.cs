using System.Runtime.InteropServices;
using Workbench.Workloads;

namespace Workbench.Fuzzing;

/// <summary>
/// An edge-count map as AFL keeps it (Zalewski, technical_details.txt, section 1): one byte per
/// (previous block, current block) pair hashed into 64 KiB, incremented as the instrumented code runs.
/// </summary>
public interface IEdgeMap
{
    /// <summary>Zeroes the map before an execution.</summary>
    void Clear();

    /// <summary>The counts written by the last execution.</summary>
    ReadOnlySpan<byte> Counts { get; }
}

/// <summary>How inputs are chosen: with coverage feedback, or blind.</summary>
public static class FuzzStrategy
{
    /// <summary>AFL's loop: mutate an input of the corpus; keep the mutant if it reached a new edge or a new hit-count bucket.</summary>
    public const string CoverageGuided = "coverage-guided";

    /// <summary>The same mutations, always of the seeds: no feedback, the corpus never grows.</summary>
    public const string BlindMutation = "blind-mutation";

    /// <summary>Miller, Fredriksen &amp; So 1990: random byte strings of random length.</summary>
    public const string RandomBytes = "random-bytes";

    public static readonly string[] All = [CoverageGuided, BlindMutation, RandomBytes];
}

/// <summary>Coverage after some executions of one strategy.</summary>
/// <param name="Strategy">One of <see cref="FuzzStrategy.All"/>.</param>
/// <param name="Executions">Inputs run so far, seeds included.</param>
/// <param name="Edges">Distinct map entries ever hit.</param>
/// <param name="Corpus">Inputs kept (seeds included).</param>
/// <param name="Crashes">Executions that threw.</param>
public sealed record CoveragePoint(string Strategy, long Executions, int Edges, int Corpus, long Crashes);

/// <summary>
/// A small coverage-guided fuzzing loop over an <see cref="IEdgeMap"/>, written to compare the
/// strategies of <see cref="FuzzStrategy"/> on equal terms: the same target, seeds, mutation
/// operators and executions. The mutations are AFL's havoc stage in miniature (bit flips,
/// interesting bytes, block deletion, duplication and insertion, splicing); novelty is AFL's: an edge
/// never seen, or an edge's hit count in a bucket (1, 2, 3, 4-7, 8-15, 16-31, 32-127, 128+) never seen.
/// Seeded; the same target, seed and executions give the same points.
/// </summary>
public static class CoverageLoop
{
    /// <summary>Longest input a mutation may produce.</summary>
    public const int MaxInputLength = 4096;

    private static readonly byte[] Interesting = [0, 1, 0x7F, 0x80, 0xFF, (byte)'0', (byte)'9', (byte)'-', (byte)' ', (byte)'\n', (byte)'*', 0x1F, 0x8B];

    /// <param name="strategy">One of <see cref="FuzzStrategy.All"/>.</param>
    /// <param name="execute">Runs one input; returns false when it crashed.</param>
    /// <param name="map">The edge map <paramref name="execute"/> writes to.</param>
    /// <param name="seeds">Run first, in order; the starting corpus.</param>
    /// <param name="executions">Inputs to run, seeds included.</param>
    /// <param name="seed">Seed of every random choice.</param>
    /// <param name="progress">Called with the executions so far at every sample.</param>
    /// <param name="sampleEvery">A point is recorded every this many executions, and at the end.</param>
    public static List<CoveragePoint> Run(string strategy, Func<byte[], bool> execute, IEdgeMap map, IReadOnlyList<byte[]> seeds,
        long executions, long sampleEvery, long seed, Action<long>? progress = null)
    {
        if (!FuzzStrategy.All.Contains(strategy)) throw new ArgumentException($"unknown strategy '{strategy}' (known: {string.Join(", ", FuzzStrategy.All)})", nameof(strategy));
        if (seeds.Count == 0) throw new ArgumentException("at least one seed is needed", nameof(seeds));
        var rng = new SplitMix64(seed);
        var seen = new bool[1 << 16];
        var virgin = new byte[1 << 16];
        var corpus = seeds.Select(s => s.ToArray()).ToList();
        var points = new List<CoveragePoint>();
        int edges = 0;
        long crashes = 0;
        for (long run = 1; run <= executions; run++)
        {
            byte[] input = run <= seeds.Count ? seeds[(int)run - 1]
                : strategy == FuzzStrategy.RandomBytes ? RandomInput(ref rng)
                : Mutate(corpus[rng.Below(strategy == FuzzStrategy.CoverageGuided ? corpus.Count : seeds.Count)], corpus, ref rng);
            map.Clear();
            if (!execute(input)) crashes++;
            bool novel = false;
            var counts = map.Counts;
            var words = MemoryMarshal.Cast<byte, ulong>(counts);
            for (int w = 0; w < words.Length; w++)
            {
                if (words[w] == 0) continue;
                for (int i = 8 * w; i < 8 * w + 8; i++)
                {
                    byte c = counts[i];
                    if (c == 0) continue;
                    if (!seen[i]) { seen[i] = true; edges++; }
                    byte bucket = Bucket(c);
                    if ((virgin[i] & bucket) == 0) { virgin[i] |= bucket; novel = true; }
                }
            }
            if (novel && strategy == FuzzStrategy.CoverageGuided && run > seeds.Count) corpus.Add(input);
            if (run % sampleEvery == 0 || run == executions)
            {
                points.Add(new CoveragePoint(strategy, run, edges, strategy == FuzzStrategy.CoverageGuided ? corpus.Count : seeds.Count, crashes));
                progress?.Invoke(run);
            }
        }
        return points;
    }

    /// <summary>AFL's hit-count buckets as one bit each.</summary>
    public static byte Bucket(byte count) => count switch
    {
        1 => 1,
        2 => 2,
        3 => 4,
        <= 7 => 8,
        <= 15 => 16,
        <= 31 => 32,
        <= 127 => 64,
        _ => 128,
    };

    private static byte[] RandomInput(ref SplitMix64 rng)
    {
        var bytes = new byte[1 + rng.Below(512)];
        for (int i = 0; i < bytes.Length; i++) bytes[i] = (byte)rng.Next();
        return bytes;
    }

    /// <summary>One havoc round: 1 to 8 stacked random mutations of <paramref name="parent"/>.</summary>
    public static byte[] Mutate(byte[] parent, IReadOnlyList<byte[]> corpus, ref SplitMix64 rng)
    {
        var data = new List<byte>(parent);
        int rounds = 1 << rng.Below(4);
        for (int r = 0; r < rounds; r++)
        {
            if (data.Count == 0) { data.Add((byte)rng.Next()); continue; }
            int at = rng.Below(data.Count);
            switch (rng.Below(7))
            {
                case 0: data[at] ^= (byte)(1 << rng.Below(8)); break;
                case 1: data[at] = (byte)rng.Next(); break;
                case 2: data[at] = Interesting[rng.Below(Interesting.Length)]; break;
                case 3:
                    data.RemoveRange(at, Math.Min(data.Count - at, 1 + rng.Below(16)));
                    break;
                case 4:
                    {
                        int len = Math.Min(data.Count - at, 1 + rng.Below(32));
                        var block = data.GetRange(at, len);
                        data.InsertRange(rng.Below(data.Count + 1), block);
                        break;
                    }
                case 5:
                    for (int i = 1 + rng.Below(8); i > 0; i--) data.Insert(at, (byte)rng.Next());
                    break;
                default:
                    {
                        var other = corpus[rng.Below(corpus.Count)];
                        if (other.Length == 0) break;
                        int from = rng.Below(other.Length);
                        data.RemoveRange(at, data.Count - at);
                        data.AddRange(other.AsSpan(from).ToArray());
                        break;
                    }
            }
            if (data.Count > MaxInputLength) data.RemoveRange(MaxInputLength, data.Count - MaxInputLength);
        }
        return [.. data];
    }
}
