using Keelson.Git;

namespace Keelson.Cli;

/// <summary>
/// The local Git repository `keelson up` deploys from: the seed's examples (guestbook, wordpress, argocd-apps), with
/// the Applications' repoURL pointed at the repository itself so that a commit there is what the engine deploys.
/// </summary>
internal static class SeedRepository
{
    public const string UpstreamUrl = "https://github.com/keelson-dev/keelson.git";

    private static readonly string[] Folders = ["examples/guestbook", "examples/wordpress", "examples/argocd-apps"];

    /// <summary>Creates the repository at <paramref name="path"/> unless it exists (a restart keeps its history and the user's commits).</summary>
    public static bool EnsureCreated(string path)
    {
        if (Directory.Exists(Path.Combine(path, ".git"))) return false;
        var seed = Path.Combine(AppContext.BaseDirectory, "seed");
        if (!Directory.Exists(seed)) throw new InvalidOperationException($"the seed examples are missing next to keelson ({seed}); rebuild src/Keelson.Cli");
        LocalRepository.Init(path);
        foreach (var folder in Folders)
        {
            var from = Path.Combine(seed, folder);
            foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
            {
                var relative = Path.GetRelativePath(seed, file);
                var target = Path.Combine(path, relative);
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                var text = File.ReadAllText(file);
                if (relative.StartsWith("examples/argocd-apps", StringComparison.Ordinal)) text = text.Replace(UpstreamUrl, path, StringComparison.Ordinal);
                File.WriteAllText(target, text);
            }
        }
        LocalRepository.CommitAll(path, "Seed: guestbook and wordpress overlays, Argo CD Applications");
        return true;
    }
}
