using System.Globalization;

namespace Keelson.Server.Webhooks;

/// <summary>
/// The shared secrets of <c>argocd-secret</c> and the payload limit of <c>argocd-cm</c> that the webhook handler
/// checks requests against. An empty secret means that provider's requests are accepted unauthenticated, as in
/// Argo CD: a payload only ever causes a refresh.
/// </summary>
public sealed record WebhookSettings
{
    public const string GitHubSecretKey = "webhook.github.secret";
    public const string GitLabSecretKey = "webhook.gitlab.secret";
    public const string BitbucketUuidKey = "webhook.bitbucket.uuid";
    public const string BitbucketServerSecretKey = "webhook.bitbucketserver.secret";
    public const string GogsSecretKey = "webhook.gogs.secret";
    public const string AzureDevOpsUsernameKey = "webhook.azuredevops.username";
    public const string AzureDevOpsPasswordKey = "webhook.azuredevops.password";
    public const string MaxPayloadSizeKey = "webhook.maxPayloadSizeMB";

    /// <summary>Argo CD's default limit, 50 MiB.</summary>
    public const long DefaultMaxPayloadSizeMB = 50;

    public static WebhookSettings Default { get; } = new();

    public string GitHubSecret { get; init; } = "";
    public string GitLabSecret { get; init; } = "";
    public string BitbucketUuid { get; init; } = "";
    public string BitbucketServerSecret { get; init; } = "";

    /// <summary>Gogs' secret, which Gitea's deliveries are checked against too (Argo CD has no Gitea key).</summary>
    public string GogsSecret { get; init; } = "";

    public string AzureDevOpsUsername { get; init; } = "";
    public string AzureDevOpsPassword { get; init; } = "";

    /// <summary>The largest body accepted, in bytes; one byte more is refused.</summary>
    public long MaxPayloadSizeBytes { get; init; } = DefaultMaxPayloadSizeMB * 1024 * 1024;

    /// <summary>The limit in whole MiB, as Argo CD's refusal message states it.</summary>
    public long MaxPayloadSizeMB => MaxPayloadSizeBytes / 1024 / 1024;

    /// <summary>
    /// Reads the keys from <c>argocd-secret</c>'s data (already decoded from base64, and with any
    /// <c>$other-secret:key</c> reference already resolved: this does no I/O) and <c>argocd-cm</c>'s data. A missing
    /// secret is empty; a <c>webhook.maxPayloadSizeMB</c> that is missing, empty or not a base-10 integer keeps the
    /// default, as Argo CD's settings manager does.
    /// </summary>
    public static WebhookSettings FromArgoCd(IReadOnlyDictionary<string, string> secretData, IReadOnlyDictionary<string, string> configMapData) => new()
    {
        GitHubSecret = secretData.GetValueOrDefault(GitHubSecretKey, ""),
        GitLabSecret = secretData.GetValueOrDefault(GitLabSecretKey, ""),
        BitbucketUuid = secretData.GetValueOrDefault(BitbucketUuidKey, ""),
        BitbucketServerSecret = secretData.GetValueOrDefault(BitbucketServerSecretKey, ""),
        GogsSecret = secretData.GetValueOrDefault(GogsSecretKey, ""),
        AzureDevOpsUsername = secretData.GetValueOrDefault(AzureDevOpsUsernameKey, ""),
        AzureDevOpsPassword = secretData.GetValueOrDefault(AzureDevOpsPasswordKey, ""),
        MaxPayloadSizeBytes = MaxPayloadSizeBytesFrom(configMapData.GetValueOrDefault(MaxPayloadSizeKey, "")),
    };

    private static long MaxPayloadSizeBytesFrom(string text) =>
        long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var mb) ? mb * 1024 * 1024 : DefaultMaxPayloadSizeMB * 1024 * 1024;
}
