using System.Text.Json.Nodes;
using Keelson.Server.Webhooks;

namespace Keelson.Server.Tests.Webhooks;

/// <summary>Which applications a push refreshes: repository URL spellings, target revisions, refresh paths, several sources.</summary>
public sealed class WebhookMatcherTests
{
    [Theory]
    [InlineData("https://github.com/org/repo", "https://github.com/org/repo", true)]
    [InlineData("https://github.com/org/repo", "https://github.com/org/repo.git", true)]
    [InlineData("https://github.com/org/repo", "http://github.com/org/repo", true)]
    [InlineData("https://github.com/org/repo", "HTTPS://GITHUB.COM/Org/Repo.GIT", true)]
    [InlineData("https://github.com/org/repo", "ssh://git@github.com/org/repo.git", true)]
    [InlineData("https://github.com/org/repo", "ssh://git@github.com:22/org/repo", true)]
    [InlineData("https://github.com/org/repo", "git@github.com:org/repo.git", true)]
    [InlineData("https://github.com/org/repo", "github.com:org/repo", true)]
    [InlineData("https://github.com/org/repo", "github.com/org/repo", true)]
    [InlineData("https://github.com/org/repo", "ssh://git@ssh.github.com:443/org/repo.git", true)]
    [InlineData("https://github.com/org/repo", "ssh://git@altssh.github.com:443/org/repo.git", true)]
    [InlineData("https://github.com/org/repo", "https://user.name-1@github.com/org/repo", true)]
    [InlineData("https://github.com/org/repo", "https://github.com:8443/org/repo", true)]
    [InlineData("https://github.com/org/repo", "https://github.com/org/repo/", false)]
    [InlineData("https://github.com/org/repo", "https://github.com/org/repo2", false)]
    [InlineData("https://github.com/org/repo", "https://github.com/org/re", false)]
    [InlineData("https://github.com/org/repo", "https://github.com/other/repo", false)]
    [InlineData("https://github.com/org/repo", "https://gitlab.com/org/repo", false)]
    [InlineData("https://github.com/org/repo", "https://evilgithub.com/org/repo", false)]
    [InlineData("https://github.com/org/repo", "https://github.com.evil.io/org/repo", false)]
    [InlineData("https://github.com/org/repo", "ftp://github.com/org/repo", false)]
    [InlineData("https://github.com/org/repo", "https://github.com/org/repo.git.git", false)]
    [InlineData("https://github.com/org/repo", "https://github.com/org/repo\n", false)]
    [InlineData("https://github.com/org/repo.git", "https://github.com/org/repo", false)]
    [InlineData("https://github.com/org/repo.git", "https://github.com/org/repo.git", true)]
    [InlineData("https://gitlab.example.com/group/sub/repo", "git@gitlab.example.com:group/sub/repo.git", true)]
    [InlineData("https://gitlab.example.com:8443/group/repo", "https://gitlab.example.com/group/repo", true)]
    [InlineData("https://git.example.com/a.b+c/repo", "https://git.example.com/a.b+c/repo", true)]
    [InlineData("https://git.example.com/a.b+c/repo", "https://git.example.com/aXb+c/repo", false)]
    [InlineData("https://org@dev.azure.com/org/project/_git/repo", "https://dev.azure.com/org/project/_git/repo", true)]
    [InlineData("git@github.com:org/repo.git", "https://github.com/org/repo.git", true)]
    [InlineData("ssh://git@bitbucket.example.com:7999/proj/repo.git", "ssh://git@bitbucket.example.com:7999/proj/repo.git", true)]
    [InlineData("https://github.com/org/repo?tab=readme#top", "https://github.com/org/repo", true)]
    public void A_repoURL_matches_the_pushed_repository_in_any_spelling_of_it(string webUrl, string repoUrl, bool matches)
    {
        var pattern = RepoUrlPattern.FromWebUrl(webUrl);

        Assert.NotNull(pattern);
        Assert.True(pattern.IsMatch(repoUrl) == matches, $"'{repoUrl}' should {(matches ? "" : "not ")}match the pattern of '{webUrl}'");
    }

    [Theory]
    [InlineData("")]
    [InlineData("not a url")]
    [InlineData("https:///org/repo")]
    [InlineData("/org/repo")]
    public void A_payload_URL_without_a_host_gives_no_pattern(string webUrl) => Assert.Null(RepoUrlPattern.FromWebUrl(webUrl));

    [Theory]
    [InlineData("", "main", true, true)]
    [InlineData("HEAD", "main", true, true)]
    [InlineData("HEAD", "feature", false, false)]
    [InlineData("", "feature", false, false)]
    [InlineData("main", "main", false, true)]
    [InlineData("main", "Main", false, false)]
    [InlineData("refs/heads/main", "main", true, true)]
    [InlineData("refs/heads/feature/x", "feature/x", false, true)]
    [InlineData("feature/x", "feature/x", false, true)]
    [InlineData("refs/heads/main", "develop", true, false)]
    [InlineData("refs/tags/v1.0.0", "v1.0.0", false, true)]
    [InlineData("refs/tags/^1.0.0", "v1.4.2", false, true)]
    [InlineData("v1.0.0", "1.0.0", false, true)]
    [InlineData("1.0.0", "v1.0.0", false, true)]
    [InlineData("^1.2.0", "v1.9.0", false, true)]
    [InlineData("^1.2.0", "v2.0.0", false, false)]
    [InlineData("~1.2", "1.2.7", false, true)]
    [InlineData("1.2", "v1.2.9", false, true)]
    [InlineData("1.2", "v1.3.0", false, false)]
    [InlineData(">=1.0.0", "release", false, false)]
    [InlineData("main", "1.0.0", false, false)]
    [InlineData("3f1c2e9a7b6d5c4f3e2d1c0b9a8f7e6d5c4b3a21", "main", true, false)]
    [InlineData("origin/HEAD", "main", true, true)]
    public void A_targetRevision_matches_the_pushed_branch_or_tag_as_Argo_CD_compares_them(string targetRevision, string pushed, bool touchedDefaultBranch, bool matches)
    {
        var push = Push(pushed) with { TouchedDefaultBranch = touchedDefaultBranch };

        Assert.True(WebhookMatcher.RevisionMatches(targetRevision, push) == matches, $"targetRevision '{targetRevision}' vs push of '{pushed}' (default branch touched: {touchedDefaultBranch}) should be {matches}");
    }

    [Theory]
    [InlineData(null, "apps/api", "docs/readme.md", true)]
    [InlineData("", "apps/api", "docs/readme.md", true)]
    [InlineData(";", "apps/api", "docs/readme.md", true)]
    [InlineData(".", "apps/api", "apps/api/deployment.yaml", true)]
    [InlineData(".", "apps/api", "apps/api/base/nested/config.yaml", true)]
    [InlineData(".", "apps/api", "apps/api-v2/deployment.yaml", false)]
    [InlineData(".", "apps/api", "apps/web/deployment.yaml", false)]
    [InlineData(".", "", "anything/at/all.yaml", true)]
    [InlineData("/", "apps/api", "anything/at/all.yaml", true)]
    [InlineData("/shared", "apps/api", "shared/values.yaml", true)]
    [InlineData("/shared", "apps/api", "apps/api/shared/values.yaml", false)]
    [InlineData("shared", "apps/api", "apps/api/shared/values.yaml", true)]
    [InlineData(" . ; /shared ", "apps/api", "shared/values.yaml", true)]
    [InlineData("../common", "apps/api", "apps/common/labels.yaml", true)]
    [InlineData("values.yaml", "charts/api", "charts/api/values.yaml", true)]
    [InlineData("values.yaml", "charts/api", "charts/api/values-prod.yaml", false)]
    [InlineData("*.yaml", "charts/api", "charts/api/values-prod.yaml", true)]
    [InlineData("*.yaml", "charts/api", "charts/api/templates/svc.yaml", false)]
    [InlineData("/overlays/*/kustomization.yaml", "", "overlays/prod/kustomization.yaml", true)]
    [InlineData("/overlays/*/kustomization.yaml", "", "overlays/prod/extra/kustomization.yaml", false)]
    [InlineData("/overlays/[a-m]*", "", "overlays/dev", true)]
    [InlineData("/overlays/[a-m]*", "", "overlays/prod", false)]
    [InlineData("/overlays/[", "", "overlays/[", true)]
    [InlineData("/overlays/[a", "", "overlays/a", false)]
    [InlineData("/docs;/charts", "apps/api", "README.md", false)]
    public void Manifest_generate_paths_decide_whether_a_changed_file_concerns_the_source(string? annotation, string sourcePath, string changedFile, bool refresh)
    {
        var paths = ManifestGeneratePaths.ForSource(annotation, sourcePath);

        Assert.True(ManifestGeneratePaths.FirstChange(paths, [changedFile]).HasValue == refresh,
            $"'{changedFile}' with manifest-generate-paths '{annotation}' on path '{sourcePath}' ({string.Join(";", paths)}) should {(refresh ? "" : "not ")}refresh");
    }

    [Fact]
    public void Without_a_list_of_changed_files_the_paths_cannot_exclude_anything()
    {
        Assert.NotNull(ManifestGeneratePaths.FirstChange(ManifestGeneratePaths.ForSource("/docs", "apps/api"), []));
    }

    [Fact]
    public void Relative_paths_are_taken_from_each_source_of_its_own()
    {
        var app = App("multi", ".", sources:
        [
            Source("https://github.com/org/repo", "main", "apps/api"),
            Source("https://github.com/org/repo", "main", "apps/web"),
        ]);

        var web = WebhookMatcher.Match(Push("main", "apps/web/deployment.yaml"), [app]).Single();
        var elsewhere = WebhookMatcher.Match(Push("main", "apps/worker/deployment.yaml"), [app]).Single();

        Assert.True(web.Refresh, web.ToString());
        Assert.StartsWith("spec.sources[1] ", web.Reason);
        Assert.Equal(RefreshVerdict.PathsUnchanged, elsewhere.Verdict);
    }

    [Fact]
    public void An_application_with_several_sources_is_decided_once_by_the_nearest_source()
    {
        var app = App("multi", null, sources:
        [
            Source("https://github.com/org/other", "main", "a"),
            Source("https://github.com/org/repo", "staging", "b"),
        ]);

        var decision = WebhookMatcher.Match(Push("main"), [app]).Single();

        Assert.Equal(("argocd", "multi", RefreshVerdict.OtherRevision), (decision.Namespace, decision.Name, decision.Verdict));
        Assert.Equal("spec.sources[1] tracks 'staging', not the pushed 'main'", decision.Reason);
    }

    [Fact]
    public void Spec_sources_win_over_spec_source_when_both_are_set()
    {
        var app = App("both", null, sources: [Source("https://github.com/org/other", "main", "a")]);
        app["spec"]!["source"] = Source("https://github.com/org/repo", "main", "a");

        Assert.Equal(RefreshVerdict.OtherRepository, WebhookMatcher.Match(Push("main"), [app]).Single().Verdict);
    }

    [Fact]
    public void Every_application_is_decided_in_order_with_a_reason()
    {
        var apps = new[]
        {
            App("tracks-head", null, Source("https://github.com/org/repo.git", "HEAD", "k8s")),
            App("other-branch", null, Source("git@github.com:org/repo.git", "develop", "k8s")),
            App("other-repo", null, Source("https://github.com/org/elsewhere", "HEAD", "k8s")),
            App("paths", "/docs", Source("https://github.com/org/repo", "main", "k8s")),
            App("no-source", null),
        };

        var decisions = WebhookMatcher.Match(Push("main", "k8s/deployment.yaml"), apps);

        Assert.Equal(
            [
                "argocd/tracks-head: Refresh: spec.source (https://github.com/org/repo.git at 'HEAD') tracks the push to 'main' of https://github.com/org/repo; no manifest-generate-paths",
                "argocd/other-branch: OtherRevision: spec.source tracks 'develop', not the pushed 'main'",
                "argocd/other-repo: OtherRepository: no source uses the pushed repository (https://github.com/org/repo)",
                "argocd/paths: PathsUnchanged: spec.source (https://github.com/org/repo at 'main') tracks the push to 'main' of https://github.com/org/repo, but none of its 1 changed file(s) is under manifest-generate-paths 'docs'",
                "argocd/no-source: OtherRepository: the application has no source",
            ],
            decisions.Select(d => d.ToString()));
    }

    [Fact]
    public void A_refresh_says_which_changed_file_and_path_caused_it()
    {
        var app = App("api", ".", Source("https://github.com/org/repo", "main", "apps/api"));

        var decision = WebhookMatcher.Match(Push("main", "README.md", "apps/api/hpa.yaml"), [app]).Single();

        Assert.EndsWith("; changed file 'apps/api/hpa.yaml' is covered by manifest-generate-paths 'apps/api'", decision.Reason);
    }

    [Fact]
    public void An_application_tracking_HEAD_is_not_refreshed_by_a_push_elsewhere()
    {
        var app = App("head", null, Source("https://github.com/org/repo", "", "k8s"));

        var decision = WebhookMatcher.Match(Push("feature") with { TouchedDefaultBranch = false }, [app]).Single();

        Assert.Equal("spec.source tracks HEAD, and the push to 'feature' is not to the default branch", decision.Reason);
    }

    private static PushEvent Push(string revision, params string[] changedFiles) => new()
    {
        Provider = WebhookProvider.GitHub,
        RepoWebUrls = ["https://github.com/org/repo"],
        Ref = "refs/heads/" + revision,
        Revision = revision,
        TouchedDefaultBranch = revision == "main",
        ChangedFiles = changedFiles,
    };

    private static JsonObject Source(string repoUrl, string targetRevision, string path) =>
        new() { ["repoURL"] = repoUrl, ["targetRevision"] = targetRevision, ["path"] = path };

    private static JsonObject App(string name, string? paths, JsonObject? source = null, JsonObject[]? sources = null)
    {
        var metadata = new JsonObject { ["name"] = name, ["namespace"] = "argocd" };
        if (paths is not null) metadata["annotations"] = new JsonObject { [ManifestGeneratePaths.AnnotationKey] = paths };
        var spec = new JsonObject();
        if (source is not null) spec["source"] = source;
        if (sources is not null) spec["sources"] = new JsonArray([.. sources]);
        return new JsonObject { ["metadata"] = metadata, ["spec"] = spec };
    }
}
