using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using StackExchange.Redis;

namespace Keelson.Guestbook.Tests;

/// <summary>A real redis-server process on a free loopback port, stopped on dispose.</summary>
public sealed class RedisServer : IAsyncDisposable
{
    private readonly ProcessStartInfo start;
    private readonly string directory;
    private Process? process;
    private ConnectionMultiplexer? connection;

    private RedisServer(ProcessStartInfo start, int port, string directory)
    {
        this.start = start;
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
        var server = new RedisServer(start, port, directory);
        await server.RestartAsync();
        return server;
    }

    /// <summary>Starts the server (again, after <see cref="StopAsync"/>) on the same port, empty, and waits until it answers.</summary>
    public async Task RestartAsync()
    {
        await StopAsync();
        process?.Dispose();
        process = Process.Start(start) ?? throw new InvalidOperationException("redis-server did not start");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            try
            {
                connection = await ConnectionMultiplexer.ConnectAsync(new ConfigurationOptions
                {
                    EndPoints = { { "127.0.0.1", Port } },
                    // DEBUG and INFO are admin commands to the library.
                    AllowAdmin = true,
                    ConnectRetry = 1,
                    ConnectTimeout = 1000,
                });
                if (await CommandAsync("PING") is "PONG")
                {
                    return;
                }
            }
            catch (RedisConnectionException) when (DateTime.UtcNow < deadline)
            {
            }
            await Task.Delay(20);
        }
    }

    /// <summary>Sends one command; the reply is a string, a long, null, or object?[] for arrays.</summary>
    public async Task<object?> CommandAsync(string command, params string[] arguments)
    {
        var connection = this.connection ?? throw new InvalidOperationException("redis-server is not running");
        return ToObject(await connection.GetDatabase().ExecuteAsync(command, [.. arguments]));
    }

    private static object? ToObject(RedisResult result) => result.Resp2Type switch
    {
        _ when result.IsNull => null,
        ResultType.Integer => (long)result,
        ResultType.Array => ((RedisResult[])result!).Select(ToObject).ToArray(),
        _ => (string?)result,
    };

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

    /// <summary>Kills the server (SIGKILL, as a crashed pod): clients see their connections drop.</summary>
    public async Task StopAsync()
    {
        if (connection is not null)
        {
            await connection.DisposeAsync();
            connection = null;
        }
        if (process is { HasExited: false })
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        process?.Dispose();
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
