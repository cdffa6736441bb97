namespace Workbench.Experiments;

/// <summary>Progress of a running experiment: <paramref name="Done"/> of <paramref name="Total"/> steps, and what it is doing.</summary>
public readonly record struct ExperimentProgress(long Done, long Total, string Stage)
{
    public double Fraction => Total <= 0 ? 0 : Math.Clamp((double)Done / Total, 0, 1);
}
