using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Keelson.Tests.Shared;

/// <summary>
/// A real smart-HTTP git server on 127.0.0.1: <c>git http-backend</c> run as CGI behind an <see cref="HttpListener"/>
/// that demands HTTP Basic authentication when given a user (and serves anyone without one). Serves every repository
/// under <c>projectRoot</c>.
/// </summary>
public sealed class GitHttpServer : IDisposable
{
    private readonly HttpListener listener = new();
    private readonly string projectRoot;
    private readonly string? username;
    private readonly string? password;
    private readonly Task loop;

    public GitHttpServer(string projectRoot, string? username = null, string? password = null)
    {
        this.projectRoot = projectRoot;
        this.username = username;
        this.password = password;
        Port = FreePort();
        listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
        listener.Start();
        loop = Task.Run(AcceptAsync);
    }

    public int Port { get; }

    /// <summary>The user names sent in Authorization headers, accepted or not.</summary>
    public ConcurrentQueue<string> UsersSeen { get; } = new();

    /// <summary>Awaited with the request path before an authorised request is served (to hold a fetch mid-way).</summary>
    public Func<string, Task> BeforeServe { get; set; } = _ => Task.CompletedTask;

    public string UrlFor(string repository) => $"http://127.0.0.1:{Port}/{repository}";

    private async Task AcceptAsync()
    {
        while (listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }
            _ = Task.Run(() => ServeAsync(context));
        }
    }

    private async Task ServeAsync(HttpListenerContext context)
    {
        var response = context.Response;
        try
        {
            if (!Authorized(context.Request))
            {
                response.StatusCode = 401;
                response.AddHeader("WWW-Authenticate", "Basic realm=\"keelson-test\"");
                return;
            }
            await BeforeServe(context.Request.Url!.AbsolutePath);
            await RunBackendAsync(context);
        }
        catch (Exception e)
        {
            response.StatusCode = 500;
            await response.OutputStream.WriteAsync(Encoding.UTF8.GetBytes(e.ToString()));
        }
        finally
        {
            response.Close();
        }
    }

    private bool Authorized(HttpListenerRequest request)
    {
        if (username is null) return true;
        var header = request.Headers["Authorization"];
        if (header is null || !header.StartsWith("Basic ", StringComparison.Ordinal)) return false;
        var pair = Encoding.UTF8.GetString(Convert.FromBase64String(header["Basic ".Length..]));
        var colon = pair.IndexOf(':', StringComparison.Ordinal);
        UsersSeen.Enqueue(pair[..colon]);
        return pair[..colon] == username && pair[(colon + 1)..] == password;
    }

    private async Task RunBackendAsync(HttpListenerContext context)
    {
        var request = context.Request;
        using var body = new MemoryStream();
        await request.InputStream.CopyToAsync(body);

        var start = new ProcessStartInfo("git", "http-backend")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["GIT_PROJECT_ROOT"] = projectRoot;
        start.Environment["GIT_HTTP_EXPORT_ALL"] = "1";
        start.Environment["REQUEST_METHOD"] = request.HttpMethod;
        start.Environment["PATH_INFO"] = request.Url!.AbsolutePath;
        start.Environment["QUERY_STRING"] = request.Url.Query.TrimStart('?');
        start.Environment["CONTENT_TYPE"] = request.ContentType ?? "";
        start.Environment["CONTENT_LENGTH"] = body.Length.ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["REMOTE_USER"] = username ?? "anonymous";
        start.Environment["REMOTE_ADDR"] = "127.0.0.1";
        if (request.Headers["Content-Encoding"] is { } encoding) start.Environment["HTTP_CONTENT_ENCODING"] = encoding;
        if (request.Headers["Git-Protocol"] is { } protocol) start.Environment["GIT_PROTOCOL"] = protocol;

        using var process = Process.Start(start)!;
        using var output = new MemoryStream();
        var reading = process.StandardOutput.BaseStream.CopyToAsync(output);
        var draining = process.StandardError.ReadToEndAsync();
        body.Position = 0;
        await body.CopyToAsync(process.StandardInput.BaseStream);
        process.StandardInput.Close();
        await reading;
        await draining;
        await process.WaitForExitAsync();

        WriteCgiResponse(output.ToArray(), context.Response);
    }

    // CGI output: header lines, a blank line, then the body.
    private static void WriteCgiResponse(byte[] cgi, HttpListenerResponse response)
    {
        var end = IndexOf(cgi, "\r\n\r\n"u8, out var separator);
        var headers = Encoding.ASCII.GetString(cgi, 0, end).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        foreach (var line in headers.Select(l => l.TrimEnd('\r')))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            var (name, value) = (line[..colon], line[(colon + 1)..].Trim());
            if (name.Equals("Status", StringComparison.OrdinalIgnoreCase)) response.StatusCode = int.Parse(value[..3], System.Globalization.CultureInfo.InvariantCulture);
            else if (name.Equals("Content-Type", StringComparison.OrdinalIgnoreCase)) response.ContentType = value;
            else response.AddHeader(name, value);
        }
        var payload = cgi.AsSpan(end + separator);
        response.ContentLength64 = payload.Length;
        response.OutputStream.Write(payload);
    }

    private static int IndexOf(byte[] data, ReadOnlySpan<byte> crlf, out int separatorLength)
    {
        var i = data.AsSpan().IndexOf(crlf);
        if (i >= 0)
        {
            separatorLength = crlf.Length;
            return i;
        }
        separatorLength = 2;
        return data.AsSpan().IndexOf("\n\n"u8);
    }

    private static int FreePort()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return port;
    }

    public void Dispose()
    {
        listener.Stop();
        listener.Close();
        loop.Wait(TimeSpan.FromSeconds(5));
    }
}
