using Keelson.Resources.Serialization;

namespace Keelson.Cli.Tests.Server;

/// <summary>`keelson login`, `logout`, `context` and how a verb finds the server: the login context, or the environment.</summary>
[Collection(ServerCollection.Name)]
public sealed class LoginTests(ServerFixture fixture)
{
    [Fact]
    public async Task Login_needs_insecure_for_the_self_signed_certificate_and_stores_a_0600_context_with_the_token_not_the_password()
    {
        var home = fixture.NewHome();
        var verified = await home.RunAsync(new Dictionary<string, string?>(), fixture.AdminPassword + "\n", "login", fixture.Host, "--username", "admin", "--password-stdin");
        Assert.True(verified.ExitCode != 0, verified.ToString());
        Assert.Contains("the server's certificate is not trusted: pass --insecure", verified.Stderr);
        Assert.False(File.Exists(home.Config));

        var wrong = await home.RunAsync("login", fixture.Host, "--insecure", "--username", "admin", "--password", "not-the-password");
        Assert.True(wrong.ExitCode != 0, wrong.ToString());
        Assert.Contains("Invalid username or password", wrong.Stderr, StringComparison.OrdinalIgnoreCase);

        await home.LoginAsync("admin");
        if (!OperatingSystem.IsWindows()) Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(home.Config));
        var text = File.ReadAllText(home.Config);
        Assert.DoesNotContain(fixture.AdminPassword, text);
        var config = YamlDocuments.Parse(text)[0]!;
        Assert.Equal(fixture.Host, config["current-context"]!.ToString());
        Assert.Equal(fixture.Host, config["contexts"]![0]!["server"]!.ToString());
        Assert.True(config["servers"]![0]!["insecure"]!.GetValue<bool>());
        var token = config["users"]![0]!["auth-token"]!.ToString();
        Assert.Equal(3, token.Split('.').Length);

        // No kubeconfig in this home: the verbs can only have gone through the server.
        var list = await home.RunAsync("app", "list");
        Assert.True(list.ExitCode == 0, list.ToString());
        Assert.Matches(@"web-dev\s+https://kubernetes.default.svc\s+web-dev\s+default", list.Stdout);
        Assert.Matches(@"web-prod\s+https://kubernetes.default.svc\s+web-prod\s+production", list.Stdout);

        var contexts = await home.RunAsync("context");
        Assert.True(contexts.ExitCode == 0, contexts.ToString());
        Assert.Matches($@"\*\s+{System.Text.RegularExpressions.Regex.Escape(fixture.Host)}\s+{System.Text.RegularExpressions.Regex.Escape(fixture.Host)}", contexts.Stdout);
    }

    [Fact]
    public async Task Server_crt_trusts_the_server_s_own_certificate_and_a_different_one_is_still_refused()
    {
        var home = fixture.NewHome();
        var pem = Path.Combine(fixture.Dir, "server.crt");
        await File.WriteAllTextAsync(pem, fixture.Server.Certificate.ExportCertificatePem());
        var login = await home.RunAsync("login", fixture.Host, "--server-crt", pem, "--username", "admin", "--password", fixture.AdminPassword);
        Assert.True(login.ExitCode == 0, login.Stderr);
        var token = YamlDocuments.Parse(File.ReadAllText(home.Config))[0]!["users"]![0]!["auth-token"]!.ToString();
        var list = await home.RunAsync("app", "list", "-o", "name", "--server", fixture.Host, "--auth-token", token, "--server-crt", pem);
        Assert.True(list.ExitCode == 0, list.Stderr);
        Assert.Contains("web-dev", list.Stdout);

        // Another certificate (here: a self-signed one of its own) does not make the server's trusted.
        using var key = System.Security.Cryptography.ECDsa.Create();
        var other = new System.Security.Cryptography.X509Certificates.CertificateRequest("CN=someone-else", key, System.Security.Cryptography.HashAlgorithmName.SHA256)
            .CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        var otherPem = Path.Combine(fixture.Dir, "other.crt");
        await File.WriteAllTextAsync(otherPem, other.ExportCertificatePem());
        var refused = await home.RunAsync("app", "list", "--server", fixture.Host, "--auth-token", token, "--server-crt", otherPem);
        Assert.NotEqual(0, refused.ExitCode);
        Assert.Contains("the server's certificate is not trusted", refused.Stderr);

        var missing = await home.RunAsync("app", "list", "--server", fixture.Host, "--auth-token", token, "--server-crt", Path.Combine(fixture.Dir, "none.crt"));
        Assert.NotEqual(0, missing.ExitCode);
        Assert.Contains("--server-crt", missing.Stderr);
    }

    [Fact]
    public async Task Logout_ends_the_session_and_removes_the_token_so_the_next_verb_says_to_log_in()
    {
        var home = fixture.NewHome();
        await home.LoginAsync("alice", "--name", "local");
        var token = YamlDocuments.Parse(File.ReadAllText(home.Config))[0]!["users"]![0]!["auth-token"]!.ToString();

        var logout = await home.RunAsync("logout");
        Assert.True(logout.ExitCode == 0, logout.ToString());
        Assert.Contains("Logged out from 'local'", logout.Stdout);
        Assert.DoesNotContain(token, File.ReadAllText(home.Config));

        var list = await home.RunAsync("app", "list");
        Assert.True(list.ExitCode != 0, list.ToString());
        Assert.Contains($"not logged in to {fixture.Host}: run `keelson login {fixture.Host}`", list.Stderr);

        // The server revoked the session too: the old token is refused, and the message says how to get a new one.
        var revoked = await home.RunAsync("app", "list", "--server", fixture.Host, "--auth-token", token, "--insecure");
        Assert.True(revoked.ExitCode != 0, revoked.ToString());
        Assert.Contains($"run `keelson login {fixture.Host}`", revoked.Stderr);
    }

    [Fact]
    public async Task Argo_environment_variables_name_the_server_and_token_without_a_login_context()
    {
        var home = fixture.NewHome();
        var token = await fixture.TokenAsync("carol");
        var env = new Dictionary<string, string?> { ["ARGOCD_SERVER"] = fixture.Host, ["ARGOCD_AUTH_TOKEN"] = token };

        var list = await home.RunAsync(env, null, "app", "list", "-o", "name", "--insecure");
        Assert.True(list.ExitCode == 0, list.ToString());
        Assert.Equal(["web-dev", "web-prod"], list.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.False(File.Exists(home.Config));

        var canI = await home.RunAsync(env, null, "account", "can-i", "sync", "applications", "production/web-prod", "--insecure");
        Assert.True(canI.ExitCode == 0, canI.ToString());
        Assert.Equal("yes", canI.Stdout.Trim());

        var keelsonEnv = new Dictionary<string, string?> { ["KEELSON_SERVER"] = fixture.Host, ["KEELSON_AUTH_TOKEN"] = "not-a-jwt" };
        var bad = await home.RunAsync(keelsonEnv, null, "app", "list", "--insecure");
        Assert.True(bad.ExitCode != 0, bad.ToString());
        Assert.Contains($"run `keelson login {fixture.Host}`", bad.Stderr);

        var noToken = await home.RunAsync(new Dictionary<string, string?> { ["ARGOCD_SERVER"] = fixture.Host }, null, "app", "list", "--insecure");
        Assert.True(noToken.ExitCode != 0, noToken.ToString());
        Assert.Contains($"not logged in to {fixture.Host}", noToken.Stderr);
    }

    [Fact]
    public async Task Kubeconfig_or_core_forces_kubeconfig_mode_even_with_a_login_context()
    {
        var home = fixture.NewHome();
        await home.LoginAsync("bob");

        var kube = await home.RunAsync("app", "list", "-o", "name", "--kubeconfig", fixture.Kubeconfig);
        Assert.True(kube.ExitCode == 0, kube.ToString());
        Assert.Equal(["web-dev", "web-prod"], kube.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries));

        // --core with no kubeconfig in this home: kubeconfig mode, which says there is none.
        var core = await home.RunAsync("app", "list", "--core");
        Assert.True(core.ExitCode != 0, core.ToString());
        Assert.Contains("no kubeconfig at", core.Stderr);

        var logs = await home.RunAsync("app", "logs", "web-dev", "--kubeconfig", fixture.Kubeconfig);
        Assert.True(logs.ExitCode != 0, logs.ToString());
        Assert.Contains("`keelson app logs` needs Keelson's API server", logs.Stderr);
    }
}
