namespace Workbench.Experiments;

/// <summary>A paper the workbench reproduces: its id (the key of its notebook, papers/ folder and experiments), short title and citation.</summary>
public sealed record Paper(string Id, string Title, string Citation);

/// <summary>The papers the library knows, by id.</summary>
public static class Papers
{
    public static readonly Paper Bloom = new(
        "bloom",
        "Bloom filters: classic, double hashing, cache-line blocked",
        "B. H. Bloom, Space/time trade-offs in hash coding with allowable errors, CACM 13(7), 1970; " +
        "A. Kirsch, M. Mitzenmacher, Less hashing, same performance: building a better Bloom filter, ESA 2006; " +
        "F. Putze, P. Sanders, J. Singler, Cache-, hash- and space-efficient Bloom filters, WEA 2007");

    public static readonly Paper Treap = new(
        "treap",
        "Treaps: randomized search trees with split, join, rank and select",
        "R. Seidel, C. R. Aragon, Randomized search trees, Algorithmica 16(4/5):464-497, 1996");

    public static readonly Paper Heaps = new(
        "heaps",
        "Heaps: d-ary and pairing heaps with decrease-key, and why d = 4 wins",
        "D. B. Johnson, Priority queues with update and finding minimum spanning trees, IPL 4(3), 1975; " +
        "M. L. Fredman, R. Sedgewick, D. D. Sleator, R. E. Tarjan, The pairing heap: a new form of self-adjusting heap, Algorithmica 1(1), 1986; " +
        "A. LaMarca, R. E. Ladner, The influence of caches on the performance of heaps, ACM JEA 1, 1996");

    public static readonly Paper TinyLfu = new(
        "tinylfu",
        "TinyLFU and W-TinyLFU: frequency-based cache admission, with a trace-driven cache simulator",
        "G. Einziger, R. Friedman, B. Manes, TinyLFU: A Highly Efficient Cache Admission Policy, ACM Transactions on Storage 13(4), 2017");

    public static readonly Paper CountMin = new(
        "count-min",
        "The count-min sketch, with conservative update and heavy hitters",
        "G. Cormode, S. Muthukrishnan, An improved data stream summary: the count-min sketch and its applications, Journal of Algorithms 55(1):58-75, 2005; " +
        "C. Estan, G. Varghese, New directions in traffic measurement and accounting, SIGCOMM 2002");

    public static readonly Paper HyperLogLog = new(
        "hyperloglog",
        "HyperLogLog and HLL++: cardinality estimation with 64-bit hashes, bias correction and a sparse representation",
        "P. Flajolet, E. Fusy, O. Gandouet, F. Meunier, HyperLogLog: the analysis of a near-optimal cardinality estimation algorithm, AofA 2007; " +
        "S. Heule, M. Nunkesser, A. Hall, HyperLogLog in practice: algorithmic engineering of a state of the art cardinality estimation algorithm, EDBT 2013");

    public static readonly Paper CuckooFilter = new(
        "cuckoo-filter",
        "Cuckoo filters: partial-key cuckoo hashing with deletion",
        "B. Fan, D. G. Andersen, M. Kaminsky, M. D. Mitzenmacher, Cuckoo filter: practically better than Bloom, CoNEXT 2014");

    public static readonly Paper XorFilter = new(
        "xor-filter",
        "Xor filters: static filters built by peeling, 1.23 log2(1/eps) bits per key",
        "T. M. Graf, D. Lemire, Xor filters: faster and smaller than Bloom and cuckoo filters, ACM JEA 25, 2020");

    public static readonly Paper BinaryFuseFilter = new(
        "binary-fuse-filter",
        "Binary fuse filters: segmented xor filters, 1.125 log2(1/eps) bits per key",
        "T. M. Graf, D. Lemire, Binary fuse filters: fast and smaller than xor filters, ACM JEA 27, 2022");

    public static readonly Paper Filters = new(
        "filters",
        "Membership filters compared: Bloom, blocked Bloom, cuckoo, xor and binary fuse",
        "Comparison of bloom, cuckoo-filter, xor-filter and binary-fuse-filter; C++ figures from the FastFilter benchmark (Graf & Lemire 2020, 2022)");

    public static readonly Paper Fuzzing = new(
        "fuzzing",
        "Fuzzing: coverage-guided and differential testing of parsers and fast implementations",
        "M. Zalewski, American fuzzy lop technical details (technical_details.txt), 2014; " +
        "B. P. Miller, L. Fredriksen, B. So, An empirical study of the reliability of UNIX utilities, CACM 33(12), 1990; " +
        "A. Zeller, R. Hildebrandt, Simplifying and isolating failure-inducing input, IEEE TSE 28(2), 2002");

    public static readonly Paper Raft = new(
        "raft",
        "Raft: leader election, log replication and safety, under a deterministic simulator with a linearizability checker",
        "D. Ongaro, J. Ousterhout, In search of an understandable consensus algorithm, USENIX ATC 2014; " +
        "D. Ongaro, Consensus: bridging theory and practice, PhD thesis, Stanford University, 2014");

    public static IReadOnlyList<Paper> All { get; } = [Bloom, Treap, Heaps,
        TinyLfu,
        CountMin,
        HyperLogLog,
        CuckooFilter,
        XorFilter,
        BinaryFuseFilter,
        Filters,
        Fuzzing,
        Raft];

    public static Paper? Find(string id) => All.FirstOrDefault(p => p.Id == id);
}
