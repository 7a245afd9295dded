using System.CommandLine;
using Keelson.Engine.Kube;
using Keelson.Server;

namespace Keelson.Cli;

/// <summary>
/// `keelson server`: Argo CD's REST API (sessions, accounts, RBAC, applications, streams, webhooks) over HTTPS, against
/// the control cluster a kubeconfig names — beside `keelson controller`, which does the syncing.
/// </summary>
public static class ServerCommand
{
    public static Command Create()
    {
        var kubeconfig = new Option<string?>("--kubeconfig") { Description = KubeconfigMerge.OptionDescription };
        var context = new Option<string?>("--context") { Description = "The kubeconfig context (default: its current context)." };
        var port = new Option<int>("--port") { Description = "HTTPS port on 127.0.0.1 (0 picks a free port).", DefaultValueFactory = _ => 8080 };
        var ns = new Option<string>("--namespace", "-n") { Description = "The control namespace (Applications, argocd-cm, argocd-secret).", DefaultValueFactory = _ => "argocd" };
        var command = new Command("server", "Serve Argo CD's REST API over HTTPS against the control cluster, until Ctrl+C.") { kubeconfig, context, port, ns };
        command.SetAction(async (parse, cancellationToken) =>
        {
            string path;
            try
            {
                path = KubeconfigMerge.Require(parse.GetValue(kubeconfig));
            }
            catch (App.CliException ex)
            {
                await Console.Error.WriteLineAsync($"keelson: {ex.Message}");
                return 1;
            }
            using var control = KubeClient.FromKubeconfig(path, parse.GetValue(context));
            KeelsonServer server;
            try
            {
                server = await StartAsync(control, parse.GetValue(port), parse.GetValue(ns)!, cancellationToken);
            }
            catch (IOException ex)
            {
                await Console.Error.WriteLineAsync($"keelson: cannot start the server: {ex.Message} (port {parse.GetValue(port)} is taken? try --port 0)");
                return 1;
            }
            await using (server)
            {
                Console.WriteLine($"Keelson server at {PublicUrl(server)} (the web UI, and Argo CD's REST API under /api/v1; control cluster {control.Server})");
                Console.WriteLine($"Log in as admin; the password: {CliInvocation.Command} admin initial-password");
                Console.WriteLine("Press Ctrl+C to stop.");
                try
                {
                    await Task.Delay(Timeout.Infinite, cancellationToken);
                }
                catch (OperationCanceledException)
                {
                    Console.WriteLine("Stopping.");
                }
            }
            return 130;
        });
        return command;
    }

    /// <summary>Starts the server on 127.0.0.1 (shared by `keelson server` and `keelson up`).</summary>
    public static Task<KeelsonServer> StartAsync(KubeClient control, int port, string controlNamespace, CancellationToken cancellationToken) =>
        KeelsonServer.StartAsync(control, new ServerOptions { Port = port, ControlNamespace = controlNamespace }, cancellationToken: cancellationToken);

    /// <summary>The URL to give a person: localhost (the certificate names it) and the port.</summary>
    public static string PublicUrl(KeelsonServer server) => $"https://localhost:{server.BaseAddress.Port}";
}
