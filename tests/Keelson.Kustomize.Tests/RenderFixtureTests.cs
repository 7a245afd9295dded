using System.Diagnostics;
using Keelson.Tests.Shared;

namespace Keelson.Kustomize.Tests;

public class RenderFixtureTests
{
    public static TheoryData<string> Cases => Fixtures.Cases();

    [Theory]
    [MemberData(nameof(Cases))]
    public void Render_matches_kustomize_output_byte_for_byte(string name)
    {
        var input = Fixtures.Input(name);
        var expectedError = Fixtures.ExpectedError(name);
        var fullError = Fixtures.ExpectedFullError(name);
        if (expectedError is not null || fullError is not null)
        {
            var error = Assert.Throws<KustomizeException>(() => KustomizeRenderer.RenderYaml(new DiskFileView(), input));
            if (expectedError is not null) Assert.Contains(expectedError, error.Message, StringComparison.Ordinal);
            if (fullError is not null) Assert.Equal(fullError, WithoutKustomizationPrefix(error.Message, input));
            return;
        }
        var expected = Fixtures.ExpectedYaml(name) ?? throw new InvalidOperationException($"{name}: no expected.yaml or expected-error(-full).txt");
        Assert.Equal(expected, KustomizeRenderer.RenderYaml(new DiskFileView(), input));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Stored_expected_output_still_matches_kubectl_kustomize(string name)
    {
        const string kubectl = "/usr/bin/kubectl";
        if (!File.Exists(kubectl)) return;
        var start = new ProcessStartInfo(kubectl, ["kustomize", Fixtures.Input(name)])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        var expectedError = Fixtures.ExpectedError(name);
        var fullError = Fixtures.ExpectedFullError(name);
        if (expectedError is not null || fullError is not null)
        {
            Assert.NotEqual(0, process.ExitCode);
            if (expectedError is not null) Assert.Contains(expectedError, stderr, StringComparison.Ordinal);
            if (fullError is not null) Assert.Equal(fullError, KubectlLog.Error(stderr));
            return;
        }
        Assert.True(process.ExitCode == 0, $"kubectl kustomize failed for {name}: {stderr}");
        Assert.Equal(Fixtures.ExpectedYaml(name), await stdout);
    }

    /// <summary>
    /// Keelson names the kustomization file before an error found in it (kustomize does not); the one relaxation of
    /// the exact comparison.
    /// </summary>
    private static string WithoutKustomizationPrefix(string message, string input)
    {
        foreach (var file in new[] { "kustomization.yaml", "kustomization.yml", "Kustomization" })
        {
            var prefix = Path.Combine(input, file) + ": ";
            if (message.StartsWith(prefix, StringComparison.Ordinal)) return message[prefix.Length..];
        }
        return message;
    }
}
