using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Keelson.Git;

namespace Keelson.Server.Tests.Api;

/// <summary>The repositories API over real HTTPS: repository Secrets in the embedded cluster, connection checks by ls-remote of Git repositories on disk.</summary>
public sealed class RepositoryApiTests(ServerHarness harness) : IClassFixture<ServerHarness>
{
    private const string Password = "p4ss-w0rd-never-shown";

    private string NewRepo(string name)
    {
        var path = Path.Combine(harness.Dir, name);
        LocalRepository.Init(path);
        File.WriteAllText(Path.Combine(path, "README.md"), name);
        LocalRepository.CommitAll(path, "initial");
        return path;
    }

    [Fact]
    public async Task A_repository_s_credentials_are_stored_in_its_Secret_and_never_answered()
    {
        var repo = NewRepo("creds-repo");
        var body = new JsonObject { ["repo"] = repo, ["type"] = "git", ["name"] = "creds", ["username"] = "deploy", ["password"] = Password }.ToJsonString();
        using var bob = harness.As("bob");
        var denied = await ServerHarness.SendJsonAsync(bob, HttpMethod.Post, "api/v1/repositories", body);
        Assert.Equal(HttpStatusCode.Forbidden, denied.StatusCode);
        Assert.Equal($"permission denied: repositories, create, {repo}, sub: bob", (await ServerHarness.JsonAsync(denied))["message"]!.ToString());

        using var alice = harness.As("alice");
        var created = await ServerHarness.SendJsonAsync(alice, HttpMethod.Post, "api/v1/repositories", body);
        var createdText = await created.Content.ReadAsStringAsync();
        Assert.True(created.StatusCode == HttpStatusCode.OK, createdText);
        Assert.DoesNotContain(Password, createdText, StringComparison.Ordinal);
        Assert.Equal(repo, JsonNode.Parse(createdText)!["repo"]!.ToString());

        var secret = Assert.Single(await SecretsAsync());
        Assert.Equal(repo, Data(secret, "url"));
        Assert.Equal("git", Data(secret, "type"));
        Assert.Equal("creds", Data(secret, "name"));
        Assert.Equal("deploy", Data(secret, "username"));
        Assert.Equal(Password, Data(secret, "password"));

        foreach (var path in new[] { "api/v1/repositories", $"api/v1/repositories/{Uri.EscapeDataString(repo)}" })
        {
            var response = await bob.GetAsync(path);
            var text = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.OK, text);
            Assert.DoesNotContain(Password, text, StringComparison.Ordinal);
            var item = path.EndsWith("repositories", StringComparison.Ordinal) ? JsonNode.Parse(text)!["items"]![0]! : JsonNode.Parse(text)!;
            Assert.Equal("deploy", item["username"]!.ToString());
            Assert.Null(item["password"]);
            Assert.Equal("Successful", item["connectionState"]!["status"]!.ToString());
        }

        var refs = await ServerHarness.JsonAsync(await bob.GetAsync($"api/v1/repositories/{Uri.EscapeDataString(repo)}/refs"));
        Assert.Equal(["main"], refs["branches"]!.AsArray().Select(b => b!.ToString()));

        // Same again: as it is; different: needs upsert.
        Assert.Equal(HttpStatusCode.OK, (await ServerHarness.SendJsonAsync(alice, HttpMethod.Post, "api/v1/repositories", body)).StatusCode);
        var renamed = body.Replace("\"creds\"", "\"renamed\"", StringComparison.Ordinal);
        var different = await ServerHarness.SendJsonAsync(alice, HttpMethod.Post, "api/v1/repositories", renamed);
        Assert.Equal(HttpStatusCode.BadRequest, different.StatusCode);
        Assert.StartsWith("existing repository spec is different; use upsert flag", (await ServerHarness.JsonAsync(different))["message"]!.ToString(), StringComparison.Ordinal);
        var upserted = await ServerHarness.SendJsonAsync(alice, HttpMethod.Post, "api/v1/repositories?upsert=true", renamed);
        Assert.Equal(HttpStatusCode.OK, upserted.StatusCode);
        Assert.Equal("renamed", Data(Assert.Single(await SecretsAsync()), "name"));

        Assert.Equal(HttpStatusCode.Forbidden, (await ServerHarness.SendJsonAsync(bob, HttpMethod.Delete, $"api/v1/repositories/{Uri.EscapeDataString(repo)}", null)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await ServerHarness.SendJsonAsync(alice, HttpMethod.Delete, $"api/v1/repositories/{Uri.EscapeDataString(repo)}", null)).StatusCode);
        Assert.Empty(await SecretsAsync());
        Assert.Equal(HttpStatusCode.Forbidden, (await alice.GetAsync($"api/v1/repositories/{Uri.EscapeDataString(repo)}")).StatusCode);
    }

    [Fact]
    public async Task A_repository_that_cannot_be_reached_is_refused_unless_project_scoped_where_it_shows_Failed()
    {
        var missing = Path.Combine(harness.Dir, "no-such-repo");
        using var admin = harness.As("admin");
        var refused = await ServerHarness.SendJsonAsync(admin, HttpMethod.Post, "api/v1/repositories",
            new JsonObject { ["repo"] = missing, ["username"] = "u", ["password"] = Password }.ToJsonString());
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var message = (await ServerHarness.JsonAsync(refused))["message"]!.ToString();
        Assert.StartsWith("Unable to connect to repository", message, StringComparison.Ordinal);
        Assert.DoesNotContain(Password, message, StringComparison.Ordinal);
        Assert.Empty(await SecretsAsync());

        var scoped = await ServerHarness.SendJsonAsync(admin, HttpMethod.Post, "api/v1/repositories",
            new JsonObject { ["repo"] = missing, ["project"] = "default", ["password"] = Password }.ToJsonString());
        Assert.True(scoped.StatusCode == HttpStatusCode.OK, await scoped.Content.ReadAsStringAsync());
        using var bob = harness.As("bob");
        var listed = await bob.GetAsync("api/v1/repositories");
        var text = await listed.Content.ReadAsStringAsync();
        Assert.DoesNotContain(Password, text, StringComparison.Ordinal);
        var item = Assert.Single(JsonNode.Parse(text)!["items"]!.AsArray())!;
        Assert.Equal("default", item["project"]!.ToString());
        Assert.Equal("Failed", item["connectionState"]!["status"]!.ToString());
        Assert.Contains("repository not found", item["connectionState"]!["message"]!.ToString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await ServerHarness.SendJsonAsync(admin, HttpMethod.Delete, $"api/v1/repositories/{Uri.EscapeDataString(missing)}", null)).StatusCode);
        Assert.Empty(await SecretsAsync());
    }

    [Fact]
    public async Task A_malformed_repository_is_a_400_naming_the_fields()
    {
        using var admin = harness.As("admin");
        var response = await ServerHarness.SendJsonAsync(admin, HttpMethod.Post, "api/v1/repositories", """{"type":"helm","insecure":"yes","project":"a/b"}""");
        await ArgoAssert.BadRequestAsync(response, "repo.repo: the repository URL is required", "repo.type 'helm'", "repo.insecure: must be true or false", "repo.project");
        var embedded = await ServerHarness.SendJsonAsync(admin, HttpMethod.Post, "api/v1/repositories", $$"""{"repo":"https://u:{{Password}}@example.com/x.git"}""");
        Assert.Equal(HttpStatusCode.BadRequest, embedded.StatusCode);
        Assert.DoesNotContain(Password, await embedded.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Empty(await SecretsAsync());
    }

    private async Task<IReadOnlyList<JsonObject>> SecretsAsync() =>
        (await harness.Client.ListAsync((await harness.Client.FindAsync("v1", "Secret"))!, "argocd", "argocd.argoproj.io/secret-type=repository")).Items;

    private static string Data(JsonObject secret, string key) => Encoding.UTF8.GetString(Convert.FromBase64String(secret["data"]![key]!.ToString()));
}
