using System.Globalization;
using System.Net.Sockets;
using System.Text;

namespace Keelson.Guestbook.Redis;

/// <summary>
/// One short-lived RESP2 connection to one Redis server: connect, send commands, read replies.
/// The guestbook's traffic is a few commands per request, so a connection per operation keeps
/// failure handling trivial (a dead server is noticed on the very next request, no reconnect state).
/// </summary>
public sealed class RespConnection : IAsyncDisposable
{
    private readonly RedisEndpoint endpoint;
    private readonly TcpClient client;
    private readonly NetworkStream stream;
    private readonly TimeSpan timeout;

    private RespConnection(RedisEndpoint endpoint, TcpClient client, TimeSpan timeout)
    {
        this.endpoint = endpoint;
        this.client = client;
        this.timeout = timeout;
        stream = client.GetStream();
    }

    public static async Task<RespConnection> OpenAsync(RedisEndpoint endpoint, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var client = new TcpClient { NoDelay = true };
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        cts.CancelAfter(timeout);
        try
        {
            await client.ConnectAsync(endpoint.Host, endpoint.Port, cts.Token).ConfigureAwait(false);
            return new RespConnection(endpoint, client, timeout);
        }
        catch (Exception e) when (e is SocketException or IOException || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            client.Dispose();
            throw new RedisUnavailableException(endpoint, "connect failed: " + e.Message, e);
        }
    }

    /// <summary>Sends one command and returns its reply: string, long, null, or object?[] for arrays.</summary>
    public async Task<object?> ExecuteAsync(CancellationToken cancellationToken, params string[] arguments)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        cts.CancelAfter(timeout);
        try
        {
            var request = new StringBuilder();
            request.Append('*').Append(arguments.Length.ToString(CultureInfo.InvariantCulture)).Append("\r\n");
            foreach (var argument in arguments)
            {
                request.Append('$').Append(Encoding.UTF8.GetByteCount(argument).ToString(CultureInfo.InvariantCulture)).Append("\r\n")
                    .Append(argument).Append("\r\n");
            }
            await stream.WriteAsync(Encoding.UTF8.GetBytes(request.ToString()), cts.Token).ConfigureAwait(false);
            var reply = await ReadReplyAsync(cts.Token).ConfigureAwait(false);
            if (reply is RedisError error)
            {
                throw new InvalidOperationException($"redis {endpoint}: {arguments[0]} failed: {error.Message}");
            }
            return reply;
        }
        catch (Exception e) when (e is SocketException or IOException || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            throw new RedisUnavailableException(endpoint, $"{arguments[0]} failed: {e.Message}", e);
        }
    }

    private async Task<object?> ReadReplyAsync(CancellationToken cancellationToken)
    {
        var line = await ReadLineAsync(cancellationToken).ConfigureAwait(false);
        var payload = line[1..];
        switch (line[0])
        {
            case '+':
                return payload;
            case '-':
                return new RedisError(payload);
            case ':':
                return long.Parse(payload, CultureInfo.InvariantCulture);
            case '$':
                var length = int.Parse(payload, CultureInfo.InvariantCulture);
                if (length < 0)
                {
                    return null;
                }
                var buffer = new byte[length + 2];
                await stream.ReadExactlyAsync(buffer, cancellationToken).ConfigureAwait(false);
                return Encoding.UTF8.GetString(buffer, 0, length);
            case '*':
                var count = int.Parse(payload, CultureInfo.InvariantCulture);
                if (count < 0)
                {
                    return null;
                }
                var items = new object?[count];
                for (var i = 0; i < count; i++)
                {
                    items[i] = await ReadReplyAsync(cancellationToken).ConfigureAwait(false);
                }
                return items;
            default:
                throw new IOException($"unexpected RESP reply type '{line[0]}'");
        }
    }

    private async Task<string> ReadLineAsync(CancellationToken cancellationToken)
    {
        var bytes = new List<byte>(64);
        var one = new byte[1];
        while (true)
        {
            var read = await stream.ReadAsync(one, cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                throw new IOException("connection closed by server");
            }
            if (one[0] == (byte)'\n' && bytes.Count > 0 && bytes[^1] == (byte)'\r')
            {
                bytes.RemoveAt(bytes.Count - 1);
                if (bytes.Count == 0)
                {
                    throw new IOException("empty RESP line");
                }
                return Encoding.UTF8.GetString(bytes.ToArray());
            }
            bytes.Add(one[0]);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await stream.DisposeAsync().ConfigureAwait(false);
        client.Dispose();
    }

    private sealed record RedisError(string Message);
}
