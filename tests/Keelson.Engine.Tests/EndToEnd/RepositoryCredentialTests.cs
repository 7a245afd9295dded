using Keelson.Git;
using Keelson.Tests.Shared;

namespace Keelson.Engine.Tests.EndToEnd;

/// <summary>
/// Private repositories behind a real smart-HTTP git server that demands Basic auth, with credentials declared as Argo CD
/// users declare them: repository and repo-creds Secrets in the control namespace.
/// </summary>
public sealed class RepositoryCredentialTests
{
    private const string Password = "s3cret-pw-never-shown";

    [Fact]
    public async Task A_private_repository_syncs_once_its_repository_Secret_is_applied_and_a_repo_creds_prefix_serves_a_second_one()
    {
        await using var h = await EngineHarness.StartAsync(SampleApp.Seed);
        using var git = new GitHttpServer(h.Dir, "alice", Password);
        var url = git.UrlFor("repo");

        // No credentials yet: the fetch is refused, and the condition names the repository.
        await h.ApplyAsync(h.Application("web", "apps/web/overlays/dev", "web", SampleApp.Automated).Replace(h.Repo, url, StringComparison.Ordinal));
        var app = await h.WaitForAppAsync("web", a => EngineHarness.Conditions(a).Contains("ComparisonError"), "in ComparisonError for want of credentials");
        Assert.Contains(url, EngineHarness.Conditions(app), StringComparison.Ordinal);
        Assert.Contains("requires authentication", EngineHarness.Conditions(app), StringComparison.Ordinal);

        // Declared as in Argo CD's declarative setup (the URL compared as Argo CD compares it: with or without .git),
        // then refreshed as `argocd app get --refresh` does.
        await h.ApplyAsync(CredentialSecret("private-repo", "repository", url + ".git", Password));
        await h.PatchAppAsync("web", """{"metadata":{"annotations":{"argocd.argoproj.io/refresh":"normal"}}}""");
        app = await h.WaitForAppAsync("web", a => EngineHarness.Sync(a) == "Synced" && !EngineHarness.Conditions(a).Contains("ComparisonError"), "Synced with the Secret's credentials");
        Assert.Contains("alice", git.UsersSeen);
        Assert.NotNull(await h.GetAsync("apps/v1", "Deployment", "web", "web"));

        // A second repository under a prefix that a repo-creds template serves; the repository Secret above does not.
        var second = Path.Combine(h.Dir, "team", "second");
        LocalRepository.Init(second);
        SampleApp.Seed(second);
        LocalRepository.CommitAll(second, "initial");
        var secondUrl = git.UrlFor("team/second");
        await h.ApplyAsync(h.Application("second", "apps/web/overlays/dev", "second", SampleApp.Automated).Replace(h.Repo, secondUrl, StringComparison.Ordinal));
        app = await h.WaitForAppAsync("second", a => EngineHarness.Conditions(a).Contains("ComparisonError"), "in ComparisonError before the template exists");
        Assert.Contains(secondUrl, EngineHarness.Conditions(app), StringComparison.Ordinal);

        await h.ApplyAsync(CredentialSecret("team-creds", "repo-creds", git.UrlFor("team/"), Password));
        await h.PatchAppAsync("second", """{"metadata":{"annotations":{"argocd.argoproj.io/refresh":"normal"}}}""");
        await h.WaitForAppAsync("second", a => EngineHarness.Sync(a) == "Synced" && !EngineHarness.Conditions(a).Contains("ComparisonError"), "Synced with the template's credentials");
        Assert.NotNull(await h.GetAsync("apps/v1", "Deployment", "second", "web"));
    }

    [Fact]
    public async Task A_wrong_password_gives_a_ComparisonError_naming_the_repository_and_the_Secret_but_not_the_password()
    {
        await using var h = await EngineHarness.StartAsync(SampleApp.Seed);
        using var git = new GitHttpServer(h.Dir, "alice", Password);
        var url = git.UrlFor("repo");
        const string wrong = "wr0ng-pw-never-shown";
        await h.ApplyAsync(CredentialSecret("private-repo", "repository", url + "/", wrong));

        await h.ApplyAsync(h.Application("web", "apps/web/overlays/dev", "web", SampleApp.Automated).Replace(h.Repo, url, StringComparison.Ordinal));
        var app = await h.WaitForAppAsync("web", a => EngineHarness.Conditions(a).Contains("ComparisonError"), "in ComparisonError for the rejected password");
        var conditions = EngineHarness.Conditions(app);
        Assert.Contains(url, conditions, StringComparison.Ordinal);
        Assert.Contains("authentication as 'alice' (credentials from Secret argocd/private-repo) was rejected", conditions, StringComparison.Ordinal);
        Assert.DoesNotContain(wrong, app.ToJsonString(), StringComparison.Ordinal);
        Assert.Contains("alice", git.UsersSeen);
        Assert.Null(await h.GetAsync("apps/v1", "Deployment", "web", "web"));
    }

    /// <summary>A repository or repo-creds Secret as Argo CD's declarative setup writes it (stringData).</summary>
    private static string CredentialSecret(string name, string type, string url, string password) => $"""
        apiVersion: v1
        kind: Secret
        metadata:
          name: {name}
          namespace: argocd
          labels:
            argocd.argoproj.io/secret-type: {type}
        stringData:
          type: git
          url: {url}
          username: alice
          password: {password}
        """;
}
