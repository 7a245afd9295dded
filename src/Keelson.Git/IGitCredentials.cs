namespace Keelson.Git;

/// <summary>Looks up the credential to use for a repository.</summary>
public interface IGitCredentials
{
    /// <summary>
    /// The credential for <paramref name="repoUrl"/> (given without any user name or password), or null to connect
    /// anonymously. Called once per fetch, before connecting.
    /// </summary>
    GitCredential? For(string repoUrl);
}
