using System.Security.Cryptography;
using Microsoft.AspNetCore.Http;

namespace Keelson.Server.Webhooks;

public sealed partial class WebhookHandler
{
    private const string GogsPush = "push";

    /// <summary>
    /// Gogs (<c>X-Gogs-Event</c>) and Gitea (<c>X-Gitea-Event</c>, sent with Gogs' headers too): the event must be
    /// <c>push</c>; with <c>webhook.gogs.secret</c> set, the signature header holds the hex HMAC-SHA256 with no prefix —
    /// <c>X-Gogs-Signature</c> from Gogs, <c>X-Gitea-Signature</c> (else <c>X-Gogs-Signature</c>) from Gitea.
    /// </summary>
    private WebhookOutcome HandleGogs(WebhookProvider provider, string eventName, IHeaderDictionary headers, ReadOnlyMemory<byte> body)
    {
        if (eventName != GogsPush) return UnsupportedEvent(provider, eventName);
        if (Unreadable(provider, body) is { } unreadable) return unreadable;
        var (header, signature) = provider == WebhookProvider.Gitea && Header(headers, WebhookHeaders.GiteaSignature) is { } gitea
            ? (WebhookHeaders.GiteaSignature, gitea)
            : (WebhookHeaders.GogsSignature, Header(headers, WebhookHeaders.GogsSignature));
        if (CheckHmac(provider, settings.GogsSecret, HashAlgorithmName.SHA256, body, header, signature) is { } refusal) return refusal;

        using var json = ParseJson(provider, body, out refusal);
        if (json is null) return refusal!;
        var reader = new PayloadReader();
        return Accept(reader, ReadGitHubShapedPush(provider, reader, json.RootElement), eventName);
    }
}
