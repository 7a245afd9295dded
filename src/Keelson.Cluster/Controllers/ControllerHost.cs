using Microsoft.Extensions.Logging;

namespace Keelson.Cluster.Controllers;

/// <summary>Runs the controllers, restarting one that fails, and stops them all on dispose.</summary>
internal sealed partial class ControllerHost : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Task> _loops = [];
    private readonly ILogger _logger;

    public ControllerHost(ClusterClient client, IEnumerable<IController> controllers, ILogger logger)
    {
        _logger = logger;
        foreach (var controller in controllers) _loops.Add(Task.Run(() => SuperviseAsync(client, controller)));
    }

    private async Task SuperviseAsync(ClusterClient client, IController controller)
    {
        while (!_stop.IsCancellationRequested)
        {
            try
            {
                await controller.RunAsync(client, _stop.Token);
            }
            catch (OperationCanceledException) when (_stop.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                LogRestart(_logger, controller.Name, ex);
            }
            try
            {
                await Task.Delay(TimeSpan.FromMilliseconds(200), _stop.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await Task.WhenAll(_loops);
        _stop.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "controller {Controller} failed and restarts")]
    private static partial void LogRestart(ILogger logger, string controller, Exception exception);
}
