namespace Keelson.Kustomize;

/// <summary>A kustomization cannot be rendered; the message names the file (and field) at fault, as kustomize does.</summary>
public sealed class KustomizeException(string message, Exception? inner = null) : Exception(message, inner);
