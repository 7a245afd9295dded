namespace Keelson.Kustomize;

/// <summary>
/// The kustomization being built: its directory (the load root), its file, and the file view. Reads files as
/// kustomize's loader does, with its checks in its order and its words.
/// </summary>
internal sealed class BuildContext(IFileView files, string dir, string file)
{
    private readonly Dictionary<string, string> _read = new(StringComparer.Ordinal);

    public IFileView Files => files;

    public string Dir => dir;

    public string File => file;

    /// <summary>
    /// Why <paramref name="path"/> cannot be found, as kustomize says it (its file system resolves symbolic links
    /// first: Go's <c>filepath.EvalSymlinks</c> walks the path one name at a time and fails at the first that is
    /// absent, or at a file with names still to come); null when it exists.
    /// </summary>
    public string? Missing(string path) => Missing(files, path);

    /// <inheritdoc cref="Missing(string)"/>
    public static string? Missing(IFileView files, string path)
    {
        if (files.Exists(path)) return null;
        var names = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var walked = path.StartsWith('/') ? "" : null;
        for (var i = 0; i < names.Length; i++)
        {
            walked = walked is null ? names[i] : walked + "/" + names[i];
            if (!files.Exists(walked))
                return $"evalsymlink failure on '{path}' : lstat {walked}: no such file or directory";
            if (i < names.Length - 1 && !files.IsDirectory(walked))
                return $"evalsymlink failure on '{path}' : not a directory";
        }
        return $"evalsymlink failure on '{path}' : lstat {path}: no such file or directory";
    }

    /// <summary>
    /// kustomize's root-only restriction: a file a kustomization reads must be in or below its directory. Only a
    /// path that exists is checked (kustomize resolves it first and reports a missing one as missing).
    /// </summary>
    public bool IsWithinRoot(string path) => FilePaths.IsWithin(path, dir);

    public string OutsideRoot(string path) => $"security; file '{path}' is not in or below '{dir}'";

    /// <summary>
    /// Reads a file named relative to the kustomization, failing as kustomize's loader does: a missing path, then a
    /// directory ("must resolve to a file"), then a file outside the root. Reads are remembered, so a file checked
    /// early (kustomize configures every transformer before running any) is read once.
    /// </summary>
    public string ReadRelative(string relative)
    {
        var path = FilePaths.Combine(dir, relative);
        if (_read.TryGetValue(path, out var text)) return text;
        if (Missing(path) is { } missing) throw new KustomizeException(missing);
        if (files.IsDirectory(path)) throw new KustomizeException($"'{path}' must resolve to a file");
        if (!IsWithinRoot(path)) throw new KustomizeException(OutsideRoot(path));
        text = files.ReadAllText(path);
        _read[path] = text;
        return text;
    }

    public string ReadFile(string path) => files.ReadAllText(path);
}
