namespace Keelson.Cli.App;

/// <summary>A failure to report to the user as it is: one message saying what happened and what to do, and the exit code.</summary>
public sealed class CliException(string message, int exitCode = 1) : Exception(message)
{
    public int ExitCode { get; } = exitCode;
}
