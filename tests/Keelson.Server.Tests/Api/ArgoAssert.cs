using System.Net;

namespace Keelson.Server.Tests.Api;

/// <summary>Assertions on Argo CD's error answers.</summary>
internal static class ArgoAssert
{
    /// <summary>Asserts a 400 in Argo's error shape whose message holds every one of <paramref name="parts"/>; returns the message.</summary>
    public static async Task<string> BadRequestAsync(HttpResponseMessage response, params string[] parts)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = await ServerHarness.JsonAsync(response);
        Assert.Equal(3, body["code"]!.GetValue<int>());
        var message = body["message"]!.ToString();
        foreach (var part in parts) Assert.Contains(part, message, StringComparison.Ordinal);
        return message;
    }

    /// <summary>Asserts a 403 in Argo's error shape whose message is <paramref name="message"/>.</summary>
    public static async Task ForbiddenAsync(HttpResponseMessage response, string message)
    {
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        var body = await ServerHarness.JsonAsync(response);
        Assert.Equal(7, body["code"]!.GetValue<int>());
        Assert.Equal(message, body["message"]!.ToString());
    }
}
