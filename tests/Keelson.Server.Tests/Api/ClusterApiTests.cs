using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Keelson.Server.Tests.Api;

/// <summary>The clusters API over real HTTPS: cluster Secrets in the embedded cluster, connection checks against a real API server, the seed's RBAC.</summary>
public sealed class ClusterApiTests(ServerHarness harness) : IClassFixture<ServerHarness>
{
    private const string InCluster = "https://kubernetes.default.svc";

    [Fact]
    public async Task The_list_always_has_the_in_cluster_destination_connected_and_it_is_found_by_url_or_name()
    {
        using var bob = harness.As("bob");
        var list = await ServerHarness.JsonAsync(await bob.GetAsync("api/v1/clusters"));
        Assert.NotNull(list["metadata"]);
        var inCluster = Assert.Single(list["items"]!.AsArray(), c => c!["server"]!.ToString() == InCluster)!;
        Assert.Equal("in-cluster", inCluster["name"]!.ToString());
        Assert.Equal("Successful", inCluster["connectionState"]!["status"]!.ToString());
        Assert.Matches(@"^\d+\.\d+$", inCluster["serverVersion"]!.ToString());
        Assert.Equal("""{"tlsClientConfig":{"insecure":false}}""", inCluster["config"]!.ToJsonString());
        Assert.True(inCluster["info"]!["applicationsCount"]!.GetValue<int>() >= 2);

        var byUrl = await ServerHarness.JsonAsync(await bob.GetAsync($"api/v1/clusters/{Uri.EscapeDataString(InCluster)}"));
        Assert.Equal("in-cluster", byUrl["name"]!.ToString());
        var byName = await ServerHarness.JsonAsync(await bob.GetAsync("api/v1/clusters/in-cluster?id.type=name"));
        Assert.Equal(InCluster, byName["server"]!.ToString());
        Assert.Single((await ServerHarness.JsonAsync(await bob.GetAsync("api/v1/clusters?name=in-cluster")))["items"]!.AsArray());
        Assert.Empty((await ServerHarness.JsonAsync(await bob.GetAsync("api/v1/clusters?server=https%3A%2F%2Fnowhere")))["items"]!.AsArray());

        var unknown = await bob.GetAsync($"api/v1/clusters/{Uri.EscapeDataString("https://nowhere.example")}");
        Assert.Equal(HttpStatusCode.Forbidden, unknown.StatusCode);
        Assert.Equal("permission denied", (await ServerHarness.JsonAsync(unknown))["message"]!.ToString());
    }

    [Fact]
    public async Task A_registered_cluster_is_stored_as_Argo_s_Secret_and_its_credentials_never_come_back()
    {
        var (server, token, ca) = Kubeconfig();
        var body = new JsonObject
        {
            ["server"] = server,
            ["name"] = "second",
            ["namespaces"] = new JsonArray("team-a", "team-b"),
            ["labels"] = new JsonObject { ["env"] = "test" },
            ["config"] = new JsonObject { ["bearerToken"] = token, ["tlsClientConfig"] = new JsonObject { ["caData"] = ca, ["insecure"] = false } },
        }.ToJsonString();
        using var bob = harness.As("bob");
        var denied = await ServerHarness.SendJsonAsync(bob, HttpMethod.Post, "api/v1/clusters", body);
        Assert.Equal(HttpStatusCode.Forbidden, denied.StatusCode);
        Assert.Equal($"permission denied while creating cluster: permission denied: clusters, create, {server}, sub: bob", (await ServerHarness.JsonAsync(denied))["message"]!.ToString());

        using var admin = harness.As("admin");
        var created = await ServerHarness.SendJsonAsync(admin, HttpMethod.Post, "api/v1/clusters", body);
        var createdText = await created.Content.ReadAsStringAsync();
        Assert.True(created.StatusCode == HttpStatusCode.OK, createdText);
        Assert.DoesNotContain(token, createdText, StringComparison.Ordinal);
        var answer = JsonNode.Parse(createdText)!;
        Assert.Equal("Successful", answer["connectionState"]!["status"]!.ToString());
        Assert.Equal("""{"tlsClientConfig":{"insecure":false}}""", answer["config"]!.ToJsonString());
        Assert.Equal("test", answer["labels"]!["env"]!.ToString());

        // Stored as declarative setup describes it: labelled, with name, server and the whole config.
        var secrets = await harness.Client.ListAsync((await harness.Client.FindAsync("v1", "Secret"))!, "argocd", "argocd.argoproj.io/secret-type=cluster");
        var secret = Assert.Single(secrets.Items);
        Assert.Equal(server, Data(secret, "server"));
        Assert.Equal("second", Data(secret, "name"));
        Assert.Equal("team-a,team-b", Data(secret, "namespaces"));
        Assert.Equal(token, JsonNode.Parse(Data(secret, "config"))!["bearerToken"]!.ToString());
        Assert.Equal("test", secret["metadata"]!["labels"]!["env"]!.ToString());

        foreach (var path in new[] { "api/v1/clusters", $"api/v1/clusters/{Uri.EscapeDataString(server)}", "api/v1/clusters/second?id.type=name" })
        {
            var response = await bob.GetAsync(path);
            var text = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.OK, text);
            Assert.Contains("second", text, StringComparison.Ordinal);
            Assert.DoesNotContain(token, text, StringComparison.Ordinal);
            Assert.DoesNotContain("caData", text, StringComparison.Ordinal);
        }

        // The same cluster again is answered as it is; a different one needs upsert; a partial update keeps the config.
        Assert.Equal(HttpStatusCode.OK, (await ServerHarness.SendJsonAsync(admin, HttpMethod.Post, "api/v1/clusters", body)).StatusCode);
        var renamed = body.Replace("\"second\"", "\"renamed\"", StringComparison.Ordinal);
        var different = await ServerHarness.SendJsonAsync(admin, HttpMethod.Post, "api/v1/clusters", renamed);
        Assert.Equal(HttpStatusCode.BadRequest, different.StatusCode);
        Assert.StartsWith("existing cluster spec is different; use upsert flag", (await ServerHarness.JsonAsync(different))["message"]!.ToString(), StringComparison.Ordinal);
        var update = await ServerHarness.SendJsonAsync(admin, HttpMethod.Put, $"api/v1/clusters/{Uri.EscapeDataString(server)}?updatedFields=name", new JsonObject { ["server"] = server, ["name"] = "third" }.ToJsonString());
        var updateText = await update.Content.ReadAsStringAsync();
        Assert.True(update.StatusCode == HttpStatusCode.OK, updateText);
        Assert.Equal("third", JsonNode.Parse(updateText)!["name"]!.ToString());
        Assert.DoesNotContain(token, updateText, StringComparison.Ordinal);
        var kept = Assert.Single((await harness.Client.ListAsync((await harness.Client.FindAsync("v1", "Secret"))!, "argocd", "argocd.argoproj.io/secret-type=cluster")).Items);
        Assert.Equal(token, JsonNode.Parse(Data(kept, "config"))!["bearerToken"]!.ToString());

        var bobDelete = await ServerHarness.SendJsonAsync(bob, HttpMethod.Delete, $"api/v1/clusters/{Uri.EscapeDataString(server)}", null);
        Assert.Equal(HttpStatusCode.Forbidden, bobDelete.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await ServerHarness.SendJsonAsync(admin, HttpMethod.Delete, $"api/v1/clusters/{Uri.EscapeDataString(server)}", null)).StatusCode);
        Assert.Empty((await harness.Client.ListAsync((await harness.Client.FindAsync("v1", "Secret"))!, "argocd", "argocd.argoproj.io/secret-type=cluster")).Items);
        Assert.Equal(HttpStatusCode.Forbidden, (await admin.GetAsync($"api/v1/clusters/{Uri.EscapeDataString(server)}")).StatusCode);
    }

    [Fact]
    public async Task A_cluster_that_does_not_answer_or_is_not_described_is_refused_and_nothing_is_stored()
    {
        using var admin = harness.As("admin");
        var unreachable = await ServerHarness.SendJsonAsync(admin, HttpMethod.Post, "api/v1/clusters",
            """{"server":"https://127.0.0.1:1","name":"nowhere","config":{"password":"hunter2-secret","username":"u","tlsClientConfig":{"insecure":true}}}""");
        Assert.Equal(HttpStatusCode.BadRequest, unreachable.StatusCode);
        var message = (await ServerHarness.JsonAsync(unreachable))["message"]!.ToString();
        Assert.StartsWith("cluster https://127.0.0.1:1 was not saved: Unable to connect to cluster", message, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2-secret", message, StringComparison.Ordinal);

        var invalid = await ServerHarness.SendJsonAsync(admin, HttpMethod.Post, "api/v1/clusters", """{"name":"x","config":"token"}""");
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        var problems = (await ServerHarness.JsonAsync(invalid))["message"]!.ToString();
        Assert.Contains("cluster.server: the API server's URL is required", problems, StringComparison.Ordinal);
        Assert.Contains("cluster.config: must be an object", problems, StringComparison.Ordinal);
        Assert.Empty((await harness.Client.ListAsync((await harness.Client.FindAsync("v1", "Secret"))!, "argocd", "argocd.argoproj.io/secret-type=cluster")).Items);

        var builtIn = await ServerHarness.SendJsonAsync(admin, HttpMethod.Delete, $"api/v1/clusters/{Uri.EscapeDataString(InCluster)}", null);
        Assert.Equal(HttpStatusCode.BadRequest, builtIn.StatusCode);
    }

    /// <summary>The embedded cluster's own address, token and CA, from the harness's kubeconfig: a second, real cluster to register.</summary>
    private (string Server, string Token, string Ca) Kubeconfig()
    {
        var text = File.ReadAllText(Path.Combine(harness.Dir, "kubeconfig"));
        string Field(string name) => Regex.Match(text, $@"^\s*{name}: (\S+)\s*$", RegexOptions.Multiline).Groups[1].Value;
        return (Field("server"), Field("token"), Field("certificate-authority-data"));
    }

    private static string Data(JsonObject secret, string key) => Encoding.UTF8.GetString(Convert.FromBase64String(secret["data"]![key]!.ToString()));
}
