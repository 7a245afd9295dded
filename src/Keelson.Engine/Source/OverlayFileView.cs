using Keelson.Kustomize;

namespace Keelson.Engine.Source;

/// <summary>A file view with a few extra (virtual) files laid over another, read-only view.</summary>
internal sealed class OverlayFileView(IFileView inner, IReadOnlyDictionary<string, string> files) : IFileView
{
    private readonly HashSet<string> _directories = files.Keys.Select(k => k[..Math.Max(0, k.LastIndexOf('/'))]).ToHashSet(StringComparer.Ordinal);

    public string ReadAllText(string path) => files.TryGetValue(path, out var text) ? text : inner.ReadAllText(path);

    public bool Exists(string path) => files.ContainsKey(path) || _directories.Contains(path) || inner.Exists(path);

    public bool IsDirectory(string path) => _directories.Contains(path) || inner.IsDirectory(path);

    public IReadOnlyList<string> List(string directory)
    {
        var listed = _directories.Contains(directory) && !inner.IsDirectory(directory) ? [] : inner.List(directory);
        var extra = files.Keys.Concat(_directories).Where(p => p.StartsWith(directory + "/", StringComparison.Ordinal) && !p[(directory.Length + 1)..].Contains('/'));
        return listed.Concat(extra).Distinct().Order(StringComparer.Ordinal).ToList();
    }
}
