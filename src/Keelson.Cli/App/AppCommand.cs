using System.CommandLine;
using Keelson.Engine.Kube;

namespace Keelson.Cli.App;

/// <summary>
/// `keelson app …`: Argo CD's `argocd app` verbs, through Keelson's API server (with the caller's RBAC) or through the
/// kubeconfig of the cluster the engine runs against (<see cref="IAppBackend"/>; <see cref="AppOptions.Open"/> chooses).
/// </summary>
/// <remarks>Exit codes: 0 success; 1 failure (an error, a failed operation, a timeout; `diff`: differences); 2 `diff` error.</remarks>
public static class AppCommand
{
    public static Command Create()
    {
        var options = new AppOptions();
        var app = new Command("app", "Manage Argo CD Applications: list, get, diff, sync, history, rollback, wait, create, delete, set, logs, resources, manifests, terminate-op, actions.");
        options.AddTo(app);
        app.Subcommands.Add(AppListCommand.Create(options));
        app.Subcommands.Add(AppGetCommand.Create(options));
        app.Subcommands.Add(AppDiffCommand.Create(options));
        app.Subcommands.Add(AppSyncCommand.Create(options));
        app.Subcommands.Add(AppHistoryCommand.Create(options));
        app.Subcommands.Add(AppRollbackCommand.Create(options));
        app.Subcommands.Add(AppWaitCommand.Create(options));
        app.Subcommands.Add(AppCreateCommand.Create(options));
        app.Subcommands.Add(AppDeleteCommand.Create(options));
        app.Subcommands.Add(AppSetCommand.Create(options));
        app.Subcommands.Add(AppLogsCommand.Create(options));
        app.Subcommands.Add(AppResourcesCommand.Create(options));
        app.Subcommands.Add(AppManifestsCommand.Create(options));
        app.Subcommands.Add(AppTerminateOpCommand.Create(options));
        app.Subcommands.Add(AppActionsCommand.Create(options));
        return app;
    }

    /// <summary>
    /// Runs a verb with a session, printing a <see cref="CliException"/> (or an API error) as one line on standard
    /// error and returning its exit code; <paramref name="errorExitCode"/> is the code for errors (`diff` uses 2).
    /// </summary>
    public static async Task<int> RunAsync(ParseResult parse, AppOptions options, Func<IAppBackend, Task<int>> verb, int errorExitCode = 1)
    {
        try
        {
            using var session = options.Open(parse);
            return await verb(session);
        }
        catch (CliException ex)
        {
            Terminal.Error($"keelson: {ex.Message}");
            return ex.ExitCode == 1 ? errorExitCode : ex.ExitCode;
        }
        catch (KubeApiException ex)
        {
            Terminal.Error($"keelson: the API server refused the request ({ex.Reason}): {ex.Message}");
            return errorExitCode;
        }
        catch (OperationCanceledException)
        {
            Terminal.Error("keelson: interrupted");
            return 130;
        }
    }

    /// <summary>The server backend a server-only verb needs; in kubeconfig mode an error saying how to name a server.</summary>
    public static ServerBackend Server(IAppBackend backend, string verb) =>
        backend as ServerBackend ?? throw Api.ApiOptions.NeedsServer(verb);

    public static Option<string> Output(string description, params string[] formats)
    {
        var option = new Option<string>("--output", "-o") { Description = description };
        option.AcceptOnlyFromAmong(formats);
        return option;
    }

    public static Option<double> Timeout(string description, double defaultSeconds = 0) =>
        new("--timeout") { Description = description, DefaultValueFactory = _ => defaultSeconds };

    public static TimeSpan? Seconds(double value) => value > 0 ? TimeSpan.FromSeconds(value) : null;
}
