using System.Security.Cryptography;
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

        var refusal = Header(headers, WebhookHeaders.GitHubSignature256) is { } sha256
            ? CheckHmac(provider, settings.GitHubSecret, HashAlgorithmName.SHA256, body, WebhookHeaders.GitHubSignature256, WithoutPrefix(sha256, "sha256="))
            : Header(headers, WebhookHeaders.HubSignature) is { } sha1
                ? CheckHmac(provider, settings.GitHubSecret, HashAlgorithmName.SHA1, body, WebhookHeaders.HubSignature, WithoutPrefix(sha1, "sha1="))
                : CheckHmac(provider, settings.GitHubSecret, HashAlgorithmName.SHA256, body, WebhookHeaders.GitHubSignature256, null);
        if (refusal is not null) return refusal;

        using var json = ParseJson(provider, body, out refusal);
        if (json is null) return refusal!;
        if (eventName == GitHubPing) return new WebhookIgnored(provider, eventName, "a ping: nothing to refresh");

        var reader = new PayloadReader();
        var root = json.RootElement;
        var repository = reader.Object(root, "repository");
        var gitRef = reader.Text(root, "ref");
        var revision = GitRef.ShortName(gitRef);
        var push = new PushEvent
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
        return Accept(reader, push, eventName);
    }

    /// <summary>The value without <paramref name="prefix"/>, which may be absent (go-playground trims it if there).</summary>
    private static string WithoutPrefix(string value, string prefix) =>
        value.StartsWith(prefix, StringComparison.Ordinal) ? value[prefix.Length..] : value;
}
