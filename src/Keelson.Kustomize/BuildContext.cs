namespace Keelson.Kustomize;

/// <summary>The kustomization being built: its directory (the load root), its file, and the file view.</summary>
internal sealed class BuildContext(IFileView files, string dir, string file)
{
    public IFileView Files => files;

    public string Dir => dir;

    public string File => file;

    /// <summary>kustomize's root-only restriction: files a kustomization reads must be in or below its directory.</summary>
    public void CheckWithinRoot(string path)
    {
        if (!FilePaths.IsWithin(path, dir))
            throw new KustomizeException($"security; file '{path}' is not in or below '{dir}'");
    }

    /// <summary>Reads a file named relative to the kustomization, enforcing the root-only restriction.</summary>
    public string ReadRelative(string relative, string field)
    {
        var path = FilePaths.Combine(dir, relative);
        CheckWithinRoot(path);
        if (!files.Exists(path) || files.IsDirectory(path))
            throw new KustomizeException($"{file}: {field}: '{path}' does not exist");
        return files.ReadAllText(path);
    }

    public string ReadFile(string path) => files.ReadAllText(path);
}
