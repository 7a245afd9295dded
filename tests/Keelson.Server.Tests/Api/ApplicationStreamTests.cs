using System.Diagnostics;
using System.Text.Json.Nodes;
using Keelson.Tests.Shared;

namespace Keelson.Server.Tests.Api;

/// <summary>/api/v1/stream/applications: ADDED for every visible app first, then changes as they happen, then DELETED.</summary>
public sealed class ApplicationStreamTests(ServerHarness harness) : IClassFixture<ServerHarness>
{
    [Fact]
    public async Task The_stream_starts_with_ADDED_then_sends_MODIFIED_after_a_refresh_and_DELETED_after_a_delete()
    {
        using var admin = harness.As("admin");
        admin.Timeout = Timeout.InfiniteTimeSpan;
        await harness.Client.ApplyManifestsAsync(harness.App("web-stream", "default", "apps/web/overlays/dev", "web-stream", SampleApp.Manual), "test", "web-stream");
        await harness.WaitForAsync("web-stream", _ => true, "in the server's cache");

        using var response = await admin.GetAsync("api/v1/stream/applications?name=web-stream", HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        var first = await NextAsync(reader);
        Assert.Equal("ADDED", first["result"]!["type"]!.ToString());
        Assert.Equal("web-stream", first["result"]!["application"]!["metadata"]!["name"]!.ToString());

        var refresh = await admin.GetAsync("api/v1/applications/web-stream?refresh=normal");
        Assert.True(refresh.IsSuccessStatusCode, await refresh.Content.ReadAsStringAsync());
        Assert.Null((await ServerHarness.JsonAsync(refresh))["metadata"]!["annotations"]?["argocd.argoproj.io/refresh"]);
        Assert.Equal("MODIFIED", (await NextAsync(reader))["result"]!["type"]!.ToString());

        var deleted = await ServerHarness.SendJsonAsync(admin, HttpMethod.Delete, "api/v1/applications/web-stream?cascade=false", null);
        Assert.True(deleted.IsSuccessStatusCode, await deleted.Content.ReadAsStringAsync());
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var message = await NextAsync(reader);
            if (message["result"]!["type"]!.ToString() == "DELETED") break;
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(20), "no DELETED within 20 s");
        }
    }

    [Fact]
    public async Task The_stream_sends_only_what_the_query_selects()
    {
        using var admin = harness.As("admin");
        admin.Timeout = Timeout.InfiniteTimeSpan;
        using var response = await admin.GetAsync("api/v1/stream/applications?projects=production", HttpCompletionOption.ResponseHeadersRead);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        var first = await NextAsync(reader);
        Assert.Equal("web-prod", first["result"]!["application"]!["metadata"]!["name"]!.ToString());
    }

    [Theory]
    [InlineData("items")]
    [InlineData("result.application")]
    public async Task The_stream_sends_only_the_fields_asked_for_named_as_a_list_or_as_Argo_s_UI_names_them(string prefix)
    {
        using var admin = harness.As("admin");
        admin.Timeout = Timeout.InfiniteTimeSpan;
        var fields = string.Join(",", new[] { "metadata.name", "spec.project", "status.sync.status" }.Select(f => $"{prefix}.{f}"));
        using var response = await admin.GetAsync($"api/v1/stream/applications?name=web-dev&fields={fields}", HttpCompletionOption.ResponseHeadersRead);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        var app = (await NextAsync(reader))["result"]!["application"]!.AsObject();
        Assert.Equal("web-dev", app["metadata"]!["name"]!.ToString());
        Assert.Equal("default", app["spec"]!["project"]!.ToString());
        Assert.Equal(["metadata", "spec", "status"], app.Select(p => p.Key).Order(StringComparer.Ordinal).ToArray());
        Assert.Equal(["project"], app["spec"]!.AsObject().Select(p => p.Key).ToArray());
        Assert.Equal(["sync"], app["status"]!.AsObject().Select(p => p.Key).ToArray());
    }

    [Fact]
    public async Task With_Accept_text_event_stream_messages_are_server_sent_events()
    {
        using var admin = harness.As("admin");
        admin.Timeout = Timeout.InfiniteTimeSpan;
        var request = new HttpRequestMessage(HttpMethod.Get, "api/v1/stream/applications?name=web-dev");
        request.Headers.Accept.ParseAdd("text/event-stream");
        using var response = await admin.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        var line = await reader.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(10));
        Assert.StartsWith("data: {\"result\":{\"type\":\"ADDED\",\"application\":", line, StringComparison.Ordinal);
        Assert.Equal("", await reader.ReadLineAsync());
    }

    private static async Task<JsonObject> NextAsync(StreamReader reader)
    {
        var line = await reader.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(20));
        Assert.NotNull(line);
        return JsonNode.Parse(line)!.AsObject();
    }
}
