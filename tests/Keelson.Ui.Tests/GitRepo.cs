using System.Diagnostics;

namespace Keelson.Ui.Tests;

/// <summary>git in the lab's seeded repository (it has its own user.name and user.email).</summary>
public static class GitRepo
{
    public static async Task<string> RunAsync(string repo, params string[] arguments)
    {
        var info = new ProcessStartInfo("git") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add("-C");
        info.ArgumentList.Add(repo);
        foreach (var a in arguments) info.ArgumentList.Add(a);
        using var git = Process.Start(info)!;
        var output = await git.StandardOutput.ReadToEndAsync();
        var error = await git.StandardError.ReadToEndAsync();
        await git.WaitForExitAsync();
        if (git.ExitCode != 0) throw new InvalidOperationException($"git {string.Join(' ', arguments)}: {error}");
        return output.Trim();
    }

    /// <summary>Sets the image tag of an overlay (its kustomization's newTag), commits, and returns the commit.</summary>
    public static async Task<string> SetTagAsync(string repo, string overlay, string tag)
    {
        var path = Path.Combine(repo, overlay, "kustomization.yaml");
        var text = await File.ReadAllTextAsync(path);
        var changed = System.Text.RegularExpressions.Regex.Replace(text, @"newTag: .*", $"newTag: {tag}");
        if (changed == text) throw new InvalidOperationException($"{path} has no newTag to change (or it is already {tag})");
        await File.WriteAllTextAsync(path, changed);
        await RunAsync(repo, "commit", "-qam", $"{overlay}: frontend {tag}");
        return await RunAsync(repo, "rev-parse", "HEAD");
    }
}
