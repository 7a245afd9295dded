namespace Keelson.Engine.Tests.Lua;

/// <summary>A clock stopped at one instant, so that scripts reading os.time() and os.date() give the same answer every run.</summary>
internal sealed class FixedTime(DateTimeOffset now) : TimeProvider
{
    public static FixedTime Fixtures { get; } = new(new DateTimeOffset(2025, 3, 4, 5, 6, 7, TimeSpan.Zero));

    public override DateTimeOffset GetUtcNow() => now;
}
