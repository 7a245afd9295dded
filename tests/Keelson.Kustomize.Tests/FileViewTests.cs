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
}
