using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Keelson.Server.Webhooks;

public sealed partial class WebhookHandler
{
    private const string GitHubPush = "push";
    private const string GitHubPing = "ping";

    /// <summary>GitHub Packages' event, which Argo CD hands to its container-registry webhook instead.</summary>
    private const string GitHubPackage = "package";

    /// <summary>
    /// GitHub: the event must be <c>push</c> or <c>ping</c>; with <c>webhook.github.secret</c> set, the body must carry
    /// <c>X-Hub-Signature-256: sha256=&lt;hex HMAC-SHA256&gt;</c> or, from older senders, only the legacy
    /// <c>X-Hub-Signature: sha1=&lt;hex HMAC-SHA1&gt;</c> (which Argo CD's library does not read).
    /// </summary>
    private WebhookOutcome HandleGitHub(string eventName, IHeaderDictionary headers, ReadOnlyMemory<byte> body)
    {
        const WebhookProvider provider = WebhookProvider.GitHub;
        if (eventName == GitHubPackage) return new WebhookIgnored(provider, eventName, "registry (GitHub Packages) events are not handled");
        if (eventName is not (GitHubPush or GitHubPing)) return UnsupportedEvent(provider, eventName);
        if (Unreadable(provider, body) is { } unreadable) return unreadable;

        // The SHA-256 signature whenever it is sent; the legacy SHA-1 one only in its absence.
        var (algorithm, header, prefix) = Header(headers, WebhookHeaders.GitHubSignature256) is not null || Header(headers, WebhookHeaders.HubSignature) is null
            ? (HashAlgorithmName.SHA256, WebhookHeaders.GitHubSignature256, "sha256=")
            : (HashAlgorithmName.SHA1, WebhookHeaders.HubSignature, "sha1=");
        var signature = Header(headers, header) is { } value ? WithoutPrefix(value, prefix) : null;
        if (CheckHmac(provider, settings.GitHubSecret, algorithm, body, header, signature) is { } refusal) return refusal;

        using var json = ParseJson(provider, body, out refusal);
        if (json is null) return refusal!;
        if (eventName == GitHubPing) return new WebhookIgnored(provider, eventName, "a ping: nothing to refresh");

        var reader = new PayloadReader();
        return Accept(reader, ReadGitHubShapedPush(provider, reader, json.RootElement), eventName);
    }

    /// <summary>
    /// A push in GitHub's shape, which Gogs and Gitea copy: <c>ref</c>, <c>before</c>, <c>after</c>, <c>commits</c>
    /// and <c>repository</c> with <c>html_url</c>, <c>clone_url</c>, <c>ssh_url</c> and <c>default_branch</c>.
    /// </summary>
    private static PushEvent ReadGitHubShapedPush(WebhookProvider provider, PayloadReader reader, JsonElement root)
    {
        var repository = reader.Object(root, "repository");
        var gitRef = reader.Text(root, "ref");
        var revision = GitRef.ShortName(gitRef);
        return new PushEvent
        {
            Provider = provider,
            RepoWebUrls = Urls(reader.Text(repository, "html_url"), reader.Text(repository, "clone_url"), reader.Text(repository, "ssh_url")),
            Ref = gitRef,
            Revision = revision,
            IsTag = gitRef.StartsWith(GitRef.TagsPrefix, StringComparison.Ordinal),
            TouchedDefaultBranch = reader.Text(repository, "default_branch") == revision,
            ChangedFiles = ChangedFiles(reader, root),
            Before = reader.Text(root, "before"),
            After = reader.Text(root, "after"),
        };
    }

    /// <summary>The value without <paramref name="prefix"/>, which may be absent (go-playground trims it if there).</summary>
    private static string WithoutPrefix(string value, string prefix) =>
        value.StartsWith(prefix, StringComparison.Ordinal) ? value[prefix.Length..] : value;
}
