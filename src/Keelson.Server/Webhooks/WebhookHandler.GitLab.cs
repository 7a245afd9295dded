using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Keelson.Server.Webhooks;

public sealed partial class WebhookHandler
{
    private const string GitLabPush = "Push Hook";
    private const string GitLabTagPush = "Tag Push Hook";
    private const string GitLabSystemHook = "System Hook";

    /// <summary>The system-hook events go-playground reads (and Argo CD then ignores) besides pushes and merge requests.</summary>
    private static readonly HashSet<string> GitLabSystemEvents = new(StringComparer.Ordinal)
    {
        "project_create", "project_destroy", "project_rename", "project_transfer", "project_update",
        "user_add_to_team", "user_remove_from_team", "user_update_for_team", "user_create", "user_destroy",
        "user_failed_login", "user_rename", "key_create", "key_destroy", "group_create", "group_destroy",
        "group_rename", "user_add_to_group", "user_remove_from_group", "user_update_for_group",
    };

    /// <summary>
    /// GitLab: with <c>webhook.gitlab.secret</c> set, <c>X-Gitlab-Token</c> must equal it (checked first, before the
    /// event); the event must be a push, a tag push, or a system hook whose <c>object_kind</c> (else
    /// <c>event_name</c>) is one of them — other system hooks are ignored, merge requests refused.
    /// </summary>
    private WebhookOutcome HandleGitLab(string eventName, IHeaderDictionary headers, ReadOnlyMemory<byte> body)
    {
        const WebhookProvider provider = WebhookProvider.GitLab;
        if (settings.GitLabSecret.Length > 0)
        {
            if (Header(headers, WebhookHeaders.GitLabToken) is not { } token)
                return Refuse(provider, WebhookRefusalReason.MissingSignature, $"a secret is set but there is no {WebhookHeaders.GitLabToken} header");
            if (!WebhookSignature.SecretEquals(token, settings.GitLabSecret))
                return Refuse(provider, WebhookRefusalReason.SignatureMismatch, $"{WebhookHeaders.GitLabToken} is not the configured secret");
        }
        if (Unreadable(provider, body) is { } unreadable) return unreadable;
        if (eventName is not (GitLabPush or GitLabTagPush or GitLabSystemHook)) return UnsupportedEvent(provider, eventName);

        using var json = ParseJson(provider, body, out var refusal);
        if (json is null) return refusal!;
        var reader = new PayloadReader();
        var root = json.RootElement;
        var isTag = eventName == GitLabTagPush;
        if (eventName == GitLabSystemHook)
        {
            var kind = reader.Text(root, "object_kind");
            var systemEvent = kind is "push" or "tag_push" or "merge_request" ? kind : reader.Text(root, "event_name");
            if (reader.Error is { } error) return Refuse(provider, WebhookRefusalReason.MalformedPayload, error);
            if (GitLabSystemEvents.Contains(systemEvent)) return new WebhookIgnored(provider, $"{eventName}: {systemEvent}", "a system hook that is not a push");
            if (systemEvent is not ("push" or "tag_push")) return UnsupportedEvent(provider, $"{eventName}: {systemEvent}");
            isTag = systemEvent == "tag_push";
        }
        return Accept(reader, ReadGitLabPush(reader, root, isTag), eventName);
    }

    private static PushEvent ReadGitLabPush(PayloadReader reader, JsonElement root, bool isTag)
    {
        var project = reader.Object(root, "project");
        var gitRef = reader.Text(root, "ref");
        var revision = GitRef.ShortName(gitRef);
        return new PushEvent
        {
            Provider = WebhookProvider.GitLab,
            RepoWebUrls = Urls(reader.Text(project, "web_url"), reader.Text(project, "git_http_url"), reader.Text(project, "git_ssh_url")),
            Ref = gitRef,
            Revision = revision,
            IsTag = isTag || gitRef.StartsWith(GitRef.TagsPrefix, StringComparison.Ordinal),
            TouchedDefaultBranch = reader.Text(project, "default_branch") == revision,
            ChangedFiles = ChangedFiles(reader, root),
            Before = reader.Text(root, "before"),
            After = reader.Text(root, "after"),
        };
    }
}
