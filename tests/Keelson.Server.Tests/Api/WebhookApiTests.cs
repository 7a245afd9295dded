using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Keelson.Tests.Shared;

namespace Keelson.Server.Tests.Api;

/// <summary>POST /api/webhook over real HTTPS: a signed GitHub push refreshes the Applications of that repository and branch only.</summary>
public sealed class WebhookApiTests(ServerHarness harness) : IClassFixture<ServerHarness>
{
    private const string Secret = "webhook-test-secret";

    [Fact]
    public async Task A_signed_push_refreshes_the_matching_app_and_a_forged_one_refreshes_nothing()
    {
        var repo = "https://github.com/keelson-dev/guestbook.git";
        await harness.Client.ApplyManifestsAsync(harness.App("hook-main", "default", "guestbook/overlays/dev", "hook-main", SampleApp.Manual).Replace(harness.Repo, repo, StringComparison.Ordinal), "test", "hook-main");
        await harness.Client.ApplyManifestsAsync(harness.App("hook-other", "default", "guestbook/overlays/dev", "hook-other", SampleApp.Manual).Replace(harness.Repo, repo, StringComparison.Ordinal).Replace("targetRevision: main", "targetRevision: release", StringComparison.Ordinal), "test", "hook-other");
        var secretType = (await harness.Client.FindAsync("v1", "Secret"))!;
        await harness.Client.MergePatchAsync(secretType, "argocd", "argocd-secret", new JsonObject
        {
            ["data"] = new JsonObject { ["webhook.github.secret"] = Convert.ToBase64String(Encoding.UTF8.GetBytes(Secret)) },
        });
        await harness.WaitForAsync("hook-main", _ => true, "cached");
        await harness.WaitForAsync("hook-other", _ => true, "cached");

        using var admin = harness.As("admin");
        admin.Timeout = Timeout.InfiniteTimeSpan;
        using var stream = await admin.GetAsync("api/v1/stream/applications?selector=team%3Dweb", HttpCompletionOption.ResponseHeadersRead);
        var reader = new StreamReader(await stream.Content.ReadAsStreamAsync());
        var refreshed = new HashSet<string>(StringComparer.Ordinal);
        var reading = Task.Run(async () =>
        {
            while (await reader.ReadLineAsync() is { } line)
            {
                var app = JsonNode.Parse(line)!["result"]!["application"]!;
                if (app["metadata"]?["annotations"]?["argocd.argoproj.io/refresh"] is not null)
                    lock (refreshed) refreshed.Add(app["metadata"]!["name"]!.ToString());
            }
        });

        var payload = File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "testdata", "webhooks", "github-push-main", "payload.json"));
        using var anonymous = harness.As(null);
        var forged = await PostAsync(anonymous, payload, "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes("wrong"), payload)));
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Equal("Webhook processing failed", (await forged.Content.ReadAsStringAsync()).Trim());
        await Task.Delay(500);
        lock (refreshed) Assert.Empty(refreshed);

        var signed = await PostAsync(anonymous, payload, "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(Secret), payload)));
        Assert.Equal(HttpStatusCode.OK, signed.StatusCode);
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (DateTime.UtcNow < deadline)
        {
            lock (refreshed) if (refreshed.Contains("hook-main")) break;
            await Task.Delay(50);
        }
        lock (refreshed)
        {
            Assert.Contains("hook-main", refreshed);
            Assert.DoesNotContain("hook-other", refreshed);
            Assert.DoesNotContain("web-dev", refreshed);
        }
    }

    private static Task<HttpResponseMessage> PostAsync(HttpClient http, byte[] payload, string signature)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "api/webhook") { Content = new ByteArrayContent(payload) };
        request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        request.Headers.Add("X-GitHub-Event", "push");
        request.Headers.Add("X-Hub-Signature-256", signature);
        return http.SendAsync(request);
    }
}
