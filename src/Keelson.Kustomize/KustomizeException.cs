namespace Keelson.Kustomize;

/// <summary>A kustomization cannot be rendered; the message names the file (and field) at fault, as kustomize does.</summary>
public sealed class KustomizeException(string message, Exception? inner = null) : Exception(message, inner)
{
    /// <summary>
    /// The kustomization file (a path in the file view) being built when the failure was found: the innermost one,
    /// whose entry or content is at fault. Null only when the top directory has no kustomization file. The message
    /// keeps kustomize's wording, which does not always name it.
    /// </summary>
    public string? File { get; internal set; } = (inner as KustomizeException)?.File;
}
