namespace Keelson.Server.Webhooks;

/// <summary>
/// What a push webhook says changed, in the provider-neutral terms the <see cref="WebhookMatcher"/> decides on. Every
/// field comes from the payload, which is untrusted: it may only ever cause a refresh.
/// </summary>
public sealed record PushEvent
{
    public required WebhookProvider Provider { get; init; }

    /// <summary>
    /// Every URL of the repository the payload gives: the web page first (the one Argo CD matches on), then the clone
    /// URLs (https, ssh). Applications are matched against each.
    /// </summary>
    public required IReadOnlyList<string> RepoWebUrls { get; init; }

    /// <summary>The ref as sent (<c>refs/heads/main</c>); for Bitbucket Cloud, which sends none, the short name.</summary>
    public string Ref { get; init; } = "";

    /// <summary>
    /// The branch or tag pushed, as Argo CD shortens a ref: <c>refs/heads/main</c> → <c>main</c>,
    /// <c>refs/tags/v1.2.0</c> → <c>v1.2.0</c>, <c>refs/heads/feature/x</c> → <c>feature/x</c>.
    /// </summary>
    public required string Revision { get; init; }

    public bool IsTag { get; init; }

    /// <summary>
    /// Whether the push was to the repository's default branch, so that applications tracking <c>HEAD</c> refresh.
    /// True when the payload cannot tell (Bitbucket Cloud and Server), as in Argo CD.
    /// </summary>
    public bool TouchedDefaultBranch { get; init; }

    /// <summary>
    /// The added, modified and removed files of every commit, in payload order (duplicates kept). Empty when the
    /// payload lists none (Bitbucket, Azure DevOps, a tag push): then path filters do not apply.
    /// </summary>
    public IReadOnlyList<string> ChangedFiles { get; init; } = [];

    public string Before { get; init; } = "";

    public string After { get; init; } = "";
}
