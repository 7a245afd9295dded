using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Keelson.Server.Webhooks;

public sealed partial class WebhookHandler
{
    private const string AzureDevOpsPush = "git.push";

    /// <summary>Azure DevOps events the library Argo CD uses reads (and Argo CD then ignores) besides pushes.</summary>
    private static readonly HashSet<string> AzureDevOpsOtherEvents = new(StringComparer.Ordinal)
    {
        "git.pullrequest.created", "git.pullrequest.merged", "git.pullrequest.updated", "build.complete",
    };

    /// <summary>
    /// Azure DevOps (told by <c>X-Vss-Activityid</c>): with <c>webhook.azuredevops.username</c> or <c>.password</c>
    /// set, the request's basic-auth credentials must equal them; the payload's <c>eventType</c> must be
    /// <c>git.push</c>. A body that is not JSON gets the too-large text, as in Argo CD. The payload lists no files.
    /// </summary>
    private WebhookOutcome HandleAzureDevOps(IHeaderDictionary headers, ReadOnlyMemory<byte> body)
    {
        const WebhookProvider provider = WebhookProvider.AzureDevOps;
        if (settings.AzureDevOpsUsername.Length > 0 || settings.AzureDevOpsPassword.Length > 0)
        {
            if (BasicAuth(Header(headers, WebhookHeaders.Authorization)) is not var (username, password))
                return Refuse(provider, WebhookRefusalReason.MissingSignature, "credentials are set but the request has no basic authorization");
            // Both compared, always: which of the two differs does not show in the time taken.
            var usernameMatches = WebhookSignature.SecretEquals(username, settings.AzureDevOpsUsername);
            var passwordMatches = WebhookSignature.SecretEquals(password, settings.AzureDevOpsPassword);
            if (!(usernameMatches & passwordMatches))
                return Refuse(provider, WebhookRefusalReason.SignatureMismatch, "the basic authorization is not the configured credentials");
        }
        if (Unreadable(provider, body) is { } unreadable) return unreadable;

        using var json = ParseJson(provider, body, out var refusal);
        var reader = new PayloadReader();
        var eventName = json is null ? "" : reader.Text(json.RootElement, "eventType");
        if (json is null || reader.Error is not null)
            return new WebhookRefused(provider, WebhookRefusalReason.MalformedPayload, refusal?.Detail ?? reader.Error!, WebhookRefused.PayloadUnreadableText(settings.MaxPayloadSizeMB));
        if (AzureDevOpsOtherEvents.Contains(eventName)) return new WebhookIgnored(provider, eventName, "not a push");
        if (eventName != AzureDevOpsPush) return UnsupportedEvent(provider, eventName);

        var resource = reader.Object(json.RootElement, "resource");
        var repository = reader.Object(resource, "repository");
        // Argo CD reads the first ref update only.
        var update = reader.Objects(resource, "refUpdates").FirstOrDefault();
        var gitRef = reader.Text(update, "name");
        var push = new PushEvent
        {
            Provider = provider,
            RepoWebUrls = Urls(reader.Text(repository, "remoteUrl"), reader.Text(repository, "sshUrl"), reader.Text(repository, "webUrl")),
            Ref = gitRef,
            Revision = GitRef.ShortName(gitRef),
            IsTag = gitRef.StartsWith(GitRef.TagsPrefix, StringComparison.Ordinal),
            // Azure DevOps names the default branch as a full ref.
            TouchedDefaultBranch = update.ValueKind == JsonValueKind.Object && gitRef == reader.Text(repository, "defaultBranch"),
            Before = reader.Text(update, "oldObjectId"),
            After = reader.Text(update, "newObjectId"),
        };
        return Accept(reader, push, eventName);
    }

    /// <summary>Go's <c>Request.BasicAuth</c>: <c>Basic base64(user:password)</c>, the scheme in any case; null when absent or unreadable.</summary>
    private static (string Username, string Password)? BasicAuth(string? authorization)
    {
        const string scheme = "Basic ";
        if (authorization is null || !authorization.StartsWith(scheme, StringComparison.OrdinalIgnoreCase)) return null;
        byte[] decoded;
        try
        {
            decoded = Convert.FromBase64String(authorization[scheme.Length..]);
        }
        catch (FormatException)
        {
            return null;
        }
        var text = Encoding.UTF8.GetString(decoded);
        var colon = text.IndexOf(':');
        return colon < 0 ? null : (text[..colon], text[(colon + 1)..]);
    }
}
