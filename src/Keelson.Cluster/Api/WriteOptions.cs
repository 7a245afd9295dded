namespace Keelson.Cluster.Api;

/// <summary>How unknown fields in a write are treated (the fieldValidation query parameter).</summary>
public enum FieldValidation
{
    Ignore,
    Warn,
    Strict,
}

/// <summary>The query parameters that shape a write.</summary>
internal sealed record WriteOptions(bool DryRun, string FieldManager, FieldValidation FieldValidation, bool Force)
{
    public static WriteOptions From(Microsoft.AspNetCore.Http.HttpRequest request, bool isApply)
    {
        var q = request.Query;
        var dryRun = q["dryRun"].ToString();
        if (dryRun.Length > 0 && dryRun != "All") throw ApiErrors.BadRequest($"Invalid dry run value: {dryRun}: valid values are: All");
        var manager = q["fieldManager"].ToString();
        if (manager.Length == 0)
        {
            if (isApply)
            {
                throw new ApiException(422, "Invalid", "PatchOptions.meta.k8s.io \"\" is invalid: fieldManager: Required value: is required for apply patch");
            }
            manager = DefaultManager(request.Headers.UserAgent.ToString());
        }
        if (manager.Length > 128) throw new ApiException(422, "Invalid", "fieldManager: Too long: may not be longer than 128 characters");
        var validation = q["fieldValidation"].ToString() switch
        {
            "" or "Warn" => FieldValidation.Warn,
            "Strict" => FieldValidation.Strict,
            "Ignore" => FieldValidation.Ignore,
            var other => throw ApiErrors.BadRequest($"fieldValidation must be one of \"Ignore\", \"Warn\", or \"Strict\", got \"{other}\""),
        };
        var force = q["force"].ToString() switch
        {
            "" or "false" => false,
            "true" => true,
            var other => throw ApiErrors.BadRequest($"invalid value for force: {other}"),
        };
        if (force && !isApply) throw new ApiException(422, "Invalid", "force: Forbidden: may not be specified for non-apply patch");
        return new WriteOptions(dryRun == "All", manager, validation, force);
    }

    /// <summary>As kube-apiserver: the user agent up to its first '/', e.g. "kubectl" or "Go-http-client".</summary>
    private static string DefaultManager(string userAgent)
    {
        if (userAgent.Length == 0) return "unknown";
        var slash = userAgent.IndexOf('/', StringComparison.Ordinal);
        var name = slash < 0 ? userAgent : userAgent[..slash];
        return name.Length > 128 ? name[..128] : name;
    }
}
