using System.CommandLine;
using Keelson.Cli.App;
using Keelson.Engine.Kube;
using Keelson.Server.Auth;

namespace Keelson.Cli.Admin;

/// <summary>
/// `keelson admin initial-password`: prints the admin password the server generated on its first start, from
/// the <c>argocd-initial-admin-secret</c> Secret of the control namespace, as `argocd admin initial-password -n argocd`
/// does: the password, a blank line, and a reminder to change it and delete the Secret.
/// </summary>
/// <remarks>Exit codes: 0 printed; 1 no such Secret (or no password in it), or the cluster could not be read.</remarks>
public static class InitialPasswordCommand
{
    public static Command Create()
    {
        var kubeconfig = new Option<string?>("--kubeconfig")
        {
            Description = "The kubeconfig of the cluster the server runs against (default: as `keelson app` finds it — $KUBECONFIG, else ~/.kube/config, else ~/.keelson/kubeconfig).",
        };
        var context = new Option<string?>("--context") { Description = "The kubeconfig context (default: its current context)." };
        var ns = new Option<string>("--namespace", "-n") { Description = "The control namespace.", DefaultValueFactory = _ => AuthNames.DefaultNamespace };
        var command = new Command("initial-password", "Print the initial admin password, to log in for the first time.") { kubeconfig, context, ns };
        command.SetAction(async (parse, ct) =>
        {
            var path = parse.GetValue(kubeconfig) ?? KubeconfigMerge.ResolveDefault();
            var namespaceName = parse.GetValue(ns)!;
            try
            {
                if (!File.Exists(path)) throw new CliException($"no kubeconfig at {path}: start a cluster with `keelson up` (or `keelson cluster start`), or pass --kubeconfig PATH");
                using var client = KubeClient.FromKubeconfig(path, parse.GetValue(context));
                var password = await new AuthSettingsStore(client, namespaceName).ReadInitialPasswordAsync(ct)
                    ?? throw new CliException($"no password in secret {namespaceName}/{AuthNames.InitialAdminSecret}: the server writes it on its first start, and it is gone once deleted (reset: delete {AuthNames.AdminPasswordKey} from {AuthNames.Secret} and restart the server)");
                Terminal.Line(password);
                Terminal.Line();
                Terminal.Line($" This password must be only used for first time login. Change it (the UI's User Info page, or PUT /api/v1/account/password), then delete the secret: kubectl -n {namespaceName} delete secret {AuthNames.InitialAdminSecret}");
                return 0;
            }
            catch (CliException ex)
            {
                Terminal.Error($"keelson: {ex.Message}");
                return ex.ExitCode;
            }
            catch (InvalidOperationException ex)
            {
                Terminal.Error($"keelson: cannot read the kubeconfig: {ex.Message}");
                return 1;
            }
            catch (Exception ex) when (ex is KubeApiException or HttpRequestException)
            {
                Terminal.Error($"keelson: cannot read {namespaceName}/{AuthNames.InitialAdminSecret} through {path}: {ex.Message}");
                return 1;
            }
        });
        return command;
    }
}
