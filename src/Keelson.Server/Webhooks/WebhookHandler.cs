using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Keelson.Server.Webhooks;

/// <summary>
/// Argo CD's <c>POST /api/webhook</c> without the HTTP server: tells the provider from the headers, checks the body's
/// size and the signature (where a secret is set), and reads a push payload into a <see cref="PushEvent"/> — or says,
/// with Argo CD's status and text, why the request is refused. It refreshes nothing: the caller gives an accepted
/// push to <see cref="WebhookMatcher"/>, annotates the applications it names and answers with the outcome's status
/// and message (the endpoint is POST-only, so other methods get the framework's 405).
/// </summary>
/// <remarks>
/// The checks run in the order of the library Argo CD uses for each provider (go-playground/webhooks v6), so a
/// request that is wrong in two ways is refused for the same one as by Argo CD.
/// </remarks>
public sealed partial class WebhookHandler(WebhookSettings settings)
{
    public WebhookSettings Settings => settings;

    /// <summary>
    /// Reads the body from <paramref name="body"/>, at most one byte past the limit (so a body that is too large is
    /// neither buffered whole nor mistaken for one that fits), then <see cref="Handle"/>s it.
    /// </summary>
    public async Task<WebhookOutcome> HandleAsync(IHeaderDictionary headers, Stream body, CancellationToken cancellationToken)
    {
        var limit = Math.Max(0, settings.MaxPayloadSizeBytes) + 1;
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        while (buffer.Length < limit)
        {
            var read = await body.ReadAsync(chunk.AsMemory(0, (int)Math.Min(chunk.Length, limit - buffer.Length)), cancellationToken).ConfigureAwait(false);
            if (read == 0) break;
            buffer.Write(chunk, 0, read);
        }
        return Handle(headers, buffer.GetBuffer().AsMemory(0, (int)buffer.Length));
    }

    /// <summary>Handles a request whose body has been read; a body longer than the limit is refused as too large.</summary>
    public WebhookOutcome Handle(IHeaderDictionary headers, ReadOnlyMemory<byte> body)
    {
        // Argo CD's order. Gitea sends Gogs' and GitHub's headers too, and Gogs GitHub's, so they come first.
        if (Header(headers, WebhookHeaders.AzureDevOpsActivityId) is not null) return HandleAzureDevOps(headers, body);
        if (Header(headers, WebhookHeaders.GiteaEvent) is { } giteaEvent) return HandleGogs(WebhookProvider.Gitea, giteaEvent, headers, body);
        if (Header(headers, WebhookHeaders.GogsEvent) is { } gogsEvent) return HandleGogs(WebhookProvider.Gogs, gogsEvent, headers, body);
        if (Header(headers, WebhookHeaders.GitHubEvent) is { } gitHubEvent) return HandleGitHub(gitHubEvent, headers, body);
        if (Header(headers, WebhookHeaders.GitLabEvent) is { } gitLabEvent) return HandleGitLab(gitLabEvent, headers, body);
        if (Header(headers, WebhookHeaders.BitbucketHookUuid) is { } uuid) return HandleBitbucket(uuid, headers, body);
        if (Header(headers, WebhookHeaders.BitbucketEventKey) is { } eventKey) return HandleBitbucketServer(eventKey, headers, body);
        return new WebhookRefused(null, WebhookRefusalReason.UnknownProvider, "no header names a known provider", WebhookRefused.UnknownEventText);
    }

    /// <summary>The first value of a header, as Go's <c>Header.Get</c>; null when absent or empty.</summary>
    private static string? Header(IHeaderDictionary headers, string name) =>
        headers.TryGetValue(name, out var values) && values.Count > 0 && !string.IsNullOrEmpty(values[0]) ? values[0] : null;

    /// <summary>Argo CD's refusal for a body it cannot read whole: too large (Go's MaxBytesReader) or empty.</summary>
    private WebhookRefused? Unreadable(WebhookProvider provider, ReadOnlyMemory<byte> body)
    {
        if (body.Length > settings.MaxPayloadSizeBytes)
            return new(provider, WebhookRefusalReason.PayloadTooLarge, $"the body is larger than {settings.MaxPayloadSizeBytes} bytes", WebhookRefused.PayloadUnreadableText(settings.MaxPayloadSizeMB));
        if (body.IsEmpty) return new(provider, WebhookRefusalReason.EmptyPayload, "the body is empty", WebhookRefused.PayloadUnreadableText(settings.MaxPayloadSizeMB));
        return null;
    }

    private static WebhookRefused Refuse(WebhookProvider provider, WebhookRefusalReason reason, string detail) =>
        new(provider, reason, detail, WebhookRefused.ProcessingFailedText);

    private static WebhookRefused UnsupportedEvent(WebhookProvider provider, string eventName) =>
        Refuse(provider, WebhookRefusalReason.UnsupportedEvent, $"{provider} event '{eventName}' is not handled");

    /// <summary>
    /// The outcome of an HMAC check: null when no secret is set or the signature matches. <paramref name="hex"/> is
    /// the signature without any <c>sha256=</c> prefix; null when the request carries none.
    /// </summary>
    private static WebhookRefused? CheckHmac(WebhookProvider provider, string secret, HashAlgorithmName algorithm, ReadOnlyMemory<byte> body, string header, string? hex)
    {
        if (secret.Length == 0) return null;
        if (hex is null) return Refuse(provider, WebhookRefusalReason.MissingSignature, $"a secret is set but there is no {header} header");
        return WebhookSignature.HmacMatches(algorithm, secret, body.Span, hex) ? null
            : Refuse(provider, WebhookRefusalReason.SignatureMismatch, $"{header} does not match the body signed with the configured secret");
    }

    /// <summary>Parses the body; null, with a refusal, when it is not a JSON object.</summary>
    private static JsonDocument? ParseJson(WebhookProvider provider, ReadOnlyMemory<byte> body, out WebhookRefused? refusal)
    {
        JsonDocument json;
        try
        {
            json = JsonDocument.Parse(body);
        }
        catch (JsonException e)
        {
            refusal = Refuse(provider, WebhookRefusalReason.MalformedPayload, $"the body is not JSON: {e.Message}");
            return null;
        }
        // Go decodes a JSON null into an empty payload, and refuses any other non-object.
        if (json.RootElement.ValueKind is not (JsonValueKind.Object or JsonValueKind.Null))
        {
            refusal = Refuse(provider, WebhookRefusalReason.MalformedPayload, $"the body is a JSON {json.RootElement.ValueKind.ToString().ToLowerInvariant()}, not an object");
            json.Dispose();
            return null;
        }
        refusal = null;
        return json;
    }

    /// <summary>Accepts a read push, or refuses it when a field had the wrong type; a push naming no repository is ignored, as in Argo CD.</summary>
    private static WebhookOutcome Accept(PayloadReader reader, PushEvent push, string eventName)
    {
        if (reader.Error is { } error) return Refuse(push.Provider, WebhookRefusalReason.MalformedPayload, error);
        if (push.RepoWebUrls.Count == 0) return new WebhookIgnored(push.Provider, eventName, "the payload names no repository URL");
        return new WebhookAccepted(push);
    }

    /// <summary>The non-empty URLs, each once, in order.</summary>
    private static List<string> Urls(params string[] urls) => [.. urls.Where(u => u.Length > 0).Distinct(StringComparer.Ordinal)];

    /// <summary>The added, modified and removed files of every commit (GitHub, GitLab and Gogs share the shape).</summary>
    private static List<string> ChangedFiles(PayloadReader reader, JsonElement root)
    {
        var files = new List<string>();
        foreach (var commit in reader.Objects(root, "commits"))
        {
            files.AddRange(reader.Texts(commit, "added"));
            files.AddRange(reader.Texts(commit, "modified"));
            files.AddRange(reader.Texts(commit, "removed"));
        }
        return files;
    }
}
