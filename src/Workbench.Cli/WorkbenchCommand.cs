using System.CommandLine;
using Spectre.Console;
using Spectre.Console.Rendering;
using Workbench.Benchmarks;
using Workbench.Charts;
using Workbench.Experiments;

namespace Workbench.Cli;

/// <summary>
/// The <c>workbench</c> command: <c>list</c>, <c>run</c> and <c>reproduce</c> over
/// <see cref="BenchmarkExperiments.Registry"/>. All output goes to the writers passed in, so the
/// whole command runs in-process under test. Exit codes: 0 success; 2 a usage or parameter error
/// (one line on stderr starting <c>error: </c>, naming the parameter, experiment or paper); 1 any
/// other failure (one <c>error: </c> line with the message, no stack trace).
/// </summary>
public static class WorkbenchCommand
{
    /// <summary>Exit code of a usage or parameter error.</summary>
    public const int UsageError = 2;

    /// <summary>Exit code of an unexpected failure.</summary>
    public const int Failure = 1;

    /// <summary>Seed used when <c>--seed</c> is not given.</summary>
    public const int DefaultSeed = 42;

    /// <summary>Parses and runs <paramref name="args"/> against the full experiment registry.</summary>
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr) => Run(args, stdout, stderr, Registry);

    /// <summary>Every experiment: the library's, the benchmarks', and those measured by the fuzz host.</summary>
    public static ExperimentRegistry Registry { get; } = BenchmarkExperiments.Registry.With(Workbench.Fuzz.FuzzExperiments.All);

    /// <summary>Parses and runs <paramref name="args"/> against <paramref name="registry"/>.</summary>
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr, ExperimentRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(args);
        var session = new Session(registry, stdout, stderr);
        var root = Build(session);
        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            var first = parse.Errors.FirstOrDefault(e => e.Message.StartsWith("Unrecognized", StringComparison.Ordinal)) ?? parse.Errors[0];
            stderr.WriteLine($"error: {first.Message} (try 'workbench --help')");
            return UsageError;
        }
        try
        {
            return parse.Invoke(new InvocationConfiguration { Output = stdout, Error = stderr, EnableDefaultExceptionHandler = false });
        }
        catch (Exception e) when (e is ParameterException or UsageException)
        {
            stderr.WriteLine($"error: {e.Message}");
            return UsageError;
        }
        catch (OperationCanceledException)
        {
            stderr.WriteLine("error: cancelled");
            return Failure;
        }
        catch (Exception e)
        {
            stderr.WriteLine($"error: {FirstLine(e)}");
            return Failure;
        }
    }

    private static string FirstLine(Exception e)
    {
        var inner = e is System.Reflection.TargetInvocationException { InnerException: { } cause } ? cause : e;
        var message = inner.Message.ReplaceLineEndings(" ");
        return inner is InvalidOperationException or ArgumentException or IOException or UnauthorizedAccessException
            ? message
            : $"{message} ({inner.GetType().Name})";
    }

    private static RootCommand Build(Session session)
    {
        var root = new RootCommand("Workbench: run the experiments that reproduce systems papers, and export their tables and figures.");

        var list = new Command("list", "List the experiments with their papers.");
        list.SetAction(_ => session.List());
        root.Subcommands.Add(list);

        var id = new Argument<string>("id") { Description = "Experiment id, paper/name (see 'workbench list')." };
        var set = SetOption();
        var seed = SeedOption();
        var quick = QuickOption();
        var output = new Option<string?>("--out") { Description = "Directory to write the CSV, provenance JSON and figures into. Without it nothing is written." };
        var run = new Command("run", "Run one experiment and print its result table.");
        run.Arguments.Add(id);
        run.Options.Add(set);
        run.Options.Add(seed);
        run.Options.Add(quick);
        run.Options.Add(output);
        var noImages = NoImagesOption();
        run.Options.Add(noImages);
        run.SetAction(r => session.RunOne(r.GetValue(id)!, r.GetValue(set) ?? [], r.GetValue(seed), r.GetValue(quick), r.GetValue(output), r.GetValue(noImages)));
        root.Subcommands.Add(run);

        var papers = new Argument<string[]>("paper-id") { Description = "Paper ids (see 'workbench list').", Arity = ArgumentArity.ZeroOrMore };
        var all = new Option<bool>("--all") { Description = "Reproduce every paper that has experiments." };
        var rset = SetOption("Override a parameter (name=value) in every experiment of the papers that has it; writes to out/custom/<paper> unless --out is given.");
        var rseed = SeedOption();
        var rquick = QuickOption();
        var rout = new Option<string?>("--out") { Description = "Write into DIR/<paper-id>/ instead of papers/<paper-id>/figures/." };
        var reproduce = new Command("reproduce", "Run every experiment of the given papers and write their figures, data and provenance (default: papers/<id>/figures/; with --quick: out/quick/<id>/).");
        reproduce.Arguments.Add(papers);
        reproduce.Options.Add(all);
        reproduce.Options.Add(rset);
        reproduce.Options.Add(rseed);
        reproduce.Options.Add(rquick);
        reproduce.Options.Add(rout);
        var rnoImages = NoImagesOption();
        reproduce.Options.Add(rnoImages);
        reproduce.SetAction(r => session.Reproduce(r.GetValue(papers) ?? [], r.GetValue(all), r.GetValue(rset) ?? [], r.GetValue(rseed), r.GetValue(rquick), r.GetValue(rout), r.GetValue(rnoImages)));
        root.Subcommands.Add(reproduce);
        root.Subcommands.Add(CacheCommands.Create());
        root.Subcommands.Add(FuzzCommands.Create());
        root.Subcommands.Add(RaftCommands.Create());
        return root;
    }

    private static Option<string[]> SetOption(string? description = null) => new("--set")
    {
        Description = description ?? "Override a parameter: name=value (lists a,b,c; integer ranges 4..20 or 4..20:2). Repeatable.",
        Arity = ArgumentArity.ZeroOrMore,
        AllowMultipleArgumentsPerToken = false,
    };

    private static Option<int> SeedOption() => new("--seed") { Description = "Seed of every random choice.", DefaultValueFactory = _ => DefaultSeed };

    private static Option<bool> NoImagesOption() => new("--no-images") { Description = "Skip SVG and PNG export (each image starts Chromium for 2 to 3 s); CSV, JSON and HTML are still written." };

    private static Option<bool> QuickOption() => new("--quick") { Description = "Start from the small Quick parameters instead of the Defaults." };

    /// <summary>One invocation: the registry and the output writers.</summary>
    private sealed class Session(ExperimentRegistry registry, TextWriter stdout, TextWriter stderr)
    {
        private readonly IAnsiConsole _out = ConsoleFactory.Create(stdout);
        private bool _noticeShown;

        public int List()
        {
            var table = new Table().Border(TableBorder.Rounded);
            table.AddColumn("experiment");
            table.AddColumn("paper");
            table.AddColumn("title");
            table.AddColumn("paper title");
            foreach (var e in registry.All)
            {
                table.AddRow(new IRenderable[] { new Text(e.Id), new Text(e.PaperId), new Text(e.Title), new Text(Papers.Find(e.PaperId)?.Title ?? "") });
            }
            _out.Write(table);
            return 0;
        }

        public int RunOne(string id, string[] settings, int seed, bool quick, string? outDir, bool noImages)
        {
            var experiment = registry.Find(id) ?? throw new UsageException($"unknown experiment '{id}' (try 'workbench list')");
            var parsed = settings.Select(ParameterBinder.ParseSetting).ToList();
            var parameters = (IExperimentParameters)ParameterBinder.Bind(quick ? experiment.Quick : experiment.Defaults, parsed);
            var result = Execute(experiment, parameters, seed);
            PrintTable(result.Table);
            stdout.WriteLine($"{experiment.Id}: {result.Table.RowCount} rows in {result.Elapsed.TotalSeconds:0.0} s (seed {seed}, {Provenance.ProfileOf(experiment, parameters)} parameters)");
            if (outDir is not null) Write(experiment, result, outDir, noImages);
            return 0;
        }

        public int Reproduce(string[] paperIds, bool all, string[] settings, int seed, bool quick, string? outDir, bool noImages)
        {
            if (all && paperIds.Length > 0) throw new UsageException("give paper ids or --all, not both");
            if (!all && paperIds.Length == 0) throw new UsageException("give at least one paper id or --all (try 'workbench list')");
            var ids = all ? registry.All.Select(e => e.PaperId).Distinct().ToList() : paperIds.Distinct().ToList();
            foreach (var p in ids)
            {
                if (Papers.Find(p) is null) throw new UsageException($"unknown paper '{p}' (known: {string.Join(", ", Papers.All.Select(x => x.Id))})");
            }
            var parsed = settings.Select(ParameterBinder.ParseSetting).ToList();

            // Bind everything before running anything, so a bad setting fails fast.
            var plan = new List<(string Paper, IExperiment Experiment, IExperimentParameters Parameters)>();
            var used = new HashSet<string>(StringComparer.Ordinal);
            foreach (var p in ids)
            {
                foreach (var e in registry.ForPaper(p))
                {
                    var start = quick ? e.Quick : e.Defaults;
                    var known = ParameterBinder.Describe(start.GetType());
                    var mine = parsed.Where(s => known.Any(k => k.Name == s.Key || k.Property.Name == s.Key)).ToList();
                    foreach (var s in mine) used.Add(s.Key);
                    try
                    {
                        plan.Add((p, e, (IExperimentParameters)ParameterBinder.Bind(start, mine)));
                    }
                    catch (ParameterException x)
                    {
                        throw new ParameterException($"{e.Id}: {x.Message}");
                    }
                }
            }
            var unknown = parsed.FirstOrDefault(s => !used.Contains(s.Key));
            if (unknown.Key is not null) throw new ParameterException($"unknown parameter '{unknown.Key}' (no experiment of {string.Join(", ", ids)} has it)");

            string Target(string paper)
            {
                if (outDir is not null) return Path.Combine(outDir, paper);
                var repo = RepositoryRoot.Find(Directory.GetCurrentDirectory())
                    ?? throw new UsageException($"not inside a Workbench checkout (no Workbench.sln above {Directory.GetCurrentDirectory()}); give --out DIR");
                if (quick) return Path.Combine(repo, "out", "quick", paper);
                if (parsed.Count > 0) return Path.Combine(repo, "out", "custom", paper);
                return Path.Combine(repo, "papers", paper, "figures");
            }

            foreach (var p in ids)
            {
                var steps = plan.Where(x => x.Paper == p).ToList();
                if (steps.Count == 0)
                {
                    stdout.WriteLine($"{p}: no experiments registered yet");
                    continue;
                }
                var target = Target(p);
                if (outDir is null && (quick || parsed.Count > 0))
                    stdout.WriteLine($"{p}: {(quick ? "quick" : "custom")} run, writing to {Display(target)} (the committed figures in papers/{p}/figures/ are left alone)");
                foreach (var (_, experiment, parameters) in steps)
                {
                    var result = Execute(experiment, parameters, seed);
                    stdout.WriteLine($"{experiment.Id}: {result.Table.RowCount} rows in {result.Elapsed.TotalSeconds:0.0} s");
                    Write(experiment, result, target, noImages);
                }
            }
            return 0;
        }

        private ExperimentResult Execute(IExperiment experiment, IExperimentParameters parameters, int seed)
        {
            if (!ConsoleFactory.IsTerminal(stderr)) return experiment.Run(parameters, seed);
            ExperimentResult? result = null;
            ConsoleFactory.Create(stderr).Progress()
                .AutoClear(true)
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
                .Start(ctx =>
                {
                    var task = ctx.AddTask(Markup.Escape(experiment.Id), autoStart: true, maxValue: 1);
                    result = experiment.Run(parameters, seed, new Reporter(p =>
                    {
                        task.MaxValue = Math.Max(1, p.Total);
                        task.Value = p.Done;
                        task.Description = Markup.Escape($"{experiment.Id}: {p.Stage}");
                    }));
                    task.Value = task.MaxValue;
                });
            return result!;
        }

        private void Write(IExperiment experiment, ExperimentResult result, string directory, bool noImages)
        {
            var export = ExperimentWriter.Write(experiment, result, directory, noImages ? "" : null);
            foreach (var f in export.Files) stdout.WriteLine($"wrote {Display(f)}");
            if (export.Notice is not null && !_noticeShown)
            {
                stderr.WriteLine(export.Notice);
                _noticeShown = true;
            }
        }

        private static string Display(string path)
        {
            var relative = Path.GetRelativePath(Directory.GetCurrentDirectory(), path);
            return relative.StartsWith("..", StringComparison.Ordinal) ? Path.GetFullPath(path) : relative;
        }

        private void PrintTable(ResultTable result)
        {
            var table = new Table().Border(TableBorder.Simple);
            bool[] numeric = [.. Enumerable.Range(0, result.Columns.Count).Select(c => result.Rows.All(r => r[c] is long or double))];
            for (int c = 0; c < result.Columns.Count; c++)
            {
                var column = new TableColumn(new Text(result.Columns[c]));
                table.AddColumn(numeric[c] ? column.RightAligned() : column);
            }
            foreach (var row in result.Rows)
            {
                table.AddRow(row.Select(v => (IRenderable)new Text(Format(v))));
            }
            _out.Write(table);
        }

        private static string Format(object v) => v switch
        {
            double d when double.IsNaN(d) => "",
            double d when d != 0 && (Math.Abs(d) < 1e-3 || Math.Abs(d) >= 1e7) => d.ToString("0.###e+0", System.Globalization.CultureInfo.InvariantCulture),
            double d => d.ToString("0.#####", System.Globalization.CultureInfo.InvariantCulture),
            _ => ResultTable.FormatCell(v),
        };
    }

    /// <summary>Reports synchronously on the experiment's thread (unlike <see cref="Progress{T}"/>, which posts).</summary>
    private sealed class Reporter(Action<ExperimentProgress> report) : IProgress<ExperimentProgress>
    {
        public void Report(ExperimentProgress value) => report(value);
    }
}
