using System.Diagnostics;
using System.Text.Json.Nodes;

namespace Keelson.Cli.App;

/// <summary>Waits for an Application to reach a state, reading it every <see cref="Interval"/>, with a deadline whose message says what was awaited.</summary>
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
        while (true)
        {
            var app = await session.GetAsync(name, cancellationToken);
            if (done(app)) return app;
            progress?.Invoke($"{name}: {AppView.State(app)}");
            if (timeout is { } limit && limit > TimeSpan.Zero && clock.Elapsed >= limit)
                throw new CliException($"timed out after {limit.TotalSeconds:0.#} s waiting for {name} to be {what}; it is now: {AppView.State(app)}");
            await Task.Delay(Interval, cancellationToken);
        }
    }
}
