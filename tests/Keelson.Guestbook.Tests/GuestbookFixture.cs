using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace Keelson.Guestbook.Tests;

/// <summary>A Redis master, a replica of it, and the guestbook in-process on a free port.</summary>
public sealed class GuestbookFixture : IAsyncDisposable
{
    private GuestbookFixture(RedisServer master, RedisServer replica, WebApplication app, HttpClient client)
    {
        Master = master;
        Replica = replica;
        App = app;
        Client = client;
    }

    public RedisServer Master { get; }
    public RedisServer Replica { get; }
    public WebApplication App { get; }
    public HttpClient Client { get; }

    public static async Task<GuestbookFixture> StartAsync(params string[] extraArguments)
    {
        // No diskless-sync delay: the replica links in milliseconds instead of five seconds.
        var master = await RedisServer.StartAsync("--repl-diskless-sync-delay", "0");
        var replica = await RedisServer.StartAsync("--replicaof", "127.0.0.1", master.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--replica-read-only", "no", "--enable-debug-command", "yes");
        await replica.WaitForReplicationAsync();
        var app = GuestbookApp.Build([
            "--urls", "http://127.0.0.1:0",
            "--REDIS_MASTER_HOST", "127.0.0.1", "--REDIS_MASTER_PORT", master.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--REDIS_REPLICA_HOST", "127.0.0.1", "--REDIS_REPLICA_PORT", replica.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--Logging:LogLevel:Default", "Warning",
            .. extraArguments]);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = new Uri(address) };
        return new GuestbookFixture(master, replica, app, client);
    }

    public async Task<JsonElement> GetJsonAsync(string path, int expectedStatus = 200)
    {
        using var response = await Client.GetAsync(new Uri(path, UriKind.Relative));
        Assert.Equal(expectedStatus, (int)response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    public async Task<(int Status, JsonElement Body)> PostMessageAsync(string message)
    {
        using var response = await Client.PostAsJsonAsync(new Uri("/api/messages", UriKind.Relative), new { message });
        return ((int)response.StatusCode, await response.Content.ReadFromJsonAsync<JsonElement>());
    }

    public async Task<string[]> MessagesAsync()
    {
        var body = await GetJsonAsync("/api/messages");
        return body.GetProperty("messages").EnumerateArray().Select(m => m.GetString()!).ToArray();
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await App.StopAsync();
        await App.DisposeAsync();
        await Replica.DisposeAsync();
        await Master.DisposeAsync();
    }
}
