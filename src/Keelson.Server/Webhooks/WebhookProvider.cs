namespace Keelson.Server.Webhooks;

/// <summary>The Git hosts whose push webhooks Argo CD (and so Keelson) understands, told apart by their headers.</summary>
public enum WebhookProvider
{
    GitHub,
    GitLab,

    /// <summary>Bitbucket Cloud (bitbucket.org).</summary>
    Bitbucket,

    /// <summary>Bitbucket Server / Data Center.</summary>
    BitbucketServer,
    Gogs,

    /// <summary>Gitea (and Forgejo), which also sends Gogs' and GitHub's headers.</summary>
    Gitea,
    AzureDevOps,
}
