namespace Keelson.Kustomize;

/// <summary>Lexical path handling with '/' separators, independent of the host file system.</summary>
internal static class FilePaths
{
    public static string Normalize(string path)
    {
        var p = path.Replace('\\', '/');
        var absolute = p.StartsWith('/');
        var parts = new List<string>();
        foreach (var part in p.Split('/'))
        {
            if (part.Length == 0 || part == ".") continue;
            if (part == "..")
            {
                if (parts.Count > 0 && parts[^1] != "..") parts.RemoveAt(parts.Count - 1);
                else if (!absolute) parts.Add("..");
                continue;
            }
            parts.Add(part);
        }
        var joined = string.Join('/', parts);
        return absolute ? "/" + joined : (joined.Length == 0 ? "." : joined);
    }

    public static string Combine(string dir, string relative) =>
        relative.StartsWith('/') ? Normalize(relative) : Normalize(dir + "/" + relative);

    /// <summary>
    /// Whether normalised <paramref name="path"/> is <paramref name="root"/> or below it; a relative view's root is
    /// "." (everything that does not climb out with "..").
    /// </summary>
    public static bool IsWithin(string path, string root) =>
        root == "."
            ? !path.StartsWith('/') && path != ".." && !path.StartsWith("../", StringComparison.Ordinal)
            : path == root || path.StartsWith(root.EndsWith('/') ? root : root + "/", StringComparison.Ordinal);

    public static string FileName(string path)
    {
        var i = path.LastIndexOf('/');
        return i < 0 ? path : path[(i + 1)..];
    }
}
