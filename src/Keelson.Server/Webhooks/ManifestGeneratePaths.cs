namespace Keelson.Server.Webhooks;

/// <summary>
/// The <c>argocd.argoproj.io/manifest-generate-paths</c> annotation as Argo CD's webhook reads it: <c>;</c>-separated
/// paths, each relative to the source's <c>path</c> (<c>.</c> is the source directory itself) or, starting with
/// <c>/</c>, to the repository root; a change refreshes the application when a changed file is one of them, lies
/// under one, or matches one as a Go <c>filepath.Match</c> glob.
/// </summary>
public static class ManifestGeneratePaths
{
    /// <summary>The annotation key (Argo CD's <c>AnnotationKeyManifestGeneratePaths</c>).</summary>
    public const string AnnotationKey = "argocd.argoproj.io/manifest-generate-paths";

    /// <summary>
    /// The repository paths (no leading <c>/</c>) the annotation names for one source; none when the annotation is
    /// absent or empty, so that every change refreshes.
    /// </summary>
    public static IReadOnlyList<string> ForSource(string? annotation, string sourcePath)
    {
        if (string.IsNullOrEmpty(annotation)) return [];
        var paths = new List<string>();
        foreach (var raw in annotation.Split(';'))
        {
            var item = raw.Trim();
            if (item.Length == 0) continue;
            paths.Add(item[0] == '/' ? item[1..] : GoFilePath.Clean(GoFilePath.Join(sourcePath, item)));
        }
        return paths;
    }

    /// <summary>
    /// The first changed file that one of the refresh paths covers, and that path; null when none does. With no
    /// refresh paths or no changed files (a payload that lists none) every push counts as a change: the result is
    /// then <c>("", "")</c>.
    /// </summary>
    public static (string File, string Path)? FirstChange(IReadOnlyList<string> refreshPaths, IReadOnlyList<string> changedFiles)
    {
        if (changedFiles.Count == 0 || refreshPaths.Count == 0) return ("", "");
        foreach (var file in changedFiles)
        {
            var absoluteFile = Absolute(file);
            foreach (var path in refreshPaths)
            {
                var absolutePath = Absolute(path);
                if (absoluteFile == absolutePath || IsUnder(GoFilePath.Clean(absolutePath), GoFilePath.Dir(absoluteFile)) || GoFilePath.Match(absolutePath, absoluteFile))
                    return (file, path);
            }
        }
        return null;
    }

    private static string Absolute(string path) => path.StartsWith('/') ? path : "/" + path;

    /// <summary>Whether a directory is the root or lies on or under it (Argo CD's <c>EnforceToCurrentRoot</c>).</summary>
    private static bool IsUnder(string root, string directory) =>
        root == "/" || directory == root || directory.StartsWith(root + "/", StringComparison.Ordinal);
}
