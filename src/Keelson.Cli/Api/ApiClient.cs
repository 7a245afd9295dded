using System.Net;
using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using System.Security.Authentication;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Keelson.Cli.App;

namespace Keelson.Cli.Api;

/// <summary>
/// A client of Keelson's (Argo CD's) REST API: JSON requests with the caller's bearer token, HTTPS verified unless
/// <c>insecure</c>. Every failure becomes a <see cref="CliException"/> carrying what the server said — its error
/// <c>message</c> — and, where the user can act, what to do (log in again, pass --insecure, start the server).
/// </summary>
public sealed class ApiClient : IDisposable
{
    private readonly HttpClient _http;

    public ApiClient(string server, string? token, bool insecure, ServerCertificate? trusted = null)
    {
        Server = server;
        BaseAddress = AddressOf(server);
        var handler = new SocketsHttpHandler();
        if (insecure) handler.SslOptions.RemoteCertificateValidationCallback = (_, _, _, _) => true;
        else if (trusted is not null) handler.SslOptions.RemoteCertificateValidationCallback = (_, presented, _, errors) => trusted.Accepts(presented, errors);
        _http = new HttpClient(handler) { BaseAddress = BaseAddress, Timeout = Timeout.InfiniteTimeSpan };
        if (token is { Length: > 0 }) _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
    }

    /// <summary>The server as the user named it (host:port or a URL).</summary>
    public string Server { get; }

    public Uri BaseAddress { get; }

    /// <summary>host:port → https://host:port/; a URL is taken as it is (http:// too).</summary>
    public static Uri AddressOf(string server)
    {
        var text = server.Contains("://", StringComparison.Ordinal) ? server : "https://" + server;
        if (!Uri.TryCreate(text.TrimEnd('/') + "/", UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http"))
            throw new CliException($"'{server}' is not a server address: give HOST:PORT (e.g. 127.0.0.1:8080) or https://HOST:PORT");
        return uri;
    }

    public Task<JsonNode> GetAsync(string path, CancellationToken cancellationToken) => SendAsync(HttpMethod.Get, path, null, cancellationToken);

    /// <summary>Sends a request (a body as JSON, with Content-Type application/json, as the server's CSRF guard wants) and returns the response's JSON ({} when empty).</summary>
    public async Task<JsonNode> SendAsync(HttpMethod method, string path, JsonNode? body, CancellationToken cancellationToken)
    {
        using var response = await ExchangeAsync(method, path, body, HttpCompletionOption.ResponseContentRead, cancellationToken);
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        if (text.Trim().Length == 0) return new JsonObject();
        try
        {
            return JsonNode.Parse(text) ?? new JsonObject();
        }
        catch (JsonException ex)
        {
            throw new CliException($"the server at {Server} answered {method} /{path} with something that is not JSON: {ex.Message}");
        }
    }

    /// <summary>
    /// Reads a stream (newline-delimited JSON, one <c>{"result":…}</c> per line) and yields each result; an
    /// <c>{"error":…}</c> line ends it with the server's message.
    /// </summary>
    public async IAsyncEnumerable<JsonObject> StreamAsync(string path, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var response = await ExchangeAsync(HttpMethod.Get, path, null, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(cancellationToken), Encoding.UTF8);
        while (await Read(reader, cancellationToken) is { } line)
        {
            if (line.Trim().Length == 0) continue;
            JsonObject message;
            try
            {
                message = JsonNode.Parse(line) as JsonObject ?? [];
            }
            catch (JsonException ex)
            {
                throw new CliException($"the server at {Server} sent a stream line that is not JSON: {ex.Message}");
            }
            if (message["error"] is JsonObject error)
                throw Refusal((int?)error["http_code"]?.GetValue<int>() ?? 500, error["message"]?.ToString() ?? error.ToJsonString(), path);
            if (message["result"] is JsonObject result) yield return result;
        }
    }

    private async Task<string?> Read(StreamReader reader, CancellationToken cancellationToken)
    {
        try
        {
            return await reader.ReadLineAsync(cancellationToken);
        }
        catch (IOException ex)
        {
            throw new CliException($"the connection to the server at {Server} broke: {ex.Message}");
        }
    }

    private async Task<HttpResponseMessage> ExchangeAsync(HttpMethod method, string path, JsonNode? body, HttpCompletionOption completion, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null || method != HttpMethod.Get)
        {
            request.Content = new StringContent(body?.ToJsonString() ?? "", Encoding.UTF8);
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        }
        HttpResponseMessage response;
        try
        {
            response = await _http.SendAsync(request, completion, cancellationToken);
        }
        catch (HttpRequestException ex) when (ex.InnerException is AuthenticationException)
        {
            throw new CliException($"the server's certificate is not trusted: pass --insecure to skip verification (Keelson's server uses a self-signed certificate), --server-crt FILE to trust the certificate in that PEM file, or have {Server} serve one your system trusts ({ex.InnerException.Message})");
        }
        catch (HttpRequestException ex)
        {
            throw new CliException($"cannot connect to the server at {Server}: {ex.Message}. Is it running (`keelson server`, `keelson up`)?");
        }
        if (response.IsSuccessStatusCode) return response;
        using (response)
        {
            var text = await response.Content.ReadAsStringAsync(cancellationToken);
            string? message = null;
            try
            {
                message = (JsonNode.Parse(text) as JsonObject)?["message"]?.ToString();
            }
            catch (JsonException)
            {
                // Not Argo's error shape: said below by status.
            }
            if (message is null && response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.MethodNotAllowed or HttpStatusCode.NotImplemented)
                throw new CliException($"the server at {Server} does not serve {method} /{Path(path)} ({(int)response.StatusCode}): it may be older than this keelson");
            throw Refusal((int)response.StatusCode, message is { Length: > 0 } m ? m : $"{(int)response.StatusCode} {response.ReasonPhrase}", path);
        }
    }

    /// <summary>The server's message; a 401 (but a refused login) adds how to get a session.</summary>
    private CliException Refusal(int status, string message, string path) => status == 401 && !path.StartsWith("api/v1/session", StringComparison.Ordinal)
        ? new CliException($"{message}: run `keelson login {Server}` (or pass --auth-token)")
        : new CliException(message);

    private static string Path(string path)
    {
        var query = path.IndexOf('?', StringComparison.Ordinal);
        return query < 0 ? path : path[..query];
    }

    /// <summary>A path segment or query value, escaped.</summary>
    public static string Escape(string value) => Uri.EscapeDataString(value);

    public void Dispose() => _http.Dispose();
}
