using SharpFuzz;
using Workbench.Fuzzing;

namespace Workbench.Fuzz;

/// <summary>
/// The process afl-fuzz runs: <c>Workbench.Fuzz &lt;target&gt;</c> serves inputs through SharpFuzz's
/// fork server to one <see cref="FuzzTarget"/>; an exception escaping the target (a crash, or a
/// <see cref="DivergenceException"/>) is what AFL++ records as a crash. Coverage comes from the copy
/// of <c>Workbench.dll</c> beside this host, instrumented in place by <c>sharpfuzz</c> (the
/// <c>workbench fuzz run</c> command does all of this in <c>out/fuzz/</c>).
/// <c>Workbench.Fuzz &lt;target&gt; FILE...</c> runs files once each and prints their outcomes.
/// </summary>
public static class Program
{
    public static int Main(string[] args)
    {
        if (args.Length == 0)
        {
            Console.Error.WriteLine("usage: Workbench.Fuzz <target> [FILE...] (see 'workbench fuzz list')");
            return 2;
        }
        string name = args[0];
        if (args.Length == 1)
        {
            // Nothing of the (instrumented) library may run before the fork server has mapped AFL's
            // shared memory: instrumented code writes its edge counts there.
            Fuzzer.Run(stream =>
            {
                using var buffer = new MemoryStream();
                stream.CopyTo(buffer);
                FuzzTargets.Execute(name, buffer.ToArray());
            });
            return 0;
        }
        unsafe
        {
            // Outside afl-fuzz, give an instrumented library a private edge map to write into.
            SharpFuzz.Common.Trace.SharedMem = (byte*)System.Runtime.InteropServices.NativeMemory.AllocZeroed(1 << 16);
        }
        if (FuzzTargets.Find(name) is not { } target)
        {
            Console.Error.WriteLine($"unknown fuzz target '{name}' (known: {string.Join(", ", FuzzTargets.All.Select(t => t.Name))})");
            return 2;
        }
        int failed = 0;
        foreach (var file in args[1..])
        {
            try
            {
                Console.WriteLine($"{file}: {target.Execute(File.ReadAllBytes(file)).ToString().ToLowerInvariant()}");
            }
            catch (Exception e)
            {
                failed++;
                Console.WriteLine($"{file}: FAILED {e.GetType().Name}: {e.Message.ReplaceLineEndings(" ")}");
            }
        }
        return failed == 0 ? 0 : 1;
    }
}
