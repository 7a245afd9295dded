using System.Diagnostics;
using Keelson.Cli.Tests.App;

namespace Keelson.Cli.Tests;

/// <summary>Runs the real `keelson` program (keelson.dll next to the tests) to the end, stdout and stderr apart.</summary>
internal static class CliRun
{
    /// <summary>
    /// Runs keelson with <paramref name="environment"/> changed (a null value removes the variable) and
    /// <paramref name="stdin"/> as its standard input (none: closed at once); fails the test past <paramref name="seconds"/>.
    /// </summary>
    public static async Task<CliResult> RunAsync(IEnumerable<string> args, IReadOnlyDictionary<string, string?> environment, string? stdin = null, double seconds = 60)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true, UseShellExecute = false };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "keelson.dll"));
        foreach (var a in args) info.ArgumentList.Add(a);
        foreach (var (name, value) in environment)
        {
            if (value is null) info.Environment.Remove(name);
            else info.Environment[name] = value;
        }
        using var process = Process.Start(info)!;
        if (stdin is not null) await process.StandardInput.WriteAsync(stdin);
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(seconds));
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"keelson {string.Join(' ', info.ArgumentList.Skip(1))} did not finish within {seconds} s:\n{await stdout}\n{await stderr}");
        }
        return new CliResult(process.ExitCode, await stdout, await stderr);
    }
}
