namespace Keelson.Git.Tests;

public sealed class GitTreeTests : IDisposable
{
    private readonly Upstream upstream = new();
    private readonly TempDirectory cacheDirectory = new("keelson-cache");
    private readonly RepositoryCache cache;
    private readonly string first;
    private readonly string second;

    public GitTreeTests()
    {
        cache = new RepositoryCache(cacheDirectory.Path);
        first = upstream
            .Write("base/kustomization.yaml", "resources:\n- cm.yaml\n")
            .Write("base/cm.yaml", "version: 1\n")
            .Write("overlays/dev/kustomization.yaml", "resources:\n- ../../base\n")
            .Write("README.md", "\uFEFFhello\n")
            .Commit("first");
        second = upstream.Write("base/cm.yaml", "version: 2\n").Delete("README.md").Commit("second");
        cache.ResolveAsync(upstream.FileUrl, "main").GetAwaiter().GetResult();
    }

    [Fact]
    public void Reads_files_at_the_commit_they_had_then()
    {
        using var old = cache.OpenTree(upstream.FileUrl, first);
        using var current = cache.OpenTree(upstream.FileUrl, second);

        Assert.Equal("version: 1\n", old.ReadAllText("base/cm.yaml"));
        Assert.Equal("version: 2\n", current.ReadAllText("/base/cm.yaml"));
        Assert.Equal("hello\n", old.ReadAllText("README.md"));
        Assert.False(current.Exists("README.md"));
        Assert.Equal(second, current.CommitSha);
    }

    [Fact]
    public void Lists_directories_in_ordinal_order_in_the_callers_path_style()
    {
        using var tree = cache.OpenTree(upstream.FileUrl, first);

        Assert.Equal(["/README.md", "/base", "/overlays"], tree.List("/"));
        Assert.Equal(["README.md", "base", "overlays"], tree.List("."));
        Assert.Equal(["/base/cm.yaml", "/base/kustomization.yaml"], tree.List("/overlays/dev/../../base/"));
        Assert.Equal(["overlays/dev/kustomization.yaml"], tree.List("overlays/./dev"));
    }

    [Fact]
    public void Tells_files_from_directories()
    {
        using var tree = cache.OpenTree(upstream.FileUrl, first);

        Assert.True(tree.IsDirectory("/"));
        Assert.True(tree.IsDirectory("/overlays/dev"));
        Assert.False(tree.IsDirectory("/base/cm.yaml"));
        Assert.True(tree.Exists("/base/cm.yaml"));
        Assert.False(tree.Exists("/base/nope.yaml"));
        Assert.False(tree.IsDirectory("/nope"));
    }

    [Fact]
    public void A_missing_file_throws_file_not_found_naming_the_path_and_commit()
    {
        using var tree = cache.OpenTree(upstream.FileUrl, first);

        var error = Assert.Throws<FileNotFoundException>(() => tree.ReadAllText("/base/nope.yaml"));
        Assert.Contains("'base/nope.yaml' not found at commit " + first[..12], error.Message, StringComparison.Ordinal);
        Assert.Throws<FileNotFoundException>(() => tree.ReadAllText("/base"));
        Assert.Throws<DirectoryNotFoundException>(() => tree.List("/base/cm.yaml"));
    }

    [Fact]
    public void A_tree_rooted_at_a_sub_path_sees_only_what_is_below_it()
    {
        using var tree = cache.OpenTree(upstream.FileUrl, first, "overlays/dev/");

        Assert.Equal("overlays/dev", tree.Root);
        Assert.Equal(["/kustomization.yaml"], tree.List("/"));
        Assert.Equal("resources:\n- ../../base\n", tree.ReadAllText("kustomization.yaml"));
        Assert.Equal("resources:\n- ../../base\n", tree.ReadAllText("/sub/../kustomization.yaml"));
    }

    [Theory]
    [InlineData("../../base/cm.yaml")]
    [InlineData("/../base/cm.yaml")]
    [InlineData("a/../../x")]
    public void Paths_climbing_above_the_root_are_refused(string path)
    {
        using var tree = cache.OpenTree(upstream.FileUrl, first, "overlays");

        Assert.False(tree.Exists(path));
        Assert.False(tree.IsDirectory(path));
        var error = Assert.Throws<GitException>(() => tree.ReadAllText(path));
        Assert.Equal(GitFailure.PathOutsideTree, error.Failure);
        Assert.Contains($"path '{path}' is outside the tree 'overlays'", error.Message, StringComparison.Ordinal);
        Assert.Throws<GitException>(() => tree.List(path));
    }

    [Fact]
    public void Opening_a_missing_path_or_a_file_as_the_root_fails_naming_the_path()
    {
        var missing = Assert.Throws<GitException>(() => cache.OpenTree(upstream.FileUrl, first, "apps/prod"));
        var file = Assert.Throws<GitException>(() => cache.OpenTree(upstream.FileUrl, first, "base/cm.yaml"));
        var outside = Assert.Throws<GitException>(() => cache.OpenTree(upstream.FileUrl, first, "../etc"));

        Assert.Equal((GitFailure.PathNotFound, $"path 'apps/prod' not found at commit {first[..12]} of {upstream.FileUrl}"), (missing.Failure, missing.Message));
        Assert.Equal((GitFailure.PathNotFound, $"path 'base/cm.yaml' is not a directory at commit {first[..12]} of {upstream.FileUrl}"), (file.Failure, file.Message));
        Assert.Equal(GitFailure.PathOutsideTree, outside.Failure);
    }

    [Fact]
    public void Opening_a_commit_that_is_not_cached_fails_naming_it()
    {
        var error = Assert.Throws<GitException>(() => cache.OpenTree(upstream.FileUrl, "0123456789abcdef0123456789abcdef01234567"));

        Assert.Equal(GitFailure.RevisionNotFound, error.Failure);
        Assert.Equal($"commit 0123456789abcdef0123456789abcdef01234567 not found in {upstream.FileUrl}", error.Message);
    }

    [Fact]
    public void An_abbreviated_sha_opens_the_commit()
    {
        using var tree = cache.OpenTree(upstream.FileUrl, first[..10]);

        Assert.Equal(first, tree.CommitSha);
    }

    public void Dispose()
    {
        cache.Dispose();
        cacheDirectory.Dispose();
        upstream.Dispose();
    }
}
