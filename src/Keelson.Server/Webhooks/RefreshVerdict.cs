namespace Keelson.Server.Webhooks;

/// <summary>Whether a push refreshes an application and, when not, the closest any of its sources came.</summary>
public enum RefreshVerdict
{
    Refresh,

    /// <summary>No source's <c>repoURL</c> is the pushed repository.</summary>
    OtherRepository,

    /// <summary>A source uses the repository but tracks another branch or tag (or HEAD, and the push was elsewhere).</summary>
    OtherRevision,

    /// <summary>A source tracks the push, but no changed file is under its <c>manifest-generate-paths</c>.</summary>
    PathsUnchanged,
}
