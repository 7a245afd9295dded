using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Keelson.Engine.Kube;
using Microsoft.Playwright;

namespace Keelson.Ui.Tests;

[CollectionDefinition(Name)]
public sealed class LabCollection : ICollectionFixture<LabFixture>
{
    public const string Name = "the web UI against keelson up";
}

/// <summary>
/// One lab for every browser test, started as a newcomer starts it: the real `keelson up` program (embedded cluster,
/// the seeded Git repository, the engine, the server and its UI) in its own data directory and HOME, on free ports;
/// and one headless Debian Chromium driven by Playwright. The seed's accounts (alice, bob, carol) get passwords
/// through the API, as an admin would set them.
/// </summary>
public sealed partial class LabFixture : IAsyncLifetime
{
    private Process? _up;
    private readonly StringBuilder _output = new();
    private IPlaywright? _playwright;

    public string Dir { get; } = Directory.CreateTempSubdirectory("keelson-ui-").FullName;

    public string Data => Path.Combine(Dir, "data");

    /// <summary>The seeded Git repository the lab's Applications track.</summary>
    public string Repo => Path.Combine(Data, "repo");

    public string Kubeconfig => Path.Combine(Dir, "kubeconfig");

    public Uri BaseUrl { get; private set; } = null!;

    public KubeClient Client { get; private set; } = null!;

    public IBrowser Browser { get; private set; } = null!;

    public string AdminPassword { get; private set; } = "";

    public static string PasswordOf(string account) => $"{account}-secret-1";

    public string Password(string account) => account == "admin" ? AdminPassword : PasswordOf(account);

    public string Output
    {
        get { lock (_output) return _output.ToString(); }
    }

    public async Task InitializeAsync()
    {
        var home = Path.Combine(Dir, "home");
        Directory.CreateDirectory(home);
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { Path.Combine(AppContext.BaseDirectory, "keelson.dll"), "up", "--data", Data, "--port", "0", "--server-port", "0", "--kubeconfig", Kubeconfig })
            info.ArgumentList.Add(a);
        info.Environment["HOME"] = home;
        info.Environment["NO_COLOR"] = "1";
        _up = Process.Start(info)!;
        _up.OutputDataReceived += (_, e) => { lock (_output) _output.AppendLine(e.Data); };
        _up.ErrorDataReceived += (_, e) => { lock (_output) _output.AppendLine(e.Data); };
        _up.BeginOutputReadLine();
        _up.BeginErrorReadLine();
        await WaitForOutputAsync("Keelson is up:", TimeSpan.FromMinutes(3));
        BaseUrl = new Uri(ServerUrl().Match(Output).Groups[1].Value.TrimEnd('/') + "/");
        Client = KubeClient.FromKubeconfig(Kubeconfig);
        var secret = (await Client.GetAsync("v1", "Secret", "argocd", "argocd-initial-admin-secret"))!["data"]!["password"]!.ToString();
        AdminPassword = Encoding.UTF8.GetString(Convert.FromBase64String(secret));

        using var admin = await ApiAsync("admin");
        foreach (var account in new[] { "alice", "bob", "carol" })
        {
            var body = new JsonObject { ["name"] = account, ["currentPassword"] = AdminPassword, ["newPassword"] = PasswordOf(account) };
            var set = await admin.SendAsync(Json(HttpMethod.Put, "api/v1/account/password", body));
            if (!set.IsSuccessStatusCode) throw new InvalidOperationException($"setting {account}'s password: {await set.Content.ReadAsStringAsync()}");
        }

        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            // This machine's network is closed: Chromium's own background connections are refused, so turn them off.
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
    }

    [GeneratedRegex(@"Web UI and API server \(Argo CD's REST API\) at (https://\S+)")]
    private static partial Regex ServerUrl();

    private async Task WaitForOutputAsync(string text, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < timeout)
        {
            if (Output.Contains(text, StringComparison.Ordinal)) return;
            if (_up!.HasExited) throw new InvalidOperationException($"keelson up exited with {_up.ExitCode}:\n{Output}");
            await Task.Delay(100);
        }
        throw new TimeoutException($"keelson up did not print \"{text}\" within {timeout}:\n{Output}");
    }

    /// <summary>An HttpClient on the lab's server (its self-signed certificate accepted), logged in as <paramref name="account"/>.</summary>
    public async Task<HttpClient> ApiAsync(string account)
    {
        var handler = new SocketsHttpHandler();
        handler.SslOptions.RemoteCertificateValidationCallback = (_, _, _, _) => true;
        var http = new HttpClient(handler) { BaseAddress = BaseUrl };
        var login = await http.SendAsync(Json(HttpMethod.Post, "api/v1/session", new JsonObject { ["username"] = account, ["password"] = Password(account) }));
        if (!login.IsSuccessStatusCode) throw new InvalidOperationException($"{account} cannot log in: {await login.Content.ReadAsStringAsync()}");
        var token = JsonNode.Parse(await login.Content.ReadAsStringAsync())!["token"]!.ToString();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return http;
    }

    /// <summary>A DELETE with the content type the server's CSRF guard wants on every request that is not a GET (HttpClient.DeleteAsync sends none: 415).</summary>
    public static Task<HttpResponseMessage> DeleteAsync(HttpClient api, string path)
    {
        var content = new StringContent("");
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return api.SendAsync(new HttpRequestMessage(HttpMethod.Delete, path) { Content = content });
    }

    public static HttpRequestMessage Json(HttpMethod method, string path, JsonNode body)
    {
        var content = new StringContent(body.ToJsonString(), Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return new HttpRequestMessage(method, path) { Content = content };
    }

    /// <summary>A fresh browser page (its own cookies), at 1280×720 unless told; console errors are collected in <see cref="UiPage.Errors"/>.</summary>
    public async Task<UiPage> NewPageAsync(int width = 1280, int height = 720)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseUrl.ToString(),
            IgnoreHTTPSErrors = true,
            ViewportSize = new ViewportSize { Width = width, Height = height },
        });
        context.SetDefaultTimeout(15_000);
        var page = await context.NewPageAsync();
        return new UiPage(this, context, page);
    }

    /// <summary>A page already logged in as <paramref name="account"/> (through the login form), at the applications list.</summary>
    public async Task<UiPage> LoggedInAsync(string account, int width = 1280, int height = 720)
    {
        var ui = await NewPageAsync(width, height);
        await ui.LogInAsync(account);
        return ui;
    }

    public async Task DisposeAsync()
    {
        if (_playwright is not null)
        {
            await Browser.CloseAsync();
            _playwright.Dispose();
        }
        Client?.Dispose();
        if (_up is { HasExited: false })
        {
            _up.Kill(entireProcessTree: true);
            await _up.WaitForExitAsync();
        }
        _up?.Dispose();
        try
        {
            Directory.Delete(Dir, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
