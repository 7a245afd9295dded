namespace Keelson.Server.Webhooks;

/// <summary>The request headers the webhook handler reads: all in one place.</summary>
public static class WebhookHeaders
{
    public const string AzureDevOpsActivityId = "X-Vss-Activityid";
    public const string Authorization = "Authorization";

    public const string GiteaEvent = "X-Gitea-Event";
    public const string GiteaSignature = "X-Gitea-Signature";
    public const string GogsEvent = "X-Gogs-Event";
    public const string GogsSignature = "X-Gogs-Signature";

    public const string GitHubEvent = "X-GitHub-Event";
    public const string GitHubSignature256 = "X-Hub-Signature-256";

    /// <summary>GitHub's legacy HMAC-SHA1 signature; Bitbucket Server's HMAC-SHA256 one uses the same name.</summary>
    public const string HubSignature = "X-Hub-Signature";

    public const string GitLabEvent = "X-Gitlab-Event";
    public const string GitLabToken = "X-Gitlab-Token";

    public const string BitbucketHookUuid = "X-Hook-UUID";

    /// <summary>Sent by Bitbucket Cloud and Bitbucket Server alike; only Cloud also sends <see cref="BitbucketHookUuid"/>.</summary>
    public const string BitbucketEventKey = "X-Event-Key";
}
