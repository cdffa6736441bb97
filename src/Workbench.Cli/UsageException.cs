namespace Workbench.Cli;

/// <summary>A mistake in the command line (unknown experiment or paper, no checkout to write into): exit code 2, one "error:" line.</summary>
internal sealed class UsageException(string message) : Exception(message);
