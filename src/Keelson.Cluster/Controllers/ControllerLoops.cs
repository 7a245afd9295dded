namespace Keelson.Cluster.Controllers;

/// <summary>Runs a controller's loops (watch feeds, workers, tickers) together: when one ends or fails, all stop.</summary>
internal static class ControllerLoops
{
    /// <summary>Returns when <paramref name="cancellationToken"/> is cancelled; rethrows the first loop's failure.</summary>
    public static async Task RunAsync(CancellationToken cancellationToken, params Func<CancellationToken, Task>[] loops)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var tasks = loops.Select(loop => Task.Run(() => loop(stop.Token), CancellationToken.None)).ToList();
        var first = await Task.WhenAny(tasks);
        await stop.CancelAsync();
        try
        {
            await Task.WhenAll(tasks);
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // Stopped with the others.
        }
        if (first.IsFaulted && first.Exception?.InnerException is { } failure and not OperationCanceledException)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(failure);
        }
    }
}
