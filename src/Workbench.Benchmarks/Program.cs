using BenchmarkDotNet.Running;

// `dotnet run -c Release --project src/Workbench.Benchmarks -- --filter '*Bloom*'`
BenchmarkSwitcher.FromAssembly(typeof(Workbench.Benchmarks.BenchmarkExperiments).Assembly).Run(args);
