using System.Text.Json.Nodes;
using Keelson.Engine.Model;
using Keelson.Engine.Source;
using Keelson.Kustomize;
using Keelson.Resources;

namespace Keelson.Engine.Tests.Source;

/// <summary>Rendering an Application source: kustomizations with the Application's overrides, plain directories, and clear refusals.</summary>
public sealed class ManifestRendererTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("keelson-render-").FullName;

    public ManifestRendererTests()
    {
        Write("app/kustomization.yaml", "resources: [deployment.yaml]\n");
        Write("app/deployment.yaml", """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: web
            spec:
              replicas: 1
              selector:
                matchLabels: {app: web}
              template:
                metadata:
                  labels: {app: web}
                spec:
                  containers:
                    - name: web
                      image: example.com/web:1.0.0
            """);
        Write("plain/a.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n");
        Write("plain/sub/b.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: b\n");
    }

    private void Write(string path, string text)
    {
        var full = Path.Combine(_root, path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        File.WriteAllText(full, text);
    }

    private RenderedSource Render(ApplicationSource source) => ManifestRenderer.Render(new RootedView(_root), source);

    [Fact]
    public void Kustomize_overrides_of_the_Application_are_applied_over_the_kustomization()
    {
        var rendered = Render(new ApplicationSource
        {
            RepoUrl = "repo",
            Path = "app",
            Kustomize = new KustomizeOptions
            {
                NamePrefix = "dev-",
                Namespace = "team",
                Images = ["example.com/web:2.0.0"],
                CommonLabels = new() { ["env"] = "dev" },
                Replicas = [new KustomizeReplica("web", JsonValue.Create(3))],
            },
        });

        Assert.Equal("Kustomize", rendered.SourceType);
        var deployment = Assert.Single(rendered.Objects);
        Assert.Equal("dev-web", deployment.GetName());
        Assert.Equal("team", deployment.GetNamespace());
        Assert.Equal("dev", deployment.GetLabels()["env"]);
        Assert.Equal("dev", deployment.GetPath("spec", "selector", "matchLabels", "env")!.ToString());
        Assert.Equal("3", deployment.GetPath("spec", "replicas")!.ToJsonString());
        Assert.Equal("example.com/web:2.0.0", deployment.GetPath("spec", "template", "spec", "containers")!.AsArray()[0]!["image"]!.ToString());
    }

    [Fact]
    public void Without_overrides_the_kustomization_renders_as_kustomize_build()
    {
        var deployment = Assert.Single(Render(new ApplicationSource { RepoUrl = "repo", Path = "app" }).Objects);
        Assert.Equal("web", deployment.GetName());
        Assert.Equal("example.com/web:1.0.0", deployment.GetPath("spec", "template", "spec", "containers")!.AsArray()[0]!["image"]!.ToString());
    }

    [Fact]
    public void A_plain_directory_renders_with_recurse_and_exclude()
    {
        var flat = Render(new ApplicationSource { RepoUrl = "repo", Path = "plain" });
        Assert.Equal("Directory", flat.SourceType);
        Assert.Equal(["a"], flat.Objects.Select(o => o.GetName()!).ToArray());

        var deep = Render(new ApplicationSource { RepoUrl = "repo", Path = "plain", Directory = new DirectoryOptions { Recurse = true, Exclude = "sub/*" } });
        Assert.Equal(["a"], deep.Objects.Select(o => o.GetName()!).ToArray());
        var all = Render(new ApplicationSource { RepoUrl = "repo", Path = "plain", Directory = new DirectoryOptions { Recurse = true } });
        Assert.Equal(["a", "b"], all.Objects.Select(o => o.GetName()!).Order().ToArray());
    }

    [Fact]
    public void A_missing_path_Helm_and_plugins_are_refused_with_a_message_that_says_so()
    {
        Assert.Contains("path 'nowhere' does not exist", Assert.Throws<RenderException>(() => Render(new ApplicationSource { RepoUrl = "repo", Path = "nowhere" })).Message);
        Assert.Contains("Helm sources are not supported", Assert.Throws<RenderException>(() => Render(new ApplicationSource { RepoUrl = "repo", Chart = "redis" })).Message);
        Assert.Contains("plugins are not supported", Assert.Throws<RenderException>(() => Render(new ApplicationSource { RepoUrl = "repo", Path = "app", Plugin = [] })).Message);
    }

    [Fact]
    public void A_kustomization_error_names_the_file()
    {
        Write("broken/kustomization.yaml", "resources: [missing.yaml]\n");
        var error = Assert.Throws<RenderException>(() => Render(new ApplicationSource { RepoUrl = "repo", Path = "broken" }));
        Assert.StartsWith("broken/kustomization.yaml: accumulating resources: accumulation err='accumulating resources from 'missing.yaml': ", error.Message);
    }

    [Fact]
    public void A_misspelled_base_is_reported_missing_in_kustomize_words_naming_the_overlay_not_as_outside_the_root()
    {
        Write("overlays/prod/kustomization.yaml", "resources:\n- ../../bsae\n");
        var error = Assert.Throws<RenderException>(() => Render(new ApplicationSource { RepoUrl = "repo", Path = "overlays/prod" }));
        Assert.Equal(
            "overlays/prod/kustomization.yaml: accumulating resources: accumulation err='accumulating resources from '../../bsae': " +
            "evalsymlink failure on 'bsae' : lstat bsae: no such file or directory': must build at directory: not a valid directory: " +
            "evalsymlink failure on 'bsae' : lstat bsae: no such file or directory",
            error.Message);
    }

    [Fact]
    public void An_error_in_a_base_names_the_base_kustomization()
    {
        Write("base/kustomization.yaml", "resources: [gone.yaml]\n");
        Write("overlays/dev/kustomization.yaml", "resources: [../../base]\n");
        var error = Assert.Throws<RenderException>(() => Render(new ApplicationSource { RepoUrl = "repo", Path = "overlays/dev" }));
        Assert.StartsWith("base/kustomization.yaml: accumulating resources: accumulation err='accumulating resources from '../../base': 'base' must resolve to a file': recursed accumulation of path 'base': ", error.Message);
        Assert.Contains("lstat base/gone.yaml: no such file or directory", error.Message);
    }

    [Fact]
    public void A_kustomization_at_the_repository_root_reads_its_files()
    {
        Write("kustomization.yaml", "resources: [app/deployment.yaml]\n");
        var deployment = Assert.Single(Render(new ApplicationSource { RepoUrl = "repo", Path = "." }).Objects);
        Assert.Equal("web", deployment.GetName());
    }

    [Fact]
    public void A_missing_component_among_the_Application_overrides_names_spec_source_kustomize()
    {
        var error = Assert.Throws<RenderException>(() => Render(new ApplicationSource
        {
            RepoUrl = "repo",
            Path = "app",
            Kustomize = new KustomizeOptions { Components = ["components/absent"] },
        }));
        Assert.Equal(
            "spec.source.kustomize: accumulating components: loader.New \"must build at directory: not a valid directory: " +
            "evalsymlink failure on 'app/components/absent' : lstat app/components: no such file or directory\"",
            error.Message);
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);

    /// <summary>The disk under a root, with repository-relative paths, as a Git tree presents them.</summary>
    private sealed class RootedView(string root) : IFileView
    {
        private readonly DiskFileView _disk = new();

        private string Full(string path) => Path.Combine(root, path == "." ? "" : path);

        public string ReadAllText(string path) => _disk.ReadAllText(Full(path));

        public bool Exists(string path) => _disk.Exists(Full(path));

        public bool IsDirectory(string path) => _disk.IsDirectory(Full(path));

        public IReadOnlyList<string> List(string directory) =>
            _disk.List(Full(directory)).Select(p => Path.GetRelativePath(root, p).Replace('\\', '/')).ToList();
    }
}
