using Keelson.Engine.Reconcile;

namespace Keelson.Engine.Tests.Reconcile;

public sealed class WorkQueueTests
{
    private static async Task<(string Name, DateTimeOffset? RefreshSince)> Take(WorkQueue queue) =>
        await queue.TakeAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(5));

    [Fact]
    public async Task A_name_added_twice_while_waiting_is_taken_once_with_the_earliest_refresh()
    {
        var queue = new WorkQueue(TimeProvider.System);
        queue.Add("a", refresh: false);
        var before = DateTimeOffset.UtcNow;
        queue.Add("a", refresh: true);
        queue.Add("a", refresh: true);
        var (name, since) = await Take(queue);
        Assert.Equal("a", name);
        Assert.NotNull(since);
        Assert.True(since >= before && since <= DateTimeOffset.UtcNow);
        queue.Done("a");
        Assert.Equal(0, queue.Pending);
    }

    [Fact]
    public async Task A_name_added_while_it_is_processed_runs_again_after_Done_and_not_before()
    {
        var queue = new WorkQueue(TimeProvider.System);
        queue.Add("a", refresh: false);
        await Take(queue);
        queue.Add("a", refresh: true);
        queue.Add("b", refresh: false);
        // "b" is free to run; "a" must wait for its current run to finish.
        Assert.Equal("b", (await Take(queue)).Name);
        var next = queue.TakeAsync(CancellationToken.None);
        await Task.Delay(100);
        Assert.False(next.IsCompleted);
        queue.Done("a");
        var (name, since) = await next.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.Equal("a", name);
        Assert.NotNull(since);
    }
}
