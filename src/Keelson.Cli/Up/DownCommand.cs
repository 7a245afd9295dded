using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Keelson.Cluster.Storage;

namespace Keelson.Cli.Up;

/// <summary>
/// `keelson down [--purge]`: stops the `keelson up` that owns a data directory (as Ctrl+C in its terminal would) and
/// waits until it has let go; with --purge also removes the data directory and the kubeconfig context it added.
/// </summary>
public static class DownCommand
{
    public static Command Create()
    {
        var data = new Option<string?>("--data") { Description = "The data directory of the `keelson up` to stop (default ~/.keelson/up)." };
        var purge = new Option<bool>("--purge") { Description = "Also remove the data directory (cluster state, Git repository, caches) and the kubeconfig context keelson." };
        var command = new Command("down", "Stop a running `keelson up`; with --purge, remove what it keeps too.") { data, purge };
        command.SetAction((parse, cancellationToken) => RunAsync(new UpData(parse.GetValue(data) ?? UpData.DefaultRoot), parse.GetValue(purge), cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(UpData data, bool purge, CancellationToken cancellationToken)
    {
        if (!Directory.Exists(data.Root))
        {
            Console.WriteLine($"Nothing to do: {data.Root} does not exist.");
            return 0;
        }
        var held = await StopOwnerAsync(data, cancellationToken);
        if (held is null) return 1;
        using (held)
        {
            if (!purge)
            {
                Console.WriteLine($"State kept in {data.Root} (`keelson up` resumes it; `keelson down --purge` removes it).");
                return 0;
            }
            foreach (var line in data.Purge(held)) Console.WriteLine(line[..1].ToUpperInvariant() + line[1..] + ".");
        }
        return 0;
    }

    /// <summary>Takes the data directory, first interrupting and waiting out the process that holds it; null when it does not let go.</summary>
    private static async Task<DataDirectoryLock?> StopOwnerAsync(UpData data, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        var signalled = false;
        while (true)
        {
            try
            {
                var held = data.Lock();
                if (signalled) Console.WriteLine("Stopped.");
                else Console.WriteLine("No `keelson up` is running on " + data.Root + ".");
                return held;
            }
            catch (DataDirectoryInUseException ex) when (ex.Pid is { } pid)
            {
                if (!signalled)
                {
                    Console.WriteLine($"Stopping {ex.Owner ?? "keelson"} (PID {pid})…");
                    if (!await InterruptAsync(pid, cancellationToken))
                    {
                        await Console.Error.WriteLineAsync($"keelson: cannot signal PID {pid} (`kill -INT {pid}` failed)");
                        return null;
                    }
                    signalled = true;
                }
                if (DateTime.UtcNow > deadline)
                {
                    await Console.Error.WriteLineAsync($"keelson: PID {pid} did not stop within 30 s; it still holds {data.Root}");
                    return null;
                }
                await Task.Delay(200, cancellationToken);
            }
            catch (DataDirectoryInUseException ex)
            {
                await Console.Error.WriteLineAsync($"keelson: {ex.Message}, and it does not say which process: stop it by hand");
                return null;
            }
        }
    }

    /// <summary>SIGINT, as Ctrl+C in the owner's terminal: it shuts down cleanly (.NET offers no call that sends it).</summary>
    private static async Task<bool> InterruptAsync(int pid, CancellationToken cancellationToken)
    {
        var info = new ProcessStartInfo("kill") { UseShellExecute = false, RedirectStandardError = true };
        info.ArgumentList.Add("-INT");
        info.ArgumentList.Add(pid.ToString(CultureInfo.InvariantCulture));
        using var kill = Process.Start(info)!;
        await kill.WaitForExitAsync(cancellationToken);
        return kill.ExitCode == 0;
    }
}
