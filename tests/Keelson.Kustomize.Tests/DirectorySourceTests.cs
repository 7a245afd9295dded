using Keelson.Resources;

namespace Keelson.Kustomize.Tests;

/// <summary>Argo CD directory sources: plain manifests, no kustomization (fixture folders under dirdata/).</summary>
public class DirectorySourceTests
{
    private static string Dir(string name) => Path.Combine(AppContext.BaseDirectory, "dirdata", name, "input");

    private static string Names(bool recurse = false, string? include = null, string? exclude = null) =>
        string.Join(",", DirectorySource.Render(new DiskFileView(), Dir("plain"), recurse, include, exclude).Select(o => o.GetName()));

    [Fact]
    public void Top_level_files_only_in_path_order_with_multi_doc_and_lists_flattened()
    {
        // notes.txt is not a manifest file; z-unrelated.yaml does not parse and does not look like a manifest.
        Assert.Equal("a-json,b,b-svc,list-1,list-2", Names());
    }

    [Fact]
    public void Recurse_walks_subdirectories_in_path_order()
    {
        Assert.Equal("a-json,b,b-svc,list-1,list-2,env-dev,env-prod,deeper,sub-one", Names(recurse: true));
    }

    [Theory]
    [InlineData("*.yaml", null, "b,b-svc,env-dev,env-prod,deeper,sub-one")]
    [InlineData("{a.json,envs/*}", null, "a-json,env-dev,env-prod")]
    [InlineData("envs/*", "*prod*", "env-dev")]
    [InlineData(null, "{sub/*,*.json}", "b,b-svc,list-1,list-2,env-dev,env-prod")]
    [InlineData("sub/??????/*.yaml", null, "deeper")]
    [InlineData("[ab]*", null, "a-json,b,b-svc")]
    public void Include_and_exclude_globs_match_the_path_relative_to_the_directory(string? include, string? exclude, string expected)
    {
        Assert.Equal(expected, Names(recurse: true, include, exclude));
    }

    [Fact]
    public void Malformed_yaml_that_looks_like_a_manifest_fails_naming_the_file_and_line()
    {
        var error = Assert.Throws<KustomizeException>(() => DirectorySource.Render(new DiskFileView(), Dir("malformed")));
        Assert.Contains("bad.yaml", error.Message, StringComparison.Ordinal);
        Assert.Contains("line 5", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Malformed_json_fails_naming_the_file_and_line()
    {
        var error = Assert.Throws<KustomizeException>(() => DirectorySource.Render(new DiskFileView(), Dir("malformed-json")));
        Assert.Contains("bad.json", error.Message, StringComparison.Ordinal);
        Assert.Contains("line 2", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Renders_from_any_file_view()
    {
        var view = new InMemoryFileView(new Dictionary<string, string>
        {
            ["/repo/app/x.yaml"] = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n",
            ["/repo/app/nested/y.yaml"] = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: why\n",
        });
        Assert.Equal(["x"], DirectorySource.Render(view, "/repo/app").Select(o => o.GetName()));
        Assert.Equal(["why", "x"], DirectorySource.Render(view, "/repo/app", recurse: true).Select(o => o.GetName()));
    }

    [Theory]
    [InlineData("*.yaml", "a/b/c.yaml", true)]
    [InlineData("{a,b}/*.yml", "b/x.yml", true)]
    [InlineData("{a,b}/*.yml", "c/x.yml", false)]
    [InlineData("x?.yaml", "x1.yaml", true)]
    [InlineData("[!x]*.yaml", "x1.yaml", false)]
    [InlineData("{unclosed", "unclosed", false)]
    public void Argo_glob(string pattern, string path, bool matches) => Assert.Equal(matches, ArgoGlob.IsMatch(pattern, path));
}
