namespace Keelson.Kustomize.Tests;

/// <summary>A file tree held in memory, to show the renderer reads nothing but its <see cref="IFileView"/>.</summary>
public sealed class InMemoryFileView(IReadOnlyDictionary<string, string> files) : IFileView
{
    public string ReadAllText(string path) =>
        files.TryGetValue(path, out var text) ? text : throw new FileNotFoundException(path);

    public bool Exists(string path) => files.ContainsKey(path) || IsDirectory(path);

    public bool IsDirectory(string path) => files.Keys.Any(k => k.StartsWith(path.TrimEnd('/') + "/", StringComparison.Ordinal));

    public IReadOnlyList<string> List(string directory)
    {
        var prefix = directory.TrimEnd('/') + "/";
        return files.Keys.Where(k => k.StartsWith(prefix, StringComparison.Ordinal))
            .Select(k => prefix + k[prefix.Length..].Split('/')[0])
            .Distinct()
            .Order(StringComparer.Ordinal)
            .ToList();
    }
}
