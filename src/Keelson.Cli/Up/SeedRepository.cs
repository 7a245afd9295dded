using Keelson.Git;

namespace Keelson.Cli.Up;

/// <summary>
/// The local Git repository `keelson up` deploys from: the seed's examples (guestbook, wordpress, argocd-apps), with
/// the Applications' repoURL pointed at the repository itself so that a commit there is what the engine deploys.
/// </summary>
internal static class SeedRepository
{
    public const string UpstreamUrl = "https://github.com/keelson-dev/keelson.git";

    private static readonly string[] Folders = ["examples/guestbook", "examples/wordpress", "examples/argocd-apps"];

    /// <summary>The identity commits in the lab's repository carry, set in its own config so `git commit` works in any HOME.</summary>
    public const string UserName = "Keelson Lab";

    public const string UserEmail = "lab@keelson.invalid";

    /// <summary>
    /// Creates the repository at <paramref name="path"/> unless it exists (a restart keeps its history and the user's
    /// commits), and gives it a local user.name and user.email when it has none.
    /// </summary>
    public static bool EnsureCreated(string path)
    {
        if (Directory.Exists(Path.Combine(path, ".git")))
        {
            LocalRepository.EnsureIdentity(path, UserName, UserEmail);
            return false;
        }
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
        LocalRepository.EnsureIdentity(path, UserName, UserEmail);
        LocalRepository.CommitAll(path, "Seed: guestbook and wordpress overlays, Argo CD Applications", $"{UserName} <{UserEmail}>");
        return true;
    }
}
