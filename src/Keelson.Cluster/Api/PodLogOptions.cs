using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace Keelson.Cluster.Api;

/// <summary>The query of a pods/log request (core/v1 PodLogOptions), checked as kube-apiserver checks it.</summary>
internal sealed record PodLogOptions(
    string Container,
    bool Follow,
    bool Previous,
    bool Timestamps,
    long? TailLines,
    DateTimeOffset? Since,
    long? LimitBytes)
{
    /// <summary>Reads the options; 400 for a value that does not parse, 422 Invalid for one out of range.</summary>
    public static PodLogOptions Parse(IQueryCollection query, string podName, DateTimeOffset now)
    {
        var tailLines = Number(query, "tailLines");
        var limitBytes = Number(query, "limitBytes");
        var sinceSeconds = Number(query, "sinceSeconds");
        DateTimeOffset? sinceTime = null;
        if (query["sinceTime"].ToString() is { Length: > 0 } text)
        {
            sinceTime = DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal, out var parsed)
                ? parsed
                : throw ApiErrors.BadRequest($"invalid value for sinceTime: \"{text}\": not an RFC 3339 time");
        }

        var errors = new List<string>();
        if (tailLines < 0) errors.Add($"tailLines: Invalid value: {tailLines}: must be greater than or equal to 0");
        if (limitBytes < 1) errors.Add($"limitBytes: Invalid value: {limitBytes}: must be greater than 0");
        if (sinceSeconds is not null && sinceTime is not null) errors.Add("Forbidden: at most one of `sinceTime` or `sinceSeconds` may be specified");
        else if (sinceSeconds < 1) errors.Add($"sinceSeconds: Invalid value: {sinceSeconds}: must be greater than 0");
        if (errors.Count > 0)
        {
            var summary = errors.Count == 1 ? errors[0] : "[" + string.Join(", ", errors) + "]";
            throw new ApiException(422, "Invalid", $"PodLogOptions \"{podName}\" is invalid: {summary}");
        }

        return new PodLogOptions(
            query["container"].ToString(),
            Flag(query, "follow"),
            Flag(query, "previous"),
            Flag(query, "timestamps"),
            tailLines,
            sinceSeconds is { } seconds ? now.AddSeconds(-seconds) : sinceTime,
            limitBytes);
    }

    /// <summary>A boolean query parameter as Go's strconv.ParseBool reads it; anything else is false.</summary>
    private static bool Flag(IQueryCollection query, string name) =>
        query[name].ToString() is "1" or "t" or "T" or "true" or "TRUE" or "True";

    private static long? Number(IQueryCollection query, string name)
    {
        var text = query[name].ToString();
        if (text.Length == 0) return null;
        return long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw ApiErrors.BadRequest($"invalid value for {name}: \"{text}\": not an integer");
    }
}
