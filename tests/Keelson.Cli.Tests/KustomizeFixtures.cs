using System.Diagnostics;

namespace Keelson.Cli.Tests;

/// <summary>The kustomize fixture cases of Keelson.Kustomize.Tests, and the oracle (`kubectl kustomize`) to compare with.</summary>
internal static class KustomizeFixtures
{
    public const string Kubectl = "/usr/bin/kubectl";

    public static string Root
    {
        get
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Keelson.slnx"))) dir = dir.Parent;
            return Path.Combine(dir?.FullName ?? throw new InvalidOperationException("Keelson.slnx not found above the test binaries"),
                "tests", "Keelson.Kustomize.Tests", "testdata");
        }
    }

    public static string Input(string name) => Path.Combine(Root, name, "input");

    public static Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(string file, params string[] arguments) => RunInAsync(null, file, arguments);

    public static async Task<(int ExitCode, string Stdout, string Stderr)> RunInAsync(string? workingDirectory, string file, params string[] arguments)
    {
        var info = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        if (workingDirectory is not null) info.WorkingDirectory = workingDirectory;
        foreach (var a in arguments) info.ArgumentList.Add(a);
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await stdout, await stderr);
    }

    public static Task<(int ExitCode, string Stdout, string Stderr)> KeelsonAsync(params string[] arguments) =>
        RunAsync("dotnet", [Path.Combine(AppContext.BaseDirectory, "keelson.dll"), .. arguments]);

    public static Task<(int ExitCode, string Stdout, string Stderr)> KeelsonInAsync(string workingDirectory, params string[] arguments) =>
        RunInAsync(workingDirectory, "dotnet", [Path.Combine(AppContext.BaseDirectory, "keelson.dll"), .. arguments]);

    public static Task<(int ExitCode, string Stdout, string Stderr)> KubectlKustomizeAsync(string dir) => RunAsync(Kubectl, "kustomize", dir);

    public static void CopyDirectory(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }
}
