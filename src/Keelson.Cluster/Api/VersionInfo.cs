using System.Text.Json.Nodes;

namespace Keelson.Cluster.Api;

/// <summary>What /version reports: Kubernetes 1.32, so the kubectl dispatcher picks the 1.32 client.</summary>
internal static class VersionInfo
{
    public const string GitVersion = "v1.32.0-keelson";

    public static JsonObject ToJson() => new()
    {
        ["major"] = "1",
        ["minor"] = "32",
        ["gitVersion"] = GitVersion,
        ["gitCommit"] = "0000000000000000000000000000000000000000",
        ["gitTreeState"] = "clean",
        ["buildDate"] = "2026-01-01T00:00:00Z",
        ["goVersion"] = "go1.23.0",
        ["compiler"] = "gc",
        ["platform"] = "linux/amd64",
    };
}
