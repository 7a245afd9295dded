namespace Keelson.Git;

/// <summary>Lexical normalisation of paths inside a Git tree: '/' separators, "." and ".." resolved.</summary>
internal static class TreePath
{
    /// <summary>
    /// The path relative to the tree's root ("" for the root itself), or null when a ".." would climb above the
    /// root. A leading '/' means the root of the tree, as <see cref="Kustomize.IFileView"/> paths are absolute.
    /// </summary>
    public static string? Normalize(string path)
    {
        var parts = new List<string>();
        foreach (var part in path.Replace('\\', '/').Split('/'))
        {
            if (part.Length == 0 || part == ".") continue;
            if (part == "..")
            {
                if (parts.Count == 0) return null;
                parts.RemoveAt(parts.Count - 1);
                continue;
            }
            parts.Add(part);
        }
        return string.Join('/', parts);
    }

    /// <summary><paramref name="relative"/> joined under <paramref name="root"/> (both normalised).</summary>
    public static string Join(string root, string relative) =>
        root.Length == 0 ? relative : relative.Length == 0 ? root : root + "/" + relative;
}
