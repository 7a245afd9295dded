using Microsoft.Playwright;

namespace Keelson.Ui.Tests;

/// <summary>A browser page on the lab, with what its console reported as errors (and any 5xx it was answered).</summary>
public sealed class UiPage : IAsyncDisposable
{
    private readonly LabFixture _lab;
    private readonly List<string> _errors = [];

    public UiPage(LabFixture lab, IBrowserContext context, IPage page)
    {
        _lab = lab;
        Context = context;
        Page = page;
        // Chromium logs every 4xx as "Failed to load resource"; a refused login or a 403 is the UI working, not failing.
        // Script errors count, and so does any 5xx.
        page.Console += (_, message) =>
        {
            if (message.Type == "error" && !message.Text.StartsWith("Failed to load resource", StringComparison.Ordinal)) lock (_errors) _errors.Add(message.Text);
        };
        page.Response += (_, response) =>
        {
            if (response.Status >= 500) lock (_errors) _errors.Add($"{response.Status} from {response.Request.Method} {response.Url}");
        };
        page.PageError += (_, error) => { lock (_errors) _errors.Add(error); };
    }

    public IBrowserContext Context { get; }

    public IPage Page { get; }

    public IReadOnlyList<string> Errors
    {
        get { lock (_errors) return _errors.ToList(); }
    }

    /// <summary>Logs in through the login form and waits for the applications list.</summary>
    public async Task LogInAsync(string account)
    {
        await Page.GotoAsync("/login");
        await Page.GetByLabel("Username").FillAsync(account);
        await Page.GetByLabel("Password").FillAsync(_lab.Password(account));
        await Page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Page.WaitForURLAsync("**/applications");
    }

    /// <summary>Fails with the page's console errors, if it had any (a page that works has none).</summary>
    public void AssertNoConsoleErrors()
    {
        var errors = Errors;
        Assert.True(errors.Count == 0, "console errors:\n" + string.Join("\n", errors));
    }

    public async ValueTask DisposeAsync() => await Context.CloseAsync();
}
