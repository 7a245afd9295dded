namespace Keelson.Kustomize.Tests;

public class FileViewTests
{
    [Fact]
    public void Renders_an_overlay_from_an_in_memory_tree_without_touching_the_disk()
    {
        var view = new InMemoryFileView(new Dictionary<string, string>
        {
            ["/repo/base/kustomization.yaml"] = "resources:\n- cm.yaml\n",
            ["/repo/base/cm.yaml"] = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\ndata:\n  k: v\n",
            ["/repo/overlay/kustomization.yaml"] = "namePrefix: dev-\nnamespace: dev\nresources:\n- ../base\n",
        });

        var yaml = KustomizeRenderer.RenderYaml(view, "/repo/overlay");

        Assert.Equal("apiVersion: v1\ndata:\n  k: v\nkind: ConfigMap\nmetadata:\n  name: dev-c\n  namespace: dev\n", yaml);
    }

    [Fact]
    public void A_file_outside_the_kustomization_directory_is_refused_even_when_the_view_has_it()
    {
        var view = new InMemoryFileView(new Dictionary<string, string>
        {
            ["/repo/app/kustomization.yaml"] = "resources:\n- ../../etc/passwd.yaml\n",
            ["/etc/passwd.yaml"] = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: leaked\n",
        });

        var error = Assert.Throws<KustomizeException>(() => KustomizeRenderer.Render(view, "/repo/app"));

        Assert.Contains("is not in or below '/repo/app'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_misspelled_base_beside_the_overlay_is_reported_missing_with_the_paths_of_the_view()
    {
        var view = new InMemoryFileView(new Dictionary<string, string>
        {
            ["/repo/base/kustomization.yaml"] = "resources: []\n",
            ["/repo/overlays/prod/kustomization.yaml"] = "resources:\n- ../../bsae\n",
        });

        var error = Assert.Throws<KustomizeException>(() => KustomizeRenderer.Render(view, "/repo/overlays/prod"));

        Assert.Equal(
            "accumulating resources: accumulation err='accumulating resources from '../../bsae': evalsymlink failure on '/repo/bsae' : " +
            "lstat /repo/bsae: no such file or directory': must build at directory: not a valid directory: evalsymlink failure on " +
            "'/repo/bsae' : lstat /repo/bsae: no such file or directory",
            error.Message);
        Assert.Equal("/repo/overlays/prod/kustomization.yaml", error.File);
    }

    [Fact]
    public void A_path_climbing_above_the_view_stops_at_its_root_and_is_missing_not_outside()
    {
        var view = new InMemoryFileView(new Dictionary<string, string>
        {
            ["/repo/app/kustomization.yaml"] = "configMapGenerator:\n- name: c\n  files:\n  - ../../../../secret.txt\n",
        });

        var error = Assert.Throws<KustomizeException>(() => KustomizeRenderer.Render(view, "/repo/app"));

        Assert.Equal(
            "loading KV pairs: file sources: [../../../../secret.txt]: evalsymlink failure on '/secret.txt' : lstat /secret.txt: no such file or directory",
            error.Message);
    }

    [Fact]
    public void The_error_names_the_innermost_kustomization_being_built()
    {
        var view = new InMemoryFileView(new Dictionary<string, string>
        {
            ["/repo/base/kustomization.yaml"] = "resources:\n- gone.yaml\n",
            ["/repo/overlays/dev/kustomization.yaml"] = "resources:\n- ../../base\n",
        });

        var error = Assert.Throws<KustomizeException>(() => KustomizeRenderer.Render(view, "/repo/overlays/dev"));

        Assert.Equal("/repo/base/kustomization.yaml", error.File);
        Assert.StartsWith(
            "accumulating resources: accumulation err='accumulating resources from '../../base': '/repo/base' must resolve to a file': " +
            "recursed accumulation of path '/repo/base': accumulating resources: accumulation err='accumulating resources from 'gone.yaml': ",
            error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_top_directory_that_does_not_exist_is_reported_as_kustomize_reports_it()
    {
        var view = new InMemoryFileView(new Dictionary<string, string> { ["/repo/app/kustomization.yaml"] = "resources: []\n" });

        var error = Assert.Throws<KustomizeException>(() => KustomizeRenderer.Render(view, "/repo/ap/overlay"));

        Assert.Equal(
            "must build at directory: not a valid directory: evalsymlink failure on '/repo/ap/overlay' : lstat /repo/ap: no such file or directory",
            error.Message);
        Assert.Null(error.File);
    }
}
