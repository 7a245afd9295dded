using System.Diagnostics;

namespace Keelson.Tests.Shared;

/// <summary>The real /usr/bin/kubectl, run to completion against one kubeconfig with its own discovery cache.</summary>
public static class Kubectl
{
    public sealed record Result(int ExitCode, string Stdout, string Stderr)
    {
        /// <summary>What it printed, standard output then standard error.</summary>
        public string Output => Stdout + Stderr;
    }

    /// <summary>Runs kubectl with <paramref name="arguments"/> (split as a command line), feeding <paramref name="stdin"/> when given; 60 s at most.</summary>
    public static async Task<Result> RunAsync(string kubeconfig, string cacheDirectory, string arguments, string? stdin = null)
    {
        var info = new ProcessStartInfo("/usr/bin/kubectl", $"--kubeconfig {kubeconfig} {arguments}")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = stdin is not null,
        };
        info.Environment["KUBECACHEDIR"] = cacheDirectory;
        using var process = Process.Start(info)!;
        if (stdin is not null)
        {
            await process.StandardInput.WriteAsync(stdin);
            process.StandardInput.Close();
        }
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));
        return new Result(process.ExitCode, await stdout, await stderr);
    }
}
