namespace Workbench.Experiments;

/// <summary>
/// One experiment of one paper: typed parameters (with <see cref="Defaults"/> and a small
/// <see cref="Quick"/> preset for CI and smoke runs) plus a seed, turned into a tidy
/// <see cref="ResultTable"/> and the figures drawn from it. Registered under a stable id
/// <c>paper/name</c>, e.g. <c>bloom/fpr-vs-bits</c>.
/// </summary>
public interface IExperiment
{
    /// <summary>Stable id, <c>paper/name</c>.</summary>
    string Id { get; }

    /// <summary>The paper id this experiment belongs to (the part of <see cref="Id"/> before the slash).</summary>
    string PaperId => Id[..Id.IndexOf('/')];

    /// <summary>The file stem used for outputs: the part of <see cref="Id"/> after the slash.</summary>
    string Name => Id[(Id.IndexOf('/') + 1)..];

    string Title { get; }

    /// <summary>True when the same parameters and seed give byte-identical results (accuracy experiments);
    /// false for timing experiments.</summary>
    bool Deterministic { get; }

    IExperimentParameters Defaults { get; }

    IExperimentParameters Quick { get; }

    ExperimentResult Run(IExperimentParameters parameters, int seed, IProgress<ExperimentProgress>? progress = null, CancellationToken cancellation = default);
}

/// <summary>Typed base class: implement <see cref="Execute"/> and the figures.</summary>
public abstract class Experiment<TParameters> : IExperiment where TParameters : class, IExperimentParameters
{
    public abstract string Id { get; }
    public abstract string Title { get; }
    public virtual bool Deterministic => true;
    public abstract TParameters Defaults { get; }
    public abstract TParameters Quick { get; }

    IExperimentParameters IExperiment.Defaults => Defaults;
    IExperimentParameters IExperiment.Quick => Quick;

    /// <summary>Runs with typed parameters; validates them first.</summary>
    public ExperimentResult Run(TParameters parameters, int seed, IProgress<ExperimentProgress>? progress = null, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ParameterBinder.Validate(parameters);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var table = Execute(parameters, seed, progress, cancellation);
        clock.Stop();
        return new ExperimentResult(Id, parameters, seed, table, Figures(parameters, table), clock.Elapsed);
    }

    ExperimentResult IExperiment.Run(IExperimentParameters parameters, int seed, IProgress<ExperimentProgress>? progress, CancellationToken cancellation) =>
        Run(parameters as TParameters ?? throw new ArgumentException($"{Id} takes {typeof(TParameters).Name}, not {parameters.GetType().Name}."), seed, progress, cancellation);

    protected abstract ResultTable Execute(TParameters parameters, int seed, IProgress<ExperimentProgress>? progress, CancellationToken cancellation);

    /// <summary>The figures drawn from this experiment's table (they may depend on the parameters).</summary>
    public abstract IReadOnlyList<FigureSpec> Figures(TParameters parameters);

    /// <summary>The figures of one run: by default <see cref="Figures(TParameters)"/>; an experiment whose
    /// figures depend on what the run measured (titles, marker lines) reads them from its table.</summary>
    public virtual IReadOnlyList<FigureSpec> Figures(TParameters parameters, ResultTable table) => Figures(parameters);
}
