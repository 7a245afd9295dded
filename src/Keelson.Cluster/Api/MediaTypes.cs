namespace Keelson.Cluster.Api;

/// <summary>Content negotiation over the media types kubectl and client libraries send.</summary>
internal static class MediaTypes
{
    public const string Json = "application/json";
    public const string JsonPatch = "application/json-patch+json";
    public const string MergePatch = "application/merge-patch+json";
    public const string StrategicMergePatch = "application/strategic-merge-patch+json";
    public const string ApplyPatch = "application/apply-patch+yaml";
    public const string Yaml = "application/yaml";

    /// <summary>Kubernetes protobuf, which kubectl's typed create commands send; accepted for request bodies only.</summary>
    public const string Protobuf = "application/vnd.kubernetes.protobuf";
    public const string AggregatedDiscovery = "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList";

    /// <summary>The media type without parameters, lower-cased ("application/json; charset=utf-8" → "application/json").</summary>
    public static string Essence(string? contentType)
    {
        if (string.IsNullOrEmpty(contentType)) return "";
        var semi = contentType.IndexOf(';', StringComparison.Ordinal);
        return (semi < 0 ? contentType : contentType[..semi]).Trim().ToLowerInvariant();
    }

    /// <summary>True when the first acceptable alternative asks for a meta.k8s.io Table.</summary>
    public static bool WantsTable(string? accept) => FirstMatching(accept, p => p.Contains("as=table", StringComparison.Ordinal) && p.Contains("g=meta.k8s.io", StringComparison.Ordinal), p => IsPlainJson(p));

    /// <summary>True when the client prefers aggregated discovery (apidiscovery.k8s.io v2).</summary>
    public static bool WantsAggregatedDiscovery(string? accept) =>
        FirstMatching(accept, p => p.Contains("as=apigroupdiscoverylist", StringComparison.Ordinal) && p.Contains("v=v2", StringComparison.Ordinal) && !p.Contains("v2beta1", StringComparison.Ordinal), IsPlainJson);

    /// <summary>True when the client asks for YAML before JSON.</summary>
    public static bool WantsYaml(string? accept) => FirstMatching(accept, p => p.StartsWith(Yaml, StringComparison.Ordinal), p => IsPlainJson(p) || p.StartsWith("*/*", StringComparison.Ordinal));

    private static bool IsPlainJson(string part) =>
        part.StartsWith(Json, StringComparison.Ordinal) && !part.Contains("as=", StringComparison.Ordinal);

    /// <summary>Walks the Accept alternatives in order: true at the first that <paramref name="wanted"/> matches, false at the first <paramref name="other"/> matches.</summary>
    private static bool FirstMatching(string? accept, Func<string, bool> wanted, Func<string, bool> other)
    {
        if (string.IsNullOrEmpty(accept) || accept is Json or "*/*" or "application/json, */*") return false;
        foreach (var raw in accept.Split(','))
        {
            var part = raw.Replace(" ", "", StringComparison.Ordinal).ToLowerInvariant();
            if (wanted(part)) return true;
            if (other(part)) return false;
        }
        return false;
    }
}
