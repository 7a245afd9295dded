using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Keelson.Resources.Serialization;
using Keelson.Server.Webhooks;
using Microsoft.AspNetCore.Http;

namespace Keelson.Server.Tests.Webhooks;

/// <summary>
/// One folder under testdata/webhooks/ per delivery: <c>payload.json</c>, the body as the provider sends it, and
/// <c>case.yaml</c> — the <c>provider</c> the headers name, the <c>headers</c> (without any signature), the provider's <c>secret</c>, the <c>outcome</c>
/// (accepted or ignored), the <c>push</c> fields expected, the applications of <c>applications.yaml</c> it
/// <c>refresh</c>es (exactly) and the <c>verdicts</c> of some it does not. The test signs the body itself with the
/// secret, as the provider would.
/// </summary>
internal sealed record WebhookCase(string Name, WebhookProvider Provider, JsonObject Spec, byte[] Body)
{
    public static readonly string TestData = Path.Combine(AppContext.BaseDirectory, "testdata", "webhooks");

    public static IReadOnlyList<JsonObject> Applications { get; } =
        [.. YamlDocuments.Parse(File.ReadAllText(Path.Combine(TestData, "applications.yaml"))).OfType<JsonObject>()];

    public static IEnumerable<string> Names() =>
        Directory.GetDirectories(TestData).Select(d => Path.GetFileName(d)!).Order(StringComparer.Ordinal);

    public string Secret => (string)Spec["secret"]!;

    public string Outcome => (string)Spec["outcome"]!;

    /// <summary>Whether the provider checks nothing for this event (Bitbucket Server's ping).</summary>
    public bool Unsigned => Spec["unsigned"]?.GetValue<bool>() == true;

    /// <summary>Whether the secret signs the body (an HMAC), rather than being sent as it is (a token, a UUID, a password).</summary>
    public bool BodyIsSigned => Provider is WebhookProvider.GitHub or WebhookProvider.BitbucketServer or WebhookProvider.Gogs or WebhookProvider.Gitea;

    public IReadOnlyList<string> Refresh => [.. ((JsonArray)Spec["refresh"]!).Select(n => (string)n!)];

    public static WebhookCase Load(string name)
    {
        var dir = Path.Combine(TestData, name);
        var spec = (JsonObject)YamlDocuments.Parse(File.ReadAllText(Path.Combine(dir, "case.yaml")), name).Single()!;
        var provider = Enum.Parse<WebhookProvider>((string)spec["provider"]!);
        return new(name, provider, spec, File.ReadAllBytes(Path.Combine(dir, "payload.json")));
    }

    /// <summary>The settings with this case's secret for its provider, or with none.</summary>
    public WebhookSettings Settings(string? secret) => secret is null ? WebhookSettings.Default : Provider switch
    {
        WebhookProvider.GitHub => new() { GitHubSecret = secret },
        WebhookProvider.GitLab => new() { GitLabSecret = secret },
        WebhookProvider.Bitbucket => new() { BitbucketUuid = secret },
        WebhookProvider.BitbucketServer => new() { BitbucketServerSecret = secret },
        WebhookProvider.Gogs or WebhookProvider.Gitea => new() { GogsSecret = secret },
        WebhookProvider.AzureDevOps => new() { AzureDevOpsUsername = secret.Split(':')[0], AzureDevOpsPassword = secret.Split(':')[1] },
        _ => throw new InvalidOperationException($"{Name}: no secret setting for {Provider}"),
    };

    /// <summary>The case's headers, with the signature, token, UUID or credentials the provider sends made from <paramref name="secret"/>.</summary>
    public HeaderDictionary Headers(string? secret, byte[]? body = null)
    {
        var headers = new HeaderDictionary();
        foreach (var (key, value) in Spec["headers"]!.AsObject()) headers[key] = (string)value!;
        if (secret is not null) Sign(headers, secret, body ?? Body);
        return headers;
    }

    /// <summary>The headers that carry the proof of the secret, for removing them.</summary>
    public IReadOnlyList<string> SignatureHeaders => Provider switch
    {
        WebhookProvider.GitHub => [WebhookHeaders.GitHubSignature256, WebhookHeaders.HubSignature],
        WebhookProvider.GitLab => [WebhookHeaders.GitLabToken],
        WebhookProvider.Bitbucket => [WebhookHeaders.BitbucketHookUuid],
        WebhookProvider.BitbucketServer => [WebhookHeaders.HubSignature],
        WebhookProvider.Gogs => [WebhookHeaders.GogsSignature],
        WebhookProvider.Gitea => [WebhookHeaders.GiteaSignature, WebhookHeaders.GogsSignature, WebhookHeaders.GitHubSignature256],
        _ => [WebhookHeaders.Authorization],
    };

    private void Sign(HeaderDictionary headers, string secret, byte[] body)
    {
        var sha256 = Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body));
        switch (Provider)
        {
            case WebhookProvider.GitHub:
                headers[WebhookHeaders.GitHubSignature256] = "sha256=" + sha256;
                headers[WebhookHeaders.HubSignature] = "sha1=" + Convert.ToHexStringLower(HMACSHA1.HashData(Encoding.UTF8.GetBytes(secret), body));
                break;
            case WebhookProvider.GitLab:
                headers[WebhookHeaders.GitLabToken] = secret;
                break;
            case WebhookProvider.Bitbucket:
                headers[WebhookHeaders.BitbucketHookUuid] = secret;
                break;
            case WebhookProvider.BitbucketServer:
                headers[WebhookHeaders.HubSignature] = "sha256=" + sha256;
                break;
            case WebhookProvider.Gogs:
                headers[WebhookHeaders.GogsSignature] = sha256;
                break;
            case WebhookProvider.Gitea:
                headers[WebhookHeaders.GiteaSignature] = sha256;
                headers[WebhookHeaders.GogsSignature] = sha256;
                headers[WebhookHeaders.GitHubSignature256] = "sha256=" + sha256;
                break;
            case WebhookProvider.AzureDevOps:
                headers[WebhookHeaders.Authorization] = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes(secret));
                break;
        }
    }

    public override string ToString() => Name;
}
