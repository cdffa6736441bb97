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
        Fuzzer.Instrument(copy, type => type.StartsWith("Workbench.", StringComparison.Ordinal), Options.Value);
        _map = (byte*)NativeMemory.AllocZeroed(1 << 16);
        SharpFuzz.Common.Trace.SharedMem = _map;
        var context = new CopyContext(copy, Path.GetDirectoryName(original)!);
        var assembly = context.LoadFromAssemblyPath(copy);
        var method = assembly.GetType("Workbench.Fuzzing.FuzzTargets")!.GetMethod("Execute", BindingFlags.Public | BindingFlags.Static)!;
        _execute = method.CreateDelegate<Func<string, byte[], int>>();
        InstrumentedPath = copy;
    }

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

    /// <summary>Loads the instrumented Workbench; everything else is shared with the default context (SharpFuzz.Common above all, whose map this class owns).</summary>
    private sealed class CopyContext(string copy, string originalDir) : AssemblyLoadContext("workbench-instrumented")
    {
        protected override Assembly? Load(AssemblyName name)
        {
            if (name.Name == "Workbench") return LoadFromAssemblyPath(copy);
            var loaded = Default.Assemblies.FirstOrDefault(a => a.GetName().Name == name.Name);
            if (loaded is not null) return loaded;
            var beside = Path.Combine(originalDir, name.Name + ".dll");
            return File.Exists(beside) ? Default.LoadFromAssemblyPath(beside) : null;
        }
    }
}
