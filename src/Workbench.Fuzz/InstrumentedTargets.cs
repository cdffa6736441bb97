using System.Reflection;
using System.Runtime.InteropServices;
using System.Runtime.Loader;
using SharpFuzz;
using Workbench.Fuzzing;

namespace Workbench.Fuzz;

/// <summary>
/// A SharpFuzz-instrumented copy of <c>Workbench.dll</c>, loaded in its own context beside the
/// ordinary one, with AFL's edge map read directly in process: every branch of the copy increments
/// <c>map[prev ^ cur]</c> in <see cref="SharpFuzz.Common.Trace.SharedMem"/>, which here is a private
/// 64 KiB buffer rather than AFL's shared memory. This lets a notebook or an experiment measure the
/// edges an input reaches without running afl-fuzz. One instance per process (the map is global).
/// </summary>
public sealed unsafe class InstrumentedTargets : IEdgeMap
{
    private static InstrumentedTargets? _instance;
    private static readonly object Gate = new();
    private readonly byte* _map;
    private readonly Func<string, byte[], int> _execute;

    private InstrumentedTargets()
    {
        var original = typeof(FuzzTargets).Assembly.Location;
        var dir = Path.Combine(Path.GetTempPath(), $"workbench-instrumented-{Environment.ProcessId}");
        Directory.CreateDirectory(dir);
        var copy = Path.Combine(dir, "Workbench.dll");
        File.Copy(original, copy, overwrite: true);
        // Only the parsers are instrumented: the edges counted are theirs, not those of the target
        // registry's one-time set-up, which would otherwise be credited to whichever input ran first.
        Fuzzer.Instrument(copy, IsParser, Options.Value);
        _map = (byte*)NativeMemory.AllocZeroed(1 << 16);
        SharpFuzz.Common.Trace.SharedMem = _map;
        var context = new CopyContext(copy, Path.GetDirectoryName(original)!);
        var assembly = context.LoadFromAssemblyPath(copy);
        var method = assembly.GetType("Workbench.Fuzzing.FuzzTargets")!.GetMethod("Execute", BindingFlags.Public | BindingFlags.Static)!;
        _execute = method.CreateDelegate<Func<string, byte[], int>>();
        InstrumentedPath = copy;
    }

    /// <summary>Types whose branches are counted: the trace readers and decompression, and the parameter binder.</summary>
    public static bool IsParser(string type) =>
        type.StartsWith("Workbench.Traces.", StringComparison.Ordinal) || type.StartsWith("Workbench.Experiments.ParameterBinder", StringComparison.Ordinal);

    /// <summary>The instrumented library (instrumented once per process, on first use).</summary>
    public static InstrumentedTargets Instance
    {
        get
        {
            lock (Gate) return _instance ??= new InstrumentedTargets();
        }
    }

    /// <summary>Where the instrumented copy was written.</summary>
    public string InstrumentedPath { get; }

    public void Clear()
    {
        NativeMemory.Clear(_map, 1 << 16);
        SharpFuzz.Common.Trace.PrevLocation = 0;
    }

    public ReadOnlySpan<byte> Counts => new(_map, 1 << 16);

    /// <summary>Runs <paramref name="target"/> on <paramref name="data"/> in the instrumented copy; false when it threw (a crash or divergence).</summary>
    public bool Execute(string target, byte[] data)
    {
        try
        {
            _execute(target, data);
            return true;
        }
        catch (Exception)
        {
            return false;
        }
    }

    /// <summary>Edges (distinct map entries) that one input reaches.</summary>
    public int EdgesOf(string target, byte[] data)
    {
        Clear();
        Execute(target, data);
        int n = 0;
        foreach (var b in Counts) if (b != 0) n++;
        return n;
    }

    /// <summary>
    /// Loads the instrumented Workbench; everything else is the instance this process already has.
    /// SharpFuzz.Common above all must be the very assembly whose map this class set: a second copy
    /// would have no map, and instrumented code would write through a null pointer. Hosts such as
    /// the notebook kernel load referenced assemblies into contexts of their own, so look them up
    /// by identity, not in the default context.
    /// </summary>
    private sealed class CopyContext(string copy, string originalDir) : AssemblyLoadContext("workbench-instrumented")
    {
        protected override Assembly? Load(AssemblyName name)
        {
            if (name.Name == "Workbench") return LoadFromAssemblyPath(copy);
            if (name.Name == typeof(SharpFuzz.Common.Trace).Assembly.GetName().Name) return typeof(SharpFuzz.Common.Trace).Assembly;
            var loaded = AppDomain.CurrentDomain.GetAssemblies().FirstOrDefault(a => a.GetName().Name == name.Name && GetLoadContext(a) != this);
            if (loaded is not null) return loaded;
            var beside = Path.Combine(originalDir, name.Name + ".dll");
            var owner = GetLoadContext(typeof(InstrumentedTargets).Assembly) ?? Default;
            return File.Exists(beside) ? owner.LoadFromAssemblyPath(beside) : null;
        }
    }
}
