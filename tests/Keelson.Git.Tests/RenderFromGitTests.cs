using Keelson.Kustomize;

namespace Keelson.Git.Tests;

public sealed class RenderFromGitTests : IDisposable
{
    private readonly Upstream upstream = new();
    private readonly TempDirectory cacheDirectory = new("keelson-cache");
    private readonly RepositoryCache cache;

    public RenderFromGitTests()
    {
        cache = new RepositoryCache(cacheDirectory.Path);
        upstream
            .Write("base/kustomization.yaml", "resources:\n- cm.yaml\n")
            .Write("base/cm.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\ndata:\n  k: v\n")
            .Write("overlays/dev/kustomization.yaml", "namePrefix: dev-\nnamespace: dev\nresources:\n- ../../base\n")
            .Commit("guestbook");
    }

    [Fact]
    public async Task The_renderer_builds_a_base_and_overlay_straight_from_a_commit_tree()
    {
        var revision = await cache.ResolveAsync(upstream.FileUrl, "main");
        using var tree = cache.OpenTree(upstream.FileUrl, revision.CommitSha);

        var yaml = KustomizeRenderer.RenderYaml(tree, "/overlays/dev");

        Assert.Equal("apiVersion: v1\ndata:\n  k: v\nkind: ConfigMap\nmetadata:\n  name: dev-c\n  namespace: dev\n", yaml);
    }

    [Fact]
    public async Task The_renderer_reads_the_old_content_from_an_old_commit()
    {
        var old = await cache.ResolveAsync(upstream.FileUrl, "main");
        upstream.Write("base/cm.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\ndata:\n  k: changed\n").Commit("change");
        await cache.ResolveAsync(upstream.FileUrl, "main");
        using var tree = cache.OpenTree(upstream.FileUrl, old.CommitSha);

        var yaml = KustomizeRenderer.RenderYaml(tree, "/overlays/dev");

        Assert.Contains("  k: v\n", yaml, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_tree_rooted_at_the_base_renders_it_as_the_root()
    {
        var revision = await cache.ResolveAsync(upstream.FileUrl, "main");
        using var tree = cache.OpenTree(upstream.FileUrl, revision.CommitSha, "base");

        var yaml = KustomizeRenderer.RenderYaml(tree, "/");

        Assert.Equal("apiVersion: v1\ndata:\n  k: v\nkind: ConfigMap\nmetadata:\n  name: c\n", yaml);
    }

    public void Dispose()
    {
        cache.Dispose();
        cacheDirectory.Dispose();
        upstream.Dispose();
    }
}
