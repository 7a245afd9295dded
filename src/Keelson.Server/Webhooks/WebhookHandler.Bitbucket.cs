using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Keelson.Server.Webhooks;

public sealed partial class WebhookHandler
{
    private const string BitbucketPush = "repo:push";
    private const string BitbucketServerRefsChanged = "repo:refs_changed";
    private const string BitbucketServerPing = "diagnostics:ping";

    /// <summary>
    /// Bitbucket Cloud (told by <c>X-Hook-UUID</c>): with <c>webhook.bitbucket.uuid</c> set, the header must equal it;
    /// the <c>X-Event-Key</c> must be <c>repo:push</c>. The payload lists no changed files and not the default branch,
    /// so path filters do not apply and <c>HEAD</c> is taken as touched (Argo CD asks Bitbucket's API for both when
    /// the UUID is set; Keelson does not).
    /// </summary>
    private WebhookOutcome HandleBitbucket(string uuid, IHeaderDictionary headers, ReadOnlyMemory<byte> body)
    {
        const WebhookProvider provider = WebhookProvider.Bitbucket;
        if (Header(headers, WebhookHeaders.BitbucketEventKey) is not { } eventName)
            return Refuse(provider, WebhookRefusalReason.UnsupportedEvent, $"there is no {WebhookHeaders.BitbucketEventKey} header");
        if (settings.BitbucketUuid.Length > 0 && !WebhookSignature.SecretEquals(uuid, settings.BitbucketUuid))
            return Refuse(provider, WebhookRefusalReason.SignatureMismatch, $"{WebhookHeaders.BitbucketHookUuid} is not the configured UUID");
        if (eventName != BitbucketPush) return UnsupportedEvent(provider, eventName);
        if (Unreadable(provider, body) is { } unreadable) return unreadable;

        using var json = ParseJson(provider, body, out var refusal);
        if (json is null) return refusal!;
        var reader = new PayloadReader();
        var root = json.RootElement;
        var links = reader.Object(reader.Object(root, "repository"), "links");
        // Argo CD reads the first change only.
        var change = reader.Objects(reader.Object(root, "push"), "changes").FirstOrDefault();
        var changed = reader.Object(change, "new");
        var revision = reader.Text(changed, "name");
        var push = new PushEvent
        {
            Provider = provider,
            RepoWebUrls = Urls(reader.Text(reader.Object(links, "html"), "href")),
            Ref = revision,
            Revision = revision,
            IsTag = reader.Text(changed, "type") == "tag",
            TouchedDefaultBranch = true,
            Before = reader.Text(reader.Object(reader.Object(change, "old"), "target"), "hash"),
            After = reader.Text(reader.Object(changed, "target"), "hash"),
        };
        return Accept(reader, push, eventName);
    }

    /// <summary>
    /// Bitbucket Server (told by <c>X-Event-Key</c> without <c>X-Hook-UUID</c>): the event must be
    /// <c>repo:refs_changed</c> or <c>diagnostics:ping</c> (answered before the body is read or signed); with
    /// <c>webhook.bitbucketserver.secret</c> set, <c>X-Hub-Signature: sha256=&lt;hex HMAC-SHA256&gt;</c>. The payload's
    /// http and ssh clone links are the URLs; it lists no changed files and not the default branch.
    /// </summary>
    private WebhookOutcome HandleBitbucketServer(string eventName, IHeaderDictionary headers, ReadOnlyMemory<byte> body)
    {
        const WebhookProvider provider = WebhookProvider.BitbucketServer;
        if (eventName is not (BitbucketServerRefsChanged or BitbucketServerPing)) return UnsupportedEvent(provider, eventName);
        if (eventName == BitbucketServerPing) return new WebhookIgnored(provider, eventName, "a ping: nothing to refresh");
        if (Unreadable(provider, body) is { } unreadable) return unreadable;
        // The library Argo CD uses drops the first seven characters, whatever they are: a bare hex signature fails.
        var signature = Header(headers, WebhookHeaders.HubSignature) is { } value ? (value.StartsWith("sha256=", StringComparison.Ordinal) ? value[7..] : "") : null;
        if (CheckHmac(provider, settings.BitbucketServerSecret, HashAlgorithmName.SHA256, body, WebhookHeaders.HubSignature, signature) is { } refusal)
            return refusal;

        using var json = ParseJson(provider, body, out refusal);
        if (json is null) return refusal!;
        var reader = new PayloadReader();
        var root = json.RootElement;
        var links = reader.Object(reader.Object(root, "repository"), "links");
        var change = reader.Objects(root, "changes").FirstOrDefault();
        var changedRef = reader.Object(change, "ref");
        var gitRef = reader.Text(changedRef, "id");
        var push = new PushEvent
        {
            Provider = provider,
            RepoWebUrls = Urls([.. CloneLinks(links)]),
            Ref = gitRef,
            Revision = GitRef.ShortName(gitRef),
            IsTag = reader.Text(changedRef, "type") == "TAG" || gitRef.StartsWith(GitRef.TagsPrefix, StringComparison.Ordinal),
            TouchedDefaultBranch = true,
            Before = reader.Text(change, "fromHash"),
            After = reader.Text(change, "toHash"),
        };
        return Accept(reader, push, eventName);
    }

    /// <summary>
    /// The <c>href</c>s of the http and ssh entries of <c>links.clone</c>, in payload order. The links are free-form
    /// in the library Argo CD uses, so an entry of another shape is skipped rather than refused.
    /// </summary>
    private static IEnumerable<string> CloneLinks(JsonElement links)
    {
        if (links.ValueKind != JsonValueKind.Object || !links.TryGetProperty("clone", out var clone) || clone.ValueKind != JsonValueKind.Array) yield break;
        foreach (var link in clone.EnumerateArray())
        {
            if (link.ValueKind != JsonValueKind.Object) continue;
            if (!link.TryGetProperty("href", out var href) || href.ValueKind != JsonValueKind.String) continue;
            if (link.TryGetProperty("name", out var name) && name.ValueKind == JsonValueKind.String && name.GetString() is "http" or "ssh")
                yield return href.GetString()!;
        }
    }
}
