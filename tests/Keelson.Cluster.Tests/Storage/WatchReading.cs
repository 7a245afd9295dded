using Keelson.Cluster.Storage;

namespace Keelson.Cluster.Tests.Storage;

/// <summary>Reads watch events with a deadline, so a missing event fails the test with a message instead of hanging it.</summary>
public static class WatchReading
{
    public static readonly TimeSpan Deadline = TimeSpan.FromSeconds(10);

    public static async Task<StoreEvent> NextAsync(this IStoreWatch watch, string expected)
    {
        using var timeout = new CancellationTokenSource(Deadline);
        try
        {
            return await watch.Events.ReadAsync(timeout.Token);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
            throw new TimeoutException($"no watch event within {Deadline.TotalSeconds} s; expected {expected}");
        }
    }

    public static async Task<List<StoreEvent>> TakeAsync(this IStoreWatch watch, int count)
    {
        var events = new List<StoreEvent>(count);
        while (events.Count < count)
            events.Add(await watch.NextAsync($"event {events.Count + 1} of {count}"));
        return events;
    }

    /// <summary>Waits until the watch ends and returns the error it ended with (null for a clean end).</summary>
    public static async Task<Exception?> CompletionAsync(this IStoreWatch watch)
    {
        using var timeout = new CancellationTokenSource(Deadline);
        try
        {
            while (await watch.Events.WaitToReadAsync(timeout.Token))
                watch.Events.TryRead(out _);
            return null;
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
            throw new TimeoutException($"the watch did not end within {Deadline.TotalSeconds} s");
        }
        catch (Exception ex)
        {
            return ex;
        }
    }

    /// <summary>Polls <paramref name="condition"/> until it holds or the deadline passes.</summary>
    public static async Task EventuallyAsync(Func<bool> condition, string expected)
    {
        var deadline = DateTime.UtcNow + Deadline;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"timed out after {Deadline.TotalSeconds} s waiting for: {expected}");
            await Task.Delay(10);
        }
    }
}
