namespace Keelson.Engine.Sync;

/// <summary>
/// Argo CD sync options (<c>Name=value</c> strings), from the Application, the operation, or a resource's
/// <c>argocd.argoproj.io/sync-options</c> annotation (comma separated).
/// </summary>
public sealed class SyncOptionSet
{
    private readonly Dictionary<string, string> _values = new(StringComparer.OrdinalIgnoreCase);

    public SyncOptionSet(IEnumerable<string>? options)
    {
        foreach (var option in options ?? [])
        {
            var eq = option.IndexOf('=');
            if (eq > 0) _values[option[..eq].Trim()] = option[(eq + 1)..].Trim();
        }
    }

    public static SyncOptionSet FromAnnotation(string? value) => new(value?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));

    public string? this[string name] => _values.GetValueOrDefault(name);

    public bool Is(string name, string value) => string.Equals(this[name], value, StringComparison.OrdinalIgnoreCase);

    public bool IsTrue(string name) => Is(name, "true");
}
