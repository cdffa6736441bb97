namespace Workbench.Experiments;

/// <summary>What an experiment run produced: the tidy data and the figures drawn from it.</summary>
public sealed record ExperimentResult(
    string ExperimentId,
    object Parameters,
    int Seed,
    ResultTable Table,
    IReadOnlyList<FigureSpec> Figures,
    TimeSpan Elapsed);
