namespace Keelson.Cli.Tests;

/// <summary>`keelson cluster image push|list` against a running `keelson cluster start --images catalog`.</summary>
public sealed class ClusterImageTests : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);
    private readonly string _dir = Directory.CreateTempSubdirectory("keelson-image-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task Image_push_adds_to_the_catalog_of_a_running_cluster_and_list_shows_it()
    {
        var kubeconfig = Path.Combine(_dir, "kubeconfig");
        using var cluster = KeelsonProcess.Start("cluster", "start", "--port", "0", "--in-memory", "--images", "catalog", "--kubeconfig", kubeconfig);
        await cluster.WaitForOutputAsync("Press Ctrl+C", Timeout);
        Assert.Contains("only those in the catalog pull", cluster.Output);

        using (var push = KeelsonProcess.Start("cluster", "image", "push", "nginx:1.27", "--kubeconfig", kubeconfig))
        {
            Assert.Equal(0, await push.WaitForExitAsync(Timeout));
            Assert.Contains("pushed docker.io/library/nginx:1.27", push.Output);
        }
        using (var list = KeelsonProcess.Start("cluster", "image", "list", "--kubeconfig", kubeconfig))
        {
            Assert.Equal(0, await list.WaitForExitAsync(Timeout));
            Assert.Contains("docker.io/library/nginx:1.27", list.Output);
        }
        cluster.Interrupt();
        await cluster.WaitForExitAsync(TimeSpan.FromSeconds(20));
    }
}
