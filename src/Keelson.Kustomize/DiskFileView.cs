namespace Keelson.Kustomize;

/// <summary>An <see cref="IFileView"/> over the local file system.</summary>
public sealed class DiskFileView : IFileView
{
    public string ReadAllText(string path) => File.ReadAllText(path);

    public bool Exists(string path) => File.Exists(path) || Directory.Exists(path);

    public bool IsDirectory(string path) => Directory.Exists(path);

    public IReadOnlyList<string> List(string directory) =>
        Directory.EnumerateFileSystemEntries(directory)
            .Select(p => p.Replace('\\', '/'))
            .Order(StringComparer.Ordinal)
            .ToList();
}
