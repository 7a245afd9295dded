using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.RegularExpressions;

namespace Keelson.Cli.Tests;

public sealed partial class ClusterStartTests : IDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);
    private readonly string _dir = Directory.CreateTempSubdirectory("keelson-cli-").FullName;

    public void Dispose()
    {
        try
        {
            Directory.Delete(_dir, recursive: true);
        }
        catch (IOException)
        {
            // Best effort.
        }
    }

    private (string Server, string Token) ReadKubeconfig(string path)
    {
        var text = File.ReadAllText(path);
        _authority = X509Certificate2.CreateFromPem(Encoding.ASCII.GetString(Convert.FromBase64String(AuthorityLine().Match(text).Groups[1].Value)));
        return (ServerLine().Match(text).Groups[1].Value, TokenLine().Match(text).Groups[1].Value);
    }

    private X509Certificate2? _authority;

    /// <summary>A client that trusts only the kubeconfig's certificate authority, with the token when given.</summary>
    private HttpClient Client(string server, string? token)
    {
        var authority = _authority!;
        var handler = new SocketsHttpHandler();
        handler.SslOptions.RemoteCertificateValidationCallback = (_, cert, _, _) => cert is not null && cert.GetCertHashString() == authority.GetCertHashString();
        var http = new HttpClient(handler) { BaseAddress = new Uri(server + "/") };
        if (token is not null) http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return http;
    }

    [Fact]
    public async Task Start_writes_a_kubeconfig_with_context_keelson_and_requires_its_token()
    {
        var kubeconfig = Path.Combine(_dir, "kubeconfig");
        using var keelson = KeelsonProcess.Start("cluster", "start", "--port", "0", "--in-memory", "--kubeconfig", kubeconfig);
        await keelson.WaitForOutputAsync("Press Ctrl+C", StartTimeout);
        Assert.Contains($"export KUBECONFIG={kubeconfig}", keelson.Output);
        var text = File.ReadAllText(kubeconfig);
        Assert.Contains("current-context: keelson", text);
        var (server, token) = ReadKubeconfig(kubeconfig);
        Assert.StartsWith("https://127.0.0.1:", server);

        using var anonymous = Client(server, null);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("api/v1/namespaces")).StatusCode);
        using var http = Client(server, token);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("api/v1/namespaces")).StatusCode);

        keelson.Interrupt();
        // 130 is the conventional exit status after Ctrl+C (SIGINT).
        Assert.Equal(130, await keelson.WaitForExitAsync(TimeSpan.FromSeconds(20)));
    }

    [Fact]
    public async Task Acknowledged_writes_survive_kill_9_and_a_second_start_on_the_same_data_is_refused()
    {
        var data = Path.Combine(_dir, "data");
        var kubeconfig = Path.Combine(_dir, "kubeconfig");
        var names = Enumerable.Range(0, 50).Select(i => $"cm-{i}").ToList();
        using (var first = KeelsonProcess.Start("cluster", "start", "--port", "0", "--data", data, "--kubeconfig", kubeconfig))
        {
            await first.WaitForOutputAsync("Press Ctrl+C", StartTimeout);
            var (server, token) = ReadKubeconfig(kubeconfig);
            using var http = Client(server, token);
            await Task.WhenAll(names.Select(async name =>
            {
                var body = new StringContent($"{{\"metadata\":{{\"name\":\"{name}\"}},\"data\":{{\"k\":\"v\"}}}}", Encoding.UTF8, "application/json");
                var response = await http.PostAsync("api/v1/namespaces/default/configmaps", body);
                Assert.Equal(HttpStatusCode.Created, response.StatusCode);
            }));

            // One owner per data directory: a second start fails at once, naming the first, and the first keeps writing.
            using (var refused = KeelsonProcess.Start("cluster", "start", "--port", "0", "--data", data, "--kubeconfig", Path.Combine(_dir, "other")))
            {
                Assert.Equal(1, await refused.WaitForExitAsync(StartTimeout));
                Assert.Contains($"data directory {data} is in use by `keelson cluster start` (PID {first.Pid})", refused.Output);
            }
            var after = new StringContent("{\"metadata\":{\"name\":\"after-refusal\"}}", Encoding.UTF8, "application/json");
            Assert.Equal(HttpStatusCode.Created, (await http.PostAsync("api/v1/namespaces/default/configmaps", after)).StatusCode);
            names.Add("after-refusal");

            // kill -9 leaves the lock file behind; the next start takes it over.
            first.KillHard();
            await first.WaitForExitAsync(TimeSpan.FromSeconds(10));
        }

        using var second = KeelsonProcess.Start("cluster", "start", "--port", "0", "--data", data, "--kubeconfig", kubeconfig);
        await second.WaitForOutputAsync("Press Ctrl+C", StartTimeout);
        var (server2, token2) = ReadKubeconfig(kubeconfig);
        using var http2 = Client(server2, token2);
        var list = await http2.GetStringAsync("api/v1/namespaces/default/configmaps");
        foreach (var name in names) Assert.Contains($"\"name\":\"{name}\"", list);
    }

    [Fact]
    public async Task Data_and_in_memory_together_are_refused()
    {
        using var keelson = KeelsonProcess.Start("cluster", "start", "--in-memory", "--data", _dir);
        Assert.NotEqual(0, await keelson.WaitForExitAsync(TimeSpan.FromSeconds(20)));
        Assert.Contains("--data and --in-memory cannot be used together", keelson.Output);
    }

    [GeneratedRegex(@"server: (\S+)")]
    private static partial Regex ServerLine();

    [GeneratedRegex(@"certificate-authority-data: (\S+)")]
    private static partial Regex AuthorityLine();

    [GeneratedRegex(@"token: (\S+)")]
    private static partial Regex TokenLine();
}
