namespace Keelson.Server.Webhooks;

/// <summary>
/// What a push means for one Application, and why, in words for a log line or a test failure
/// (<c>spec.sources[1] tracks 'staging', not the pushed 'main'</c>).
/// </summary>
public sealed record AppRefreshDecision(string Namespace, string Name, RefreshVerdict Verdict, string Reason)
{
    public bool Refresh => Verdict == RefreshVerdict.Refresh;

    public override string ToString() => $"{Namespace}/{Name}: {Verdict}: {Reason}";
}
