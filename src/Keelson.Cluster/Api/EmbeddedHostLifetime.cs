using Microsoft.Extensions.Hosting;

namespace Keelson.Cluster.Api;

/// <summary>
/// The API server is hosted inside a larger program (the CLI, the tests): it must not take over Ctrl+C or
/// SIGTERM the way the default console lifetime does; its owner decides when to stop it.
/// </summary>
internal sealed class EmbeddedHostLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
