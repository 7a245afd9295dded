namespace Keelson.Git;

/// <summary>
/// A user name and password (or token) for an https repository. <see cref="ToString"/> never shows the password.
/// </summary>
public sealed record GitCredential(string Username, string Password)
{
    /// <summary>
    /// Where the credential came from (<c>Secret argocd/private-repo</c>), named in fetch failures so a person knows
    /// what to fix; never a value. Null when the caller gave it directly.
    /// </summary>
    public string? Source { get; init; }

    /// <summary>
    /// A token used as the password. Git hosts ignore the user name for tokens but need one to be sent;
    /// GitHub documents <c>x-access-token</c>, GitLab <c>oauth2</c>.
    /// </summary>
    public static GitCredential FromToken(string token, string username = "x-access-token") => new(username, token);

    public override string ToString() =>
        $"GitCredential {{ Username = {Username}, Password = ***{(Source is null ? "" : $", Source = {Source}")} }}";
}
