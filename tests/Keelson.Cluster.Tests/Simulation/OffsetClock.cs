namespace Keelson.Cluster.Tests.Simulation;

/// <summary>
/// The system clock moved forward by what a test asks (<see cref="Advance"/>): time flows as usual and can jump.
/// Timers stay real. (Microsoft.Extensions.TimeProvider.Testing is not a dependency of this repository.)
/// </summary>
public sealed class OffsetClock : TimeProvider
{
    private long _offsetTicks;

    public override DateTimeOffset GetUtcNow() => base.GetUtcNow() + TimeSpan.FromTicks(Interlocked.Read(ref _offsetTicks));

    public void Advance(TimeSpan by) => Interlocked.Add(ref _offsetTicks, by.Ticks);
}
