namespace Keelson.Server.Tests.Auth;

/// <summary>A clock that moves only when told, starting at a whole second so token times (whole seconds) compare exactly.</summary>
internal sealed class ManualTime : TimeProvider
{
    private long _ticks = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds()).UtcTicks;

    public override DateTimeOffset GetUtcNow() => new(Interlocked.Read(ref _ticks), TimeSpan.Zero);

    public void Advance(TimeSpan by) => Interlocked.Add(ref _ticks, by.Ticks);
}
