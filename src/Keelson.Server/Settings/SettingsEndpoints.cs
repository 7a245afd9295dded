using System.Reflection;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Keelson.Server.Settings;

/// <summary>
/// The two endpoints Argo CD serves without a session: <c>/api/version</c> (capitalised keys, as Argo's VersionMessage
/// is written) and <c>/api/v1/settings</c> (what the UI and CLI need before login).
/// </summary>
public static class SettingsEndpoints
{
    /// <summary>The Argo CD version whose API this server speaks, for clients that check it.</summary>
    public const string ArgoCdVersion = "v3.6.0";

    public static void Map(IEndpointRouteBuilder routes)
    {
        routes.MapGet("/api/version", Version);
        routes.MapGet("/api/v1/settings", (HttpContext context, ServerOptions options) => Results.Content(Settings(context, options).ToJsonString(), "application/json"));
    }

    private static IResult Version()
    {
        var keelson = typeof(SettingsEndpoints).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";
        var body = new JsonObject
        {
            ["Version"] = $"{ArgoCdVersion}+keelson.{keelson.Split('+')[0]}",
            ["BuildDate"] = "",
            ["GitCommit"] = "",
            ["GitTag"] = "",
            ["GitTreeState"] = "",
            ["GoVersion"] = "",
            ["Compiler"] = "dotnet",
            ["Platform"] = $"{(OperatingSystem.IsLinux() ? "linux" : OperatingSystem.IsMacOS() ? "darwin" : "windows")}/{System.Runtime.InteropServices.RuntimeInformation.OSArchitecture.ToString().ToLowerInvariant()}",
            ["KustomizeVersion"] = "v5.5.0 (Keelson native)",
            ["HelmVersion"] = "",
            ["KubectlVersion"] = "",
            ["JsonnetVersion"] = "",
            ["ExtraBuildInfo"] = "Keelson " + keelson,
        };
        return Results.Content(body.ToJsonString(), "application/json");
    }

    private static JsonObject Settings(HttpContext context, ServerOptions options) => new()
    {
        ["url"] = $"{context.Request.Scheme}://{context.Request.Host}",
        ["appLabelKey"] = "app.kubernetes.io/instance",
        ["controllerNamespace"] = options.ControlNamespace,
        ["trackingMethod"] = "annotation",
        ["statusBadgeEnabled"] = false,
        ["userLoginsDisabled"] = false,
        ["execEnabled"] = false,
        ["appsInAnyNamespaceEnabled"] = false,
        ["hydratorEnabled"] = false,
        ["passwordPattern"] = "^.{8,32}$",
        ["kustomizeVersions"] = new JsonArray(),
        ["help"] = new JsonObject { ["chatUrl"] = "", ["chatText"] = "" },
        ["plugins"] = new JsonArray(),
    };
}
