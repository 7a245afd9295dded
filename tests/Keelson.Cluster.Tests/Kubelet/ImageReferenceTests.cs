using Keelson.Cluster.Kubelet;

namespace Keelson.Cluster.Tests.Kubelet;

public sealed class ImageReferenceTests
{
    [Theory]
    [InlineData("nginx", "docker.io/library/nginx:latest")]
    [InlineData("nginx:1.27", "docker.io/library/nginx:1.27")]
    [InlineData("bitnami/redis:7", "docker.io/bitnami/redis:7")]
    [InlineData("ghcr.io/org/app:v2", "ghcr.io/org/app:v2")]
    [InlineData("localhost:5000/app", "localhost:5000/app:latest")]
    [InlineData("nginx@sha256:abc", "docker.io/library/nginx@sha256:abc")]
    public void Image_references_normalise_as_containerd_names_them(string image, string expected) =>
        Assert.Equal(expected, ImageReference.Normalize(image));

    [Fact]
    public void Catalog_keys_are_valid_ConfigMap_keys() =>
        Assert.Equal("docker.io_library_nginx-1.27", ImageReference.CatalogKey("docker.io/library/nginx:1.27"));

    [Theory]
    [InlineData("5s", 5000)]
    [InlineData("500ms", 500)]
    [InlineData("1m30s", 90000)]
    [InlineData("2", 2000)]
    public void Durations_read_as_Go_writes_them(string text, int milliseconds)
    {
        Assert.True(GoDuration.TryParse(text, out var duration));
        Assert.Equal(TimeSpan.FromMilliseconds(milliseconds), duration);
    }
}
