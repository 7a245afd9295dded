using Microsoft.Playwright;

namespace Keelson.Ui.Tests;

/// <summary>
/// The README's screenshots are taken by the tests that show those views, when KEELSON_SCREENSHOTS names a folder
/// (`KEELSON_SCREENSHOTS=$PWD/docs/images dotnet test tests/Keelson.Ui.Tests`); otherwise nothing is written.
/// </summary>
public static class Screenshots
{
    public static async Task SaveAsync(IPage page, string name)
    {
        if (Environment.GetEnvironmentVariable("KEELSON_SCREENSHOTS") is not { Length: > 0 } dir) return;
        Directory.CreateDirectory(dir);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(dir, name + ".png") });
    }
}
