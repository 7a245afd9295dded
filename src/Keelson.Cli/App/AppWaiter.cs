using System.Diagnostics;
using System.Text.Json.Nodes;

namespace Keelson.Cli.App;

/// <summary>
/// Waits for an Application to reach a state, with a deadline whose message says what was awaited. Through the API
/// server it follows the Application's watch stream (<see cref="ServerBackend.WatchAsync"/>), as `argocd app wait`
/// does; through a kubeconfig, or when the stream fails, it reads the Application every <see cref="Interval"/>.
/// </summary>
public static class AppWaiter
{
    public static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(200);

    /// <summary>
    /// Returns the Application once <paramref name="done"/> holds. <paramref name="timeout"/> null or zero waits for
    /// ever; past it, a <see cref="CliException"/> names <paramref name="what"/> and the current state.
    /// </summary>
    public static async Task<JsonObject> UntilAsync(IAppBackend session, string name, Func<JsonObject, bool> done, string what,
        TimeSpan? timeout, Action<string>? progress, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var limit = timeout is { } t && t > TimeSpan.Zero ? t : (TimeSpan?)null;
        // One read first: it says whether the Application exists (the stream would just stay silent) and may already be done.
        var app = await session.GetAsync(name, cancellationToken);
        if (done(app)) return app;
        progress?.Invoke($"{name}: {AppView.State(app)}");
        if (session is ServerBackend server)
        {
            var (reached, last) = await FollowAsync(server, name, done, what, limit, clock, app, progress, cancellationToken);
            if (reached is not null) return reached;
            app = last;
        }
        while (true)
        {
            if (limit is { } l && clock.Elapsed >= l) throw TimedOut(name, what, l, app);
            await Task.Delay(Interval, cancellationToken);
            app = await session.GetAsync(name, cancellationToken);
            if (done(app)) return app;
            progress?.Invoke($"{name}: {AppView.State(app)}");
        }
    }

    /// <summary>
    /// Follows the stream until <paramref name="done"/> holds (Reached) or the deadline passes (a timeout error); when
    /// the stream fails or ends, Reached is null and Last the latest state seen, for the caller to poll from.
    /// </summary>
    private static async Task<(JsonObject? Reached, JsonObject Last)> FollowAsync(ServerBackend server, string name, Func<JsonObject, bool> done, string what,
        TimeSpan? limit, Stopwatch clock, JsonObject last, Action<string>? progress, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        if (limit is { } l) deadline.CancelAfter(l - clock.Elapsed is { Ticks: > 0 } remaining ? remaining : TimeSpan.Zero);
        try
        {
            await foreach (var app in server.WatchAsync(name, deadline.Token))
            {
                last = app;
                if (done(app)) return (app, app);
                progress?.Invoke($"{name}: {AppView.State(app)}");
            }
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw TimedOut(name, what, limit!.Value, last);
        }
        catch (CliException)
        {
            // The stream broke or is not served (an older server): reading the Application again still works.
        }
        return (null, last);
    }

    private static CliException TimedOut(string name, string what, TimeSpan limit, JsonObject app) =>
        new($"timed out after {limit.TotalSeconds:0.#} s waiting for {name} to be {what}; it is now: {AppView.State(app)}");
}
