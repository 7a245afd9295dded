namespace Keelson.Server.Webhooks;

/// <summary>Git ref names as Argo CD's webhook handler reads them.</summary>
internal static class GitRef
{
    public const string HeadsPrefix = "refs/heads/";
    public const string TagsPrefix = "refs/tags/";

    /// <summary>
    /// Argo CD's <c>ParseRevision</c>: what follows the second <c>/</c>, or the first when there is only one, or the
    /// whole value (<c>refs/heads/feature/x</c> → <c>feature/x</c>, <c>origin/main</c> → <c>main</c>, <c>HEAD</c> →
    /// <c>HEAD</c>).
    /// </summary>
    public static string ShortName(string gitRef)
    {
        var first = gitRef.IndexOf('/');
        if (first < 0) return gitRef;
        var second = gitRef.IndexOf('/', first + 1);
        return second < 0 ? gitRef[(first + 1)..] : gitRef[(second + 1)..];
    }
}
