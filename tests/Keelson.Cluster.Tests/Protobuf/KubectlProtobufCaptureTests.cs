using System.Diagnostics;
using System.Text.Json.Nodes;
using Keelson.Cluster.Api.Protobuf;

namespace Keelson.Cluster.Tests.Protobuf;

/// <summary>
/// The protobuf bytes real kubectl sends, captured on their way to the embedded cluster, decode to exactly the
/// JSON kubectl prints for the same command with <c>--dry-run=client -o json</c>.
/// </summary>
public sealed class KubectlProtobufCaptureTests : IAsyncLifetime
{
    private EmbeddedCluster? _cluster;
    private CapturingProxy? _proxy;
    private string _dir = "";

    public async Task InitializeAsync()
    {
        _dir = Directory.CreateTempSubdirectory("keelson-capture-").FullName;
        _cluster = await EmbeddedCluster.StartAsync(new ClusterOptions { InMemory = true, Port = 0 });
        _proxy = await CapturingProxy.StartAsync(_cluster);
        File.WriteAllText(Path.Combine(_dir, "kubeconfig"), $"""
            apiVersion: v1
            kind: Config
            clusters:
            - name: capture
              cluster:
                server: http://127.0.0.1:{_proxy.Port}
            contexts:
            - name: capture
              context:
                cluster: capture
                user: capture
            current-context: capture
            users:
            - name: capture
              user: {"{}"}
            """);
    }

    public async Task DisposeAsync()
    {
        if (_proxy is not null) await _proxy.DisposeAsync();
        if (_cluster is not null) await _cluster.DisposeAsync();
        Directory.Delete(_dir, recursive: true);
    }

    private async Task<string> KubectlAsync(params string[] arguments)
    {
        var info = new ProcessStartInfo("/usr/bin/kubectl") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = _dir };
        foreach (var a in (string[])["--kubeconfig", Path.Combine(_dir, "kubeconfig"), "--cache-dir", Path.Combine(_dir, "cache"), .. arguments]) info.ArgumentList.Add(a);
        info.Environment["HOME"] = _dir;
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(cts.Token);
        Assert.True(process.ExitCode == 0, $"kubectl {string.Join(' ', arguments)}: {await stderr}");
        return await stdout;
    }

    [Theory]
    [InlineData("create namespace cap-ns")]
    [InlineData("create configmap cm -n default --from-literal=a=b --from-literal=c=d")]
    [InlineData("create secret generic s -n default --from-literal=user=admin")]
    [InlineData("create deployment web -n default --image=nginx --replicas=2 --port=80")]
    [InlineData("create service clusterip api -n default --tcp=80:8080")]
    [InlineData("create serviceaccount robot -n default")]
    [InlineData("create job once -n default --image=busybox -- echo hi")]
    [InlineData("create cronjob tick -n default --image=busybox --schedule=*/5_*_*_*_* -- date")]
    [InlineData("create role reader -n default --verb=get,list --resource=pods")]
    [InlineData("create rolebinding rb -n default --role=reader --user=alice --serviceaccount=default:robot")]
    [InlineData("create clusterrole viewer --verb=get --resource=nodes")]
    [InlineData("create clusterrolebinding viewers --clusterrole=viewer --group=devs")]
    [InlineData("create quota q -n default --hard=cpu=1,memory=1Gi,pods=10")]
    [InlineData("create poddisruptionbudget pdb -n default --selector=app=web --min-available=50%")]
    [InlineData("create ingress site -n default --class=nginx --rule=foo.example.com/bar=svc1:8080")]
    public async Task Captured_body_decodes_to_kubectls_own_json(string command)
    {
        // Spaces inside one argument are written as '_' in the test data.
        var arguments = command.Split(' ').Select(a => a.Replace('_', ' ')).ToArray();
        // The flags go right after "create <kind>", before any "-- command".
        var expected = JsonNode.Parse(await KubectlAsync([.. arguments[..2], "--dry-run=client", "-o", "json", .. arguments[2..]]))!.AsObject();

        _proxy!.Bodies.Clear();
        await KubectlAsync(arguments);
        var (contentType, body) = Assert.Single(_proxy.Bodies);
        Assert.Equal("application/vnd.kubernetes.protobuf", contentType);

        var decoded = KubernetesProtobuf.Decode(body);
        Assert.True(JsonNode.DeepEquals(expected, decoded), $"kubectl's JSON:\n{expected.ToJsonString()}\ndecoded:\n{decoded.ToJsonString()}");
    }
}
