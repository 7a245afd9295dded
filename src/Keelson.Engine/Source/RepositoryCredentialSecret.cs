using System.Text;
using System.Text.Json.Nodes;
using Keelson.Engine.Model;
using Keelson.Git;
using Keelson.Resources;

namespace Keelson.Engine.Source;

/// <summary>
/// What the engine takes from one of Argo CD's repository Secrets: a <c>repository</c> (its <c>url</c> names one
/// repository) or a <c>repo-creds</c> template (its <c>url</c> is a prefix of the repositories it serves), with the
/// https credential it holds (<c>username</c> and <c>password</c>, or <c>bearerToken</c>). <see cref="ToString"/>
/// never shows the credential.
/// </summary>
/// <param name="SecretName">The Secret, as <c>namespace/name</c>.</param>
/// <param name="IsTemplate">True for <c>repo-creds</c>.</param>
/// <param name="Url">The URL as written in the Secret.</param>
/// <param name="Key">The URL compared: <see cref="RepositoryUrl.Normalize"/>'s form for a repository; for a template, lower-cased without <c>.git</c> but with any trailing <c>/</c> kept, as Argo CD compares prefixes.</param>
/// <param name="Project">The AppProject a repository is scoped to, or "".</param>
/// <param name="Credential">The https credential, or null when the Secret holds none (public, or ssh only).</param>
public sealed record RepositoryCredentialSecret(string SecretName, bool IsTemplate, string Url, string Key, string Project, GitCredential? Credential)
{
    /// <summary>Reads a Secret; null when it is not a repository or repo-creds Secret, or has no <c>url</c>.</summary>
    public static RepositoryCredentialSecret? Read(JsonObject secret)
    {
        var type = secret.GetLabels().GetValueOrDefault(ArgoAnnotations.SecretTypeLabel);
        if (type is not (ArgoAnnotations.SecretTypeRepository or ArgoAnnotations.SecretTypeRepoCreds)) return null;
        var data = Data(secret);
        var url = data.GetValueOrDefault("url")?.Trim() ?? "";
        if (url.Length == 0) return null;
        var name = $"{secret.GetNamespace()}/{secret.GetName()}";
        var isTemplate = type == ArgoAnnotations.SecretTypeRepoCreds;
        var source = $"Secret {name}";
        var username = data.GetValueOrDefault("username") ?? "";
        // As the API server reads a repository: a password without a user name is a token, sent as GitHub documents.
        var credential = data.GetValueOrDefault("password") is { Length: > 0 } password
            ? new GitCredential(username.Length > 0 ? username : "x-access-token", password) { Source = source }
            : data.GetValueOrDefault("bearerToken") is { Length: > 0 } token ? GitCredential.FromToken(token) with { Source = source }
            : null;
        return new RepositoryCredentialSecret(name, isTemplate, url, isTemplate ? PrefixKey(url) : RepositoryUrl.Normalize(url),
            data.GetValueOrDefault("project") ?? "", credential);
    }

    /// <summary>
    /// Whether this Secret speaks for the repository whose <see cref="RepositoryUrl.Normalize"/>d URL is
    /// <paramref name="normalizedUrl"/>: the same URL for a repository; for a template, a URL that starts with its
    /// prefix (Argo CD's plain string prefix, so <c>https://host/org</c> also serves <c>https://host/org-tools/x</c>;
    /// write <c>https://host/org/</c> to mean that organisation alone).
    /// </summary>
    public bool Serves(string normalizedUrl) =>
        IsTemplate ? normalizedUrl.StartsWith(Key, StringComparison.Ordinal) || normalizedUrl == Key.TrimEnd('/') : normalizedUrl == Key;

    public override string ToString() =>
        $"{(IsTemplate ? "repo-creds" : "repository")} Secret {SecretName} for {RepositoryUrl.Redact(Url)}{(Credential is null ? "" : $" (user '{Credential.Username}')")}";

    // Argo CD's NormalizeGitURL for the prefix: trimmed, lower-cased, no ".git"; a trailing '/' is kept (it is part of the prefix).
    private static string PrefixKey(string url)
    {
        if (RepositoryUrl.IsLocal(url)) return RepositoryUrl.Normalize(url);
        var key = RepositoryUrl.Redact(url).ToLowerInvariant();
        return key.EndsWith(".git", StringComparison.Ordinal) ? key[..^4] : key;
    }

    // The Secret's data (base64) with stringData laid over it, as the API server folds it on write.
    private static Dictionary<string, string> Data(JsonObject secret)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, node) in secret["data"] as JsonObject ?? [])
        {
            if (node?.ToString() is not { } text) continue;
            var buffer = new byte[(text.Length * 3 / 4) + 3];
            if (Convert.TryFromBase64String(text, buffer, out var written)) values[key] = Encoding.UTF8.GetString(buffer, 0, written);
        }
        foreach (var (key, node) in secret["stringData"] as JsonObject ?? [])
        {
            if (node?.ToString() is { } text) values[key] = text;
        }
        return values;
    }
}
