namespace Keelson.Kustomize;

/// <summary>
/// A read-only view of a file tree (a directory on disk now, a Git tree later). Paths use '/' separators and are
/// absolute within the view; the renderer never reads outside what the view exposes.
/// </summary>
public interface IFileView
{
    /// <summary>The whole file as UTF-8 text. Throws <see cref="FileNotFoundException"/> when it is absent.</summary>
    string ReadAllText(string path);

    /// <summary>True when a file or directory exists at <paramref name="path"/>.</summary>
    bool Exists(string path);

    /// <summary>True when <paramref name="path"/> is a directory.</summary>
    bool IsDirectory(string path);

    /// <summary>The full paths of the entries directly inside a directory, in ordinal order.</summary>
    IReadOnlyList<string> List(string directory);
}
