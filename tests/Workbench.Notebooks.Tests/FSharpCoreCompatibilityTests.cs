using System.Reflection.Metadata;
using Xunit.Abstractions;
using System.Reflection.PortableExecutable;
using System.Text.RegularExpressions;

namespace Workbench.Notebooks.Tests;

/// <summary>
/// The kernel ships FSharp.Core 10.0.0.0 and Plotly.NET 6 is compiled against 10.1.0.0; notebooks/setup.ipynb
/// answers requests for FSharp.Core with the kernel's copy. That is sound only while every FSharp.Core
/// type and member the Plotly.NET packages use exists in the kernel's copy. This test reads the
/// metadata of both (no code is loaded) and lists whatever is missing: every referenced type by full
/// name, every referenced method by name, generic arity and parameter count, every referenced field
/// by name. Run it after any bump of the kernel or of a Plotly.NET package.
/// </summary>
public partial class FSharpCoreCompatibilityTests(ITestOutputHelper log)
{
    [Fact]
    public async Task Every_FSharpCore_type_and_member_Plotly_uses_exists_in_the_kernels_FSharpCore()
    {
        await DotNet.RestoreToolsAsync();
        string kernelVersion = Repository.ToolVersion("microsoft.dotnet-interactive");
        string kernelDir = Path.Combine(Repository.NuGetPackages, "microsoft.dotnet-interactive", kernelVersion);
        string kernelFSharpCore = Directory.EnumerateFiles(kernelDir, "FSharp.Core.dll", SearchOption.AllDirectories).FirstOrDefault()
            ?? throw new FileNotFoundException($"No FSharp.Core.dll in the restored kernel tool package {kernelDir}");
        var available = Definitions.Read(kernelFSharpCore);

        var assemblies = PlotlyAssemblies().ToList();
        var missing = new SortedSet<string>(StringComparer.Ordinal);
        int types = 0, members = 0;
        foreach (var (package, dll) in assemblies)
        {
            foreach (var use in References.Read(dll))
            {
                if (use.Member is null)
                {
                    types++;
                    if (!available.Types.Contains(use.Type)) missing.Add($"{package}: type {use.Type}");
                }
                else
                {
                    members++;
                    if (!available.Members.Contains((use.Type, use.Member))) missing.Add($"{package}: {use.Type}::{use.Member}");
                }
            }
        }

        log.WriteLine($"kernel FSharp.Core: {kernelFSharpCore}");
        foreach (var (package, _) in assemblies) log.WriteLine($"checked {package}");
        log.WriteLine($"{types} type references and {members} member references into FSharp.Core; {missing.Count} missing");
        Assert.True(assemblies.Count >= 3, $"expected Plotly.NET, Plotly.NET.CSharp and Plotly.NET.Interactive, found {string.Join(", ", assemblies.Select(a => a.Package))}");
        Assert.True(types > 50 && members > 50, $"suspiciously few FSharp.Core references read ({types} types, {members} members)");
        Assert.True(missing.Count == 0,
            $"{missing.Count} FSharp.Core references of the Plotly.NET packages are missing from the kernel's FSharp.Core ({kernelFSharpCore}); " +
            $"the redirect in notebooks/setup.ipynb is unsound:\n{string.Join("\n", missing)}");
    }

    [Fact]
    public void The_PackageDownload_of_this_project_matches_the_setup_notebook()
    {
        var setup = File.ReadAllText(Path.Combine(Repository.Notebooks, "setup.ipynb"));
        var project = File.ReadAllText(Path.Combine(Repository.Root, "tests", "Workbench.Notebooks.Tests", "Workbench.Notebooks.Tests.csproj"));
        string notebookVersion = NuGetReference().Matches(setup).Single(m => m.Groups[1].Value == "Plotly.NET.Interactive").Groups[2].Value;
        Assert.Contains($"<PackageDownload Include=\"Plotly.NET.Interactive\" Version=\"[{notebookVersion}]\" />", project);
    }

    /// <summary>The Plotly.NET assemblies a notebook loads: the packages of setup.ipynb's <c>#r "nuget: ..."</c> lines, Plotly.NET itself and, for Workbench.Charts, ImageExport (versions from Directory.Packages.props).</summary>
    private static IEnumerable<(string Package, string Dll)> PlotlyAssemblies()
    {
        var packages = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (Match m in NuGetReference().Matches(File.ReadAllText(Path.Combine(Repository.Notebooks, "setup.ipynb"))))
            packages[m.Groups[1].Value] = m.Groups[2].Value;
        string props = File.ReadAllText(Path.Combine(Repository.Root, "Directory.Packages.props"));
        foreach (Match m in CentralVersion().Matches(props))
        {
            if (m.Groups[1].Value is "Plotly.NET" or "Plotly.NET.ImageExport") packages.TryAdd(m.Groups[1].Value, m.Groups[2].Value);
        }
        foreach (var (id, version) in packages)
        {
            if (!id.StartsWith("Plotly.NET", StringComparison.OrdinalIgnoreCase)) continue;
            string dir = Path.Combine(Repository.NuGetPackages, id.ToLowerInvariant(), version);
            Assert.True(Directory.Exists(dir), $"package {id} {version} is not in {Repository.NuGetPackages}: run `dotnet restore` at the repository root");
            // interactive-extensions/ holds the kernel extension that Plotly.NET.Interactive loads; lib/ the library.
            foreach (var dll in Directory.EnumerateFiles(dir, id + ".dll", SearchOption.AllDirectories)
                         .Where(f => f.Contains($"{Path.DirectorySeparatorChar}lib{Path.DirectorySeparatorChar}") || f.Contains("interactive-extensions")))
                yield return ($"{id} {version} ({Path.GetRelativePath(dir, dll)})", dll);
        }
    }

    [GeneratedRegex(@"#r \\?""nuget:\s*([A-Za-z0-9_.\-]+)\s*,\s*([0-9][A-Za-z0-9.\-]*)")]
    private static partial Regex NuGetReference();

    [GeneratedRegex(@"<PackageVersion Include=""([^""]+)"" Version=""([^""]+)""")]
    private static partial Regex CentralVersion();

    /// <summary>Types and members defined (or forwarded) by an assembly, keyed the way <see cref="References"/> names them.</summary>
    private sealed record Definitions(HashSet<string> Types, HashSet<(string Type, string Member)> Members)
    {
        public static Definitions Read(string path)
        {
            using var pe = new PEReader(File.OpenRead(path));
            var md = pe.GetMetadataReader();
            var types = new HashSet<string>(StringComparer.Ordinal);
            var members = new HashSet<(string, string)>();
            foreach (var h in md.TypeDefinitions)
            {
                var t = md.GetTypeDefinition(h);
                string name = FullName(md, h);
                types.Add(name);
                foreach (var mh in t.GetMethods())
                {
                    var m = md.GetMethodDefinition(mh);
                    members.Add((name, MethodKey(md.GetString(m.Name), md.GetBlobReader(m.Signature))));
                }
                foreach (var fh in t.GetFields()) members.Add((name, "field " + md.GetString(md.GetFieldDefinition(fh).Name)));
            }
            foreach (var h in md.ExportedTypes)
            {
                var e = md.GetExportedType(h);
                types.Add(Join(md.GetString(e.Namespace), md.GetString(e.Name)));
            }
            return new Definitions(types, members);
        }

        private static string FullName(MetadataReader md, TypeDefinitionHandle h)
        {
            var t = md.GetTypeDefinition(h);
            var declaring = t.GetDeclaringType();
            return declaring.IsNil
                ? Join(md.GetString(t.Namespace), md.GetString(t.Name))
                : FullName(md, declaring) + "/" + md.GetString(t.Name);
        }
    }

    /// <summary>One reference from an assembly into FSharp.Core: a type, or a member of a type.</summary>
    private readonly record struct Use(string Type, string? Member);

    private static class References
    {
        public static IEnumerable<Use> Read(string path)
        {
            using var pe = new PEReader(File.OpenRead(path));
            var md = pe.GetMetadataReader();
            var fsharpCore = md.AssemblyReferences.Where(h => md.GetString(md.GetAssemblyReference(h).Name) == "FSharp.Core").ToList();
            if (fsharpCore.Count == 0) yield break;
            var uses = new List<Use>();
            foreach (var h in md.TypeReferences)
            {
                if (FSharpCoreName(md, h, fsharpCore) is string name) uses.Add(new Use(name, null));
            }
            foreach (var h in md.MemberReferences)
            {
                var m = md.GetMemberReference(h);
                string? owner = m.Parent.Kind switch
                {
                    HandleKind.TypeReference => FSharpCoreName(md, (TypeReferenceHandle)m.Parent, fsharpCore),
                    HandleKind.TypeSpecification => GenericTypeName(md, (TypeSpecificationHandle)m.Parent, fsharpCore),
                    _ => null,
                };
                if (owner is null) continue;
                var blob = md.GetBlobReader(m.Signature);
                string memberName = md.GetString(m.Name);
                uses.Add(new Use(owner, m.GetKind() == MemberReferenceKind.Field ? "field " + memberName : MethodKey(memberName, blob)));
            }
            foreach (var u in uses.Distinct()) yield return u;
        }

        /// <summary>The full name of a type reference into FSharp.Core (nested types as <c>Outer/Inner</c>), or null if it points elsewhere.</summary>
        private static string? FSharpCoreName(MetadataReader md, TypeReferenceHandle h, List<AssemblyReferenceHandle> fsharpCore)
        {
            var t = md.GetTypeReference(h);
            var scope = t.ResolutionScope;
            if (scope.Kind == HandleKind.TypeReference)
                return FSharpCoreName(md, (TypeReferenceHandle)scope, fsharpCore) is string outer ? outer + "/" + md.GetString(t.Name) : null;
            if (scope.Kind == HandleKind.AssemblyReference && fsharpCore.Contains((AssemblyReferenceHandle)scope))
                return Join(md.GetString(t.Namespace), md.GetString(t.Name));
            return null;
        }

        /// <summary>For a member of a generic instantiation such as <c>FSharpOption&lt;int&gt;</c>, the generic type's name.</summary>
        private static string? GenericTypeName(MetadataReader md, TypeSpecificationHandle h, List<AssemblyReferenceHandle> fsharpCore)
        {
            var blob = md.GetBlobReader(md.GetTypeSpecification(h).Signature);
            if (blob.ReadSignatureTypeCode() != SignatureTypeCode.GenericTypeInstance) return null;
            blob.ReadSignatureTypeCode(); // class or value type
            var generic = blob.ReadTypeHandle();
            return generic.Kind == HandleKind.TypeReference ? FSharpCoreName(md, (TypeReferenceHandle)generic, fsharpCore) : null;
        }
    }

    /// <summary><c>name`generic-arity(parameter-count)</c> from a method signature blob.</summary>
    private static string MethodKey(string name, BlobReader signature)
    {
        var header = signature.ReadSignatureHeader();
        int arity = header.IsGeneric ? signature.ReadCompressedInteger() : 0;
        int parameters = signature.ReadCompressedInteger();
        return $"{name}`{arity}({parameters})";
    }

    private static string Join(string ns, string name) => ns.Length == 0 ? name : ns + "." + name;
}
