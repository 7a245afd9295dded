namespace Keelson.Kustomize.Tests;

/// <summary>Keelson-only behaviour with no kustomize oracle: fields the renderer does not implement fail loudly.</summary>
public class UnsupportedFieldTests
{
    [Fact]
    public void Kustomization_with_helm_charts_fails_naming_the_file_instead_of_rendering_differently()
    {
        var dir = Directory.CreateTempSubdirectory("keelson-kust-");
        try
        {
            File.WriteAllText(Path.Combine(dir.FullName, "kustomization.yaml"),
                "resources: []\nhelmCharts:\n- name: x\n  repo: https://charts.example.com\n");
            var error = Assert.Throws<KustomizeException>(() => KustomizeRenderer.Render(new DiskFileView(), dir.FullName));
            Assert.Contains("HelmChartInflationGenerator", error.Message, StringComparison.Ordinal);
            Assert.Contains("must specify --enable-helm", error.Message, StringComparison.Ordinal);
            Assert.Equal(Path.Combine(dir.FullName, "kustomization.yaml"), error.File);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }
}
