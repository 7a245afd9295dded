using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Keelson.Guestbook.Redis;

namespace Keelson.Guestbook.Tests;

/// <summary>A real redis-server process on a free loopback port, stopped on dispose.</summary>
public sealed class RedisServer : IAsyncDisposable
{
    private readonly Process process;
    private readonly string directory;

    private RedisServer(Process process, int port, string directory)
    {
        this.process = process;
        this.directory = directory;
        Port = port;
    }

    public int Port { get; }

    public static async Task<RedisServer> StartAsync(params string[] extraArguments)
    {
        var port = FreePort();
        var directory = Directory.CreateTempSubdirectory("guestbook-redis-").FullName;
        var start = new ProcessStartInfo("/usr/bin/redis-server")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = directory,
        };
        foreach (var argument in (string[])["--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture),
                     "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", directory, .. extraArguments])
        {
            start.ArgumentList.Add(argument);
        }
        var process = Process.Start(start) ?? throw new InvalidOperationException("redis-server did not start");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var server = new RedisServer(process, port, directory);
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            try
            {
                if (await server.CommandAsync("PING") is "PONG")
                {
                    return server;
                }
            }
            catch (RedisUnavailableException) when (DateTime.UtcNow < deadline)
            {
            }
            await Task.Delay(20);
        }
    }

    public async Task<object?> CommandAsync(params string[] arguments)
    {
        var connection = await RespConnection.OpenAsync(new RedisEndpoint("test", "127.0.0.1", Port), TimeSpan.FromSeconds(2), CancellationToken.None);
        await using (connection)
        {
            return await connection.ExecuteAsync(CancellationToken.None, arguments);
        }
    }

    /// <summary>Waits until this replica reports its link to the master up.</summary>
    public async Task WaitForReplicationAsync()
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (DateTime.UtcNow < deadline)
        {
            if (await CommandAsync("INFO", "replication") is string info && info.Contains("master_link_status:up", StringComparison.Ordinal))
            {
                return;
            }
            await Task.Delay(50);
        }
        throw new TimeoutException($"replica on {Port} never linked to its master");
    }

    public async Task StopAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        process.Dispose();
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
