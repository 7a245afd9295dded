using System.Text.Json.Nodes;
using Keelson.Resources.Serialization;

namespace Keelson.Cli.Tests;

public sealed class EditCommandTests : IDisposable
{
    private const string Digest = "sha256:24a0c4b4a4c0eb97a1aabb8e29f18e917d05abfe1b7a7c07857230879ce7d3d3";
    private readonly string _dir = Directory.CreateTempSubdirectory("keelson-edit-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string CopyFixture(string name)
    {
        var copy = Path.Combine(_dir, name);
        KustomizeFixtures.CopyDirectory(KustomizeFixtures.Input(name), copy);
        return copy;
    }

    private static async Task<List<string>> RenderedImagesAsync(string dir)
    {
        string yaml;
        if (File.Exists(KustomizeFixtures.Kubectl))
        {
            var oracle = await KustomizeFixtures.KubectlKustomizeAsync(dir);
            Assert.True(oracle.ExitCode == 0, oracle.Stderr);
            yaml = oracle.Stdout;
            var (_, ours, _) = await KustomizeFixtures.KeelsonAsync("render", dir);
            Assert.Equal(yaml, ours);
        }
        else
        {
            yaml = (await KustomizeFixtures.KeelsonAsync("render", dir)).Stdout;
        }
        var images = new List<string>();
        foreach (var doc in YamlDocuments.Parse(yaml)) Collect(doc, images);
        return images;
    }

    private static void Collect(JsonNode? node, List<string> images)
    {
        switch (node)
        {
            case JsonObject map:
                foreach (var (k, v) in map)
                {
                    if (k == "image" && v is JsonValue value) images.Add(value.GetValue<string>());
                    else Collect(v, images);
                }
                break;
            case JsonArray list:
                foreach (var item in list) Collect(item, images);
                break;
        }
    }

    [Fact]
    public async Task Set_image_changes_what_kubectl_kustomize_renders()
    {
        var dir = CopyFixture("guestbook-prod-overlay");
        var overlay = Path.Combine(dir, "overlays", "prod");
        var before = await RenderedImagesAsync(overlay);

        var (code, _, stderr) = await KustomizeFixtures.KeelsonAsync("edit", "set", "image", "--kustomization", overlay,
            "redis=mirror.example.com/redis:7.4", $"ghcr.io/example/guestbook-frontend@{Digest}");
        Assert.True(code == 0, stderr);

        var after = await RenderedImagesAsync(overlay);
        Assert.NotEqual(before, after);
        Assert.Contains("mirror.example.com/redis:7.4", after);
        Assert.Contains($"ghcr.io/example/guestbook-frontend@{Digest}", after);
        Assert.DoesNotContain(after, i => i.StartsWith("redis", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Set_image_in_the_current_directory_merges_by_name_and_sorts_by_name()
    {
        var dir = CopyFixture("images");
        var (code, _, stderr) = await KustomizeFixtures.KeelsonInAsync(dir, "edit", "set", "image", "nginx=my.registry/nginx:1.28", "alpine:3.20", $"redis@{Digest}");
        Assert.True(code == 0, stderr);

        Assert.Equal($"""
            resources:
            - all.yaml
            images:
            - name: alpine
              newTag: "3.20"
            - name: busybox
              newName: registry.example.com/tools/busybox
              newTag: stable
            - name: nginx
              newName: my.registry/nginx
              newTag: "1.28"
            - digest: {Digest}
              name: postgres
              newName: pg
              newTag: "16"
            - digest: {Digest}
              name: redis
            apiVersion: kustomize.config.k8s.io/v1beta1
            kind: Kustomization

            """.Replace("\r", "", StringComparison.Ordinal), File.ReadAllText(Path.Combine(dir, "kustomization.yaml")));
        var images = await RenderedImagesAsync(dir);
        Assert.Contains("my.registry/nginx:1.28", images);
    }

    [Fact]
    public async Task Set_image_keeps_field_order_and_comments_and_star_keeps_existing_values()
    {
        File.WriteAllText(Path.Combine(_dir, "kustomization.yaml"), """
            # The app.
            apiVersion: kustomize.config.k8s.io/v1beta1
            kind: Kustomization
            # Where it runs.
            namespace: shop
            images:
            - name: web
              newName: registry.example.com/web
              newTag: v1
            bases:
            - base

            """.Replace("\r", "", StringComparison.Ordinal));
        var (code, _, stderr) = await KustomizeFixtures.KeelsonAsync("edit", "set", "image", "--kustomization", _dir, "web=*:v2", "api=registry.example.com/api:v9@" + Digest);
        Assert.True(code == 0, stderr);

        Assert.Equal($"""
            # The app.
            apiVersion: kustomize.config.k8s.io/v1beta1
            kind: Kustomization
            # Where it runs.
            namespace: shop
            images:
            - digest: {Digest}
              name: api
              newName: registry.example.com/api
              newTag: v9
            - name: web
              newName: registry.example.com/web
              newTag: v2
            resources:
            - base

            """.Replace("\r", "", StringComparison.Ordinal), File.ReadAllText(Path.Combine(_dir, "kustomization.yaml")));
    }

    [Theory]
    [InlineData("nginx")]
    [InlineData("")]
    public async Task An_invalid_image_argument_fails_with_kustomize_s_message_and_leaves_the_file_alone(string argument)
    {
        var dir = CopyFixture("images");
        var file = Path.Combine(dir, "kustomization.yaml");
        var before = File.ReadAllText(file);
        var (code, _, stderr) = await KustomizeFixtures.KeelsonAsync("edit", "set", "image", "--kustomization", dir, argument);
        Assert.Equal(1, code);
        Assert.Contains("invalid format of image", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", stderr, StringComparison.Ordinal);
        Assert.Equal(before, File.ReadAllText(file));
    }

    [Fact]
    public async Task A_directory_without_a_kustomization_is_an_error()
    {
        var (code, _, stderr) = await KustomizeFixtures.KeelsonAsync("edit", "set", "image", "--kustomization", _dir, "a:1");
        Assert.Equal(1, code);
        Assert.Contains("Missing kustomization file", stderr, StringComparison.Ordinal);
    }
}
