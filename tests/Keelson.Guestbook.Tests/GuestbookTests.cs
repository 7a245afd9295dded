using System.Net;
using System.Text.Json;

namespace Keelson.Guestbook.Tests;

public sealed class GuestbookTests : IAsyncLifetime
{
    private GuestbookFixture fx = null!;

    public async Task InitializeAsync() => fx = await GuestbookFixture.StartAsync("--GUESTBOOK_MAX_MESSAGE_LENGTH", "200", "--GUESTBOOK_MAX_MESSAGES", "5");

    public async Task DisposeAsync() => await fx.DisposeAsync();

    [Fact]
    public async Task Messages_round_trip_through_the_json_api()
    {
        var (status, body) = await fx.PostMessageAsync("hello");
        Assert.Equal(201, status);
        Assert.Equal("hello", body.GetProperty("message").GetString());
        await fx.PostMessageAsync("world");

        await WaitForReplicaAsync(2);
        Assert.Equal(["hello", "world"], await fx.MessagesAsync());
    }

    [Fact]
    public async Task Classic_contract_sets_and_gets_the_comma_joined_list()
    {
        var set = await fx.GetJsonAsync("/guestbook.php?cmd=set&key=messages&value=" + Uri.EscapeDataString(",one,two"));
        Assert.Equal("Updated", set.GetProperty("message").GetString());
        await WaitForReplicaAsync(2);

        var get = await fx.GetJsonAsync("/guestbook.php?cmd=get&key=messages");
        Assert.Equal("one,two", get.GetProperty("data").GetString());
        Assert.Equal(["one", "two"], await fx.MessagesAsync());
    }

    [Fact]
    public async Task Classic_contract_refuses_unknown_keys_and_commands()
    {
        await fx.GetJsonAsync("/guestbook.php?cmd=get&key=secrets", 400);
        await fx.GetJsonAsync("/guestbook.php?cmd=flushall&key=messages", 400);
    }

    [Fact]
    public async Task Reads_come_from_the_replica()
    {
        await fx.PostMessageAsync("written through the master");
        await WaitForReplicaAsync(1);
        // Written on the replica only (replica-read-only no): the master never sees it.
        await fx.Replica.CommandAsync("RPUSH", "messages", "only on the replica");
        Assert.Equal(1L, await fx.Master.CommandAsync("LLEN", "messages"));

        var body = await fx.GetJsonAsync("/api/messages");
        Assert.Equal("replica", body.GetProperty("source").GetString());
        Assert.Contains("only on the replica", body.GetProperty("messages").EnumerateArray().Select(m => m.GetString()));
        var classic = await fx.GetJsonAsync("/guestbook.php?cmd=get&key=messages");
        Assert.Equal("written through the master,only on the replica", classic.GetProperty("data").GetString());
    }

    [Fact]
    public async Task Master_down_refuses_writes_with_503_while_reads_work()
    {
        await fx.PostMessageAsync("before the outage");
        await WaitForReplicaAsync(1);
        await fx.Master.StopAsync();

        var (status, body) = await fx.PostMessageAsync("during the outage");
        Assert.Equal(503, status);
        Assert.Contains("master", body.GetProperty("error").GetString(), StringComparison.Ordinal);
        var classic = await fx.GetJsonAsync("/guestbook.php?cmd=set&key=messages&value=x", 503);
        Assert.True(classic.TryGetProperty("error", out _));

        Assert.Equal(["before the outage"], await fx.MessagesAsync());
        using var page = await fx.Client.GetAsync(new Uri("/", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("<li>before the outage</li>", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await fx.Client.GetAsync(new Uri("/readyz", UriKind.Relative))).StatusCode);
    }

    [Fact]
    public async Task A_master_that_comes_back_takes_writes_again()
    {
        await fx.Master.StopAsync();
        Assert.Equal(503, (await fx.PostMessageAsync("while down")).Status);

        await fx.Master.RestartAsync();
        // The multiplexer reconnects in the background; until it has, writes still answer 503.
        var deadline = DateTime.UtcNow.AddSeconds(10);
        int status;
        while ((status = (await fx.PostMessageAsync("after the restart")).Status) != 201 && DateTime.UtcNow < deadline)
        {
            Assert.Equal(503, status);
            await Task.Delay(50);
        }
        Assert.True(status == 201, $"writes still answered {status} 10 s after the master came back");
        Assert.Equal(1L, await fx.Master.CommandAsync("LLEN", "messages"));
    }

    [Fact]
    public async Task Replica_down_reads_fall_back_to_the_master()
    {
        await fx.Replica.StopAsync();
        Assert.Equal(201, (await fx.PostMessageAsync("after the replica died")).Status);

        var body = await fx.GetJsonAsync("/api/messages");
        Assert.Equal("master", body.GetProperty("source").GetString());
        Assert.Equal(["after the replica died"], body.GetProperty("messages").EnumerateArray().Select(m => m.GetString()));
    }

    [Fact]
    public async Task Both_down_reads_answer_503_and_readyz_fails_but_healthz_lives()
    {
        await fx.Replica.StopAsync();
        await fx.Master.StopAsync();
        var body = await fx.GetJsonAsync("/api/messages", 503);
        Assert.True(body.TryGetProperty("error", out _));
        var ready = await fx.GetJsonAsync("/readyz", 503);
        Assert.False(ready.GetProperty("ready").GetBoolean());
        using var health = await fx.Client.GetAsync(new Uri("/healthz", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }

    [Fact]
    public async Task Html_in_messages_is_encoded_on_the_page()
    {
        const string hostile = "<script>alert('x')</script><img src=x onerror=alert(1)>";
        Assert.Equal(201, (await fx.PostMessageAsync(hostile)).Status);
        await WaitForReplicaAsync(1);

        var html = await fx.Client.GetStringAsync(new Uri("/", UriKind.Relative));
        Assert.DoesNotContain("<script>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<img", html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_form_adds_a_message_without_javascript()
    {
        using var form = new FormUrlEncodedContent([new("message", "from the form & <b>bold</b>")]);
        using var response = await fx.Client.PostAsync(new Uri("/", UriKind.Relative), form);
        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        Assert.Equal("/", response.Headers.Location?.OriginalString);
        await WaitForReplicaAsync(1);

        var html = await fx.Client.GetStringAsync(new Uri("/", UriKind.Relative));
        Assert.Contains("<form method=\"post\" action=\"/\">", html, StringComparison.Ordinal);
        Assert.Contains("<li>from the form &amp; &lt;b&gt;bold&lt;/b&gt;</li>", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Oversized_empty_and_control_character_messages_are_refused()
    {
        Assert.Equal(413, (await fx.PostMessageAsync(new string('a', 201))).Status);
        Assert.Equal(400, (await fx.PostMessageAsync("   ")).Status);
        Assert.Equal(400, (await fx.PostMessageAsync("bell\u0007")).Status);
        using var notJson = new StringContent("message=hi", System.Text.Encoding.UTF8, "text/plain");
        using var response = await fx.Client.PostAsync(new Uri("/api/messages", UriKind.Relative), notJson);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);

        var longEntry = await fx.GetJsonAsync("/guestbook.php?cmd=set&key=messages&value=" + new string('b', 201), 413);
        Assert.True(longEntry.TryGetProperty("error", out _));
        using var huge = await fx.Client.GetAsync(new Uri("/guestbook.php?cmd=set&key=messages&value=" + new string('c', 300_000), UriKind.Relative));
        Assert.False(huge.IsSuccessStatusCode);
        Assert.Equal(0L, await fx.Master.CommandAsync("LLEN", "messages"));
    }

    [Fact]
    public async Task Message_count_is_bounded()
    {
        await fx.GetJsonAsync("/guestbook.php?cmd=set&key=messages&value=1,2,3,4,5,6", 413);
        for (var i = 1; i <= 7; i++)
        {
            Assert.Equal(201, (await fx.PostMessageAsync($"m{i}")).Status);
        }
        // The oldest are dropped: the guestbook keeps the newest five.
        Assert.Equal(5L, await fx.Master.CommandAsync("LLEN", "messages"));
        await WaitForReplicaAsync(5, first: "m3");
        Assert.Equal(["m3", "m4", "m5", "m6", "m7"], await fx.MessagesAsync());
    }

    [Fact]
    public async Task Metrics_count_requests_errors_and_latency_by_route()
    {
        await fx.PostMessageAsync("counted");
        await fx.GetJsonAsync("/api/messages");
        await fx.GetJsonAsync("/api/messages");
        await fx.PostMessageAsync(new string('x', 500));
        await fx.Master.StopAsync();
        await fx.PostMessageAsync("refused");

        using var response = await fx.Client.GetAsync(new Uri("/metrics", UriKind.Relative));
        Assert.StartsWith("text/plain", response.Content.Headers.ContentType?.ToString(), StringComparison.Ordinal);
        var text = await response.Content.ReadAsStringAsync();
        Assert.Contains("guestbook_http_requests_total{method=\"GET\",route=\"/api/messages\",status=\"200\"} 2\n", text, StringComparison.Ordinal);
        Assert.Contains("guestbook_http_requests_total{method=\"POST\",route=\"/api/messages\",status=\"201\"} 1\n", text, StringComparison.Ordinal);
        Assert.Contains("guestbook_http_request_errors_total{route=\"/api/messages\",status=\"413\"} 1\n", text, StringComparison.Ordinal);
        Assert.Contains("guestbook_http_request_errors_total{route=\"/api/messages\",status=\"503\"} 1\n", text, StringComparison.Ordinal);
        Assert.Contains("guestbook_redis_errors_total{role=\"master\"} 1\n", text, StringComparison.Ordinal);
        Assert.Contains("# TYPE guestbook_http_request_duration_seconds histogram", text, StringComparison.Ordinal);
        Assert.Contains("guestbook_http_request_duration_seconds_count{route=\"/api/messages\"} 5\n", text, StringComparison.Ordinal);
        Assert.Contains("guestbook_http_request_duration_seconds_bucket{route=\"/api/messages\",le=\"+Inf\"} 5\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Shutdown_lets_a_request_in_flight_finish()
    {
        await fx.PostMessageAsync("in flight");
        await WaitForReplicaAsync(1);
        // Hold the replica for a second, so the next read is still running when the host stops.
        var sleep = fx.Replica.CommandAsync("DEBUG", "SLEEP", "1");
        await Task.Delay(100);
        var read = fx.Client.GetAsync(new Uri("/api/messages", UriKind.Relative));
        await Task.Delay(200);
        Assert.False(read.IsCompleted);

        await fx.App.StopAsync();
        using var response = await read;
        await sleep;
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("in flight", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private async Task WaitForReplicaAsync(long count, string? first = null)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (DateTime.UtcNow < deadline)
        {
            if (await fx.Replica.CommandAsync("LLEN", "messages") is long n && n == count
                && (first is null || await fx.Replica.CommandAsync("LINDEX", "messages", "0") is string s && s == first))
            {
                return;
            }
            await Task.Delay(20);
        }
        throw new TimeoutException($"the replica never held {count} messages");
    }
}
