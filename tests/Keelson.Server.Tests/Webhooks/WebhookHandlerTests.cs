using System.Security.Cryptography;
using System.Text;
using Keelson.Server.Webhooks;
using Microsoft.AspNetCore.Http;

namespace Keelson.Server.Tests.Webhooks;

/// <summary>The handler's answers outside the fixture cases: detection, limits, event types, malformed bodies.</summary>
public sealed class WebhookHandlerTests
{
    private const string Secret = "s3cr3t";

    private static readonly byte[] GitHubPush = Encoding.UTF8.GetBytes(
        """{"ref":"refs/heads/main","before":"a","after":"b","repository":{"html_url":"https://github.com/o/r","default_branch":"main"},"commits":[]}""");

    [Fact]
    public void A_request_naming_no_provider_is_an_unknown_webhook_event()
    {
        var outcome = new WebhookHandler(WebhookSettings.Default).Handle(Headers(("Content-Type", "application/json"), ("X-Custom-Event", "push")), GitHubPush);

        var refused = Assert.IsType<WebhookRefused>(outcome);
        Assert.Equal((400, "Unknown webhook event", WebhookRefusalReason.UnknownProvider, null), (refused.StatusCode, refused.Message, refused.Reason, refused.Provider));
    }

    [Fact]
    public void An_empty_provider_header_names_no_provider()
    {
        var outcome = new WebhookHandler(WebhookSettings.Default).Handle(Headers(("X-GitHub-Event", "")), GitHubPush);

        Assert.Equal(WebhookRefusalReason.UnknownProvider, Assert.IsType<WebhookRefused>(outcome).Reason);
    }

    [Theory]
    [InlineData("X-GitHub-Event", "issues", WebhookProvider.GitHub)]
    [InlineData("X-GitHub-Event", "pull_request", WebhookProvider.GitHub)]
    [InlineData("X-Gitlab-Event", "Merge Request Hook", WebhookProvider.GitLab)]
    [InlineData("X-Gitlab-Event", "Note Hook", WebhookProvider.GitLab)]
    [InlineData("X-Gogs-Event", "create", WebhookProvider.Gogs)]
    [InlineData("X-Gitea-Event", "pull_request", WebhookProvider.Gitea)]
    [InlineData("X-Event-Key", "pr:opened", WebhookProvider.BitbucketServer)]
    public void An_event_the_provider_does_not_handle_is_refused(string header, string eventName, WebhookProvider provider)
    {
        var outcome = new WebhookHandler(WebhookSettings.Default).Handle(Headers((header, eventName)), GitHubPush);

        var refused = Assert.IsType<WebhookRefused>(outcome);
        Assert.Equal((400, "Webhook processing failed", WebhookRefusalReason.UnsupportedEvent, provider), (refused.StatusCode, refused.Message, refused.Reason, refused.Provider));
    }

    [Fact]
    public void A_Bitbucket_Cloud_event_other_than_repo_push_is_refused()
    {
        var outcome = new WebhookHandler(WebhookSettings.Default).Handle(Headers(("X-Hook-UUID", "{u}"), ("X-Event-Key", "pullrequest:created")), GitHubPush);

        Assert.Equal((WebhookRefusalReason.UnsupportedEvent, (WebhookProvider?)WebhookProvider.Bitbucket), (Assert.IsType<WebhookRefused>(outcome).Reason, ((WebhookRefused)outcome).Provider));
    }

    [Fact]
    public void A_body_over_the_limit_is_refused_with_Argo_CDs_text_and_the_limit_in_MB()
    {
        var settings = new WebhookSettings { MaxPayloadSizeBytes = 1024 * 1024 };
        var body = new byte[1024 * 1024 + 1];

        var refused = Assert.IsType<WebhookRefused>(new WebhookHandler(settings).Handle(Headers(("X-GitHub-Event", "push")), body));

        Assert.Equal((400, "Webhook processing failed: payload must be valid JSON under 1 MB", WebhookRefusalReason.PayloadTooLarge), (refused.StatusCode, refused.Message, refused.Reason));
    }

    [Fact]
    public void A_body_of_exactly_the_limit_is_read()
    {
        var padded = GitHubPush.Concat(Enumerable.Repeat((byte)' ', 4096 - GitHubPush.Length)).ToArray();
        var settings = new WebhookSettings { MaxPayloadSizeBytes = 4096 };

        Assert.IsType<WebhookAccepted>(new WebhookHandler(settings).Handle(Headers(("X-GitHub-Event", "push")), padded));
        Assert.IsType<WebhookRefused>(new WebhookHandler(settings).Handle(Headers(("X-GitHub-Event", "push")), padded.Append((byte)' ').ToArray()));
    }

    [Fact]
    public void The_default_limit_is_50_MB()
    {
        var refused = Assert.IsType<WebhookRefused>(new WebhookHandler(WebhookSettings.Default).Handle(Headers(("X-GitHub-Event", "push")), new byte[(50 * 1024 * 1024) + 1]));

        Assert.Equal("Webhook processing failed: payload must be valid JSON under 50 MB", refused.Message);
    }

    [Fact]
    public async Task Reading_from_a_stream_stops_one_byte_past_the_limit()
    {
        var settings = new WebhookSettings { MaxPayloadSizeBytes = 1000 };
        var endless = new EndlessStream();

        var outcome = await new WebhookHandler(settings).HandleAsync(Headers(("X-GitHub-Event", "push")), endless, CancellationToken.None);

        Assert.Equal(WebhookRefusalReason.PayloadTooLarge, Assert.IsType<WebhookRefused>(outcome).Reason);
        Assert.Equal(1001, endless.Served);
    }

    [Fact]
    public async Task Reading_from_a_stream_handles_a_body_within_the_limit()
    {
        var outcome = await new WebhookHandler(WebhookSettings.Default).HandleAsync(Headers(("X-GitHub-Event", "push")), new MemoryStream(GitHubPush), CancellationToken.None);

        Assert.Equal("main", Assert.IsType<WebhookAccepted>(outcome).Push.Revision);
    }

    [Fact]
    public void An_empty_body_is_refused_with_the_unreadable_payload_text()
    {
        var refused = Assert.IsType<WebhookRefused>(new WebhookHandler(WebhookSettings.Default).Handle(Headers(("X-GitHub-Event", "push")), Array.Empty<byte>()));

        Assert.Equal((WebhookRefusalReason.EmptyPayload, "Webhook processing failed: payload must be valid JSON under 50 MB"), (refused.Reason, refused.Message));
    }

    [Theory]
    [InlineData("payload=%7B%22ref%22%3A%22refs%2Fheads%2Fmain%22%7D")]
    [InlineData("{\"ref\": \"refs/heads/main\"")]
    [InlineData("[1, 2]")]
    [InlineData("{\"ref\": 5}")]
    [InlineData("{\"repository\": \"https://github.com/o/r\"}")]
    [InlineData("{\"commits\": [{\"added\": [\"a.yaml\", 7]}]}")]
    [InlineData("{\"commits\": {\"added\": []}}")]
    public void A_body_that_is_not_a_push_payload_is_refused_as_malformed(string body)
    {
        var refused = Assert.IsType<WebhookRefused>(new WebhookHandler(WebhookSettings.Default).Handle(Headers(("X-GitHub-Event", "push")), Encoding.UTF8.GetBytes(body)));

        Assert.Equal((400, "Webhook processing failed", WebhookRefusalReason.MalformedPayload), (refused.StatusCode, refused.Message, refused.Reason));
    }

    [Fact]
    public void Fields_are_read_as_Go_decodes_them_case_insensitive_nulls_empty_the_last_repeat_winning()
    {
        var body = """{"REF":"refs/heads/one","ref":"refs/heads/main","before":null,"Repository":{"html_url":"https://github.com/o/r","default_branch":"main"},"commits":[null,{"added":[null,"a.yaml"]}]}""";

        var push = Assert.IsType<WebhookAccepted>(new WebhookHandler(WebhookSettings.Default).Handle(Headers(("X-GitHub-Event", "push")), Encoding.UTF8.GetBytes(body))).Push;

        Assert.Equal(("main", "", true), (push.Revision, push.Before, push.TouchedDefaultBranch));
        Assert.Equal(["", "a.yaml"], push.ChangedFiles);
    }

    [Fact]
    public void A_push_naming_no_repository_is_answered_200_with_nothing_to_refresh()
    {
        var outcome = new WebhookHandler(WebhookSettings.Default).Handle(Headers(("X-Gogs-Event", "push")), Encoding.UTF8.GetBytes("""{"ref":"refs/heads/main","commits":[]}"""));

        Assert.Equal((200, WebhookProvider.Gogs), (outcome.StatusCode, Assert.IsType<WebhookIgnored>(outcome).Provider));
    }

    [Fact]
    public void GitHubs_legacy_sha1_signature_is_accepted_when_it_is_the_only_one()
    {
        var headers = Headers(("X-GitHub-Event", "push"), ("X-Hub-Signature", "sha1=" + Convert.ToHexStringLower(HMACSHA1.HashData(Encoding.UTF8.GetBytes(Secret), GitHubPush))));

        Assert.IsType<WebhookAccepted>(new WebhookHandler(new() { GitHubSecret = Secret }).Handle(headers, GitHubPush));
    }

    [Fact]
    public void A_wrong_sha256_signature_is_refused_even_beside_a_right_sha1_one()
    {
        var headers = Headers(
            ("X-GitHub-Event", "push"),
            ("X-Hub-Signature-256", "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes("other"), GitHubPush))),
            ("X-Hub-Signature", "sha1=" + Convert.ToHexStringLower(HMACSHA1.HashData(Encoding.UTF8.GetBytes(Secret), GitHubPush))));

        Assert.Equal(WebhookRefusalReason.SignatureMismatch, Assert.IsType<WebhookRefused>(new WebhookHandler(new() { GitHubSecret = Secret }).Handle(headers, GitHubPush)).Reason);
    }

    [Theory]
    [InlineData("")]
    [InlineData("sha256=")]
    [InlineData("sha256=zz")]
    [InlineData("sha256=00112233")]
    public void A_GitHub_signature_that_is_not_a_full_hex_HMAC_is_refused(string signature)
    {
        var headers = Headers(("X-GitHub-Event", "push"), ("X-Hub-Signature-256", signature));

        Assert.IsType<WebhookRefused>(new WebhookHandler(new() { GitHubSecret = Secret }).Handle(headers, GitHubPush));
    }

    [Fact]
    public void A_GitHub_signature_is_checked_before_a_ping_is_answered()
    {
        var ping = Encoding.UTF8.GetBytes("""{"zen":"Keep it logically awesome.","hook_id":1}""");

        var outcome = new WebhookHandler(new() { GitHubSecret = Secret }).Handle(Headers(("X-GitHub-Event", "ping")), ping);

        Assert.Equal(WebhookRefusalReason.MissingSignature, Assert.IsType<WebhookRefused>(outcome).Reason);
    }

    [Fact]
    public void GitHub_Packages_events_are_left_to_a_registry_handler()
    {
        var outcome = new WebhookHandler(WebhookSettings.Default).Handle(Headers(("X-GitHub-Event", "package")), Encoding.UTF8.GetBytes("""{"action":"published"}"""));

        Assert.Equal(200, Assert.IsType<WebhookIgnored>(outcome).StatusCode);
    }

    [Fact]
    public void A_GitLab_token_is_checked_before_anything_else()
    {
        var outcome = new WebhookHandler(new() { GitLabSecret = Secret }).Handle(Headers(("X-Gitlab-Event", "Note Hook"), ("X-Gitlab-Token", "guess")), Array.Empty<byte>());

        Assert.Equal(WebhookRefusalReason.SignatureMismatch, Assert.IsType<WebhookRefused>(outcome).Reason);
    }

    [Theory]
    [InlineData("""{"object_kind":"project_create","event_name":"project_create"}""", "ignored")]
    [InlineData("""{"event_name":"user_create","name":"Ana"}""", "ignored")]
    [InlineData("""{"object_kind":"merge_request","event_name":"merge_request"}""", "refused")]
    [InlineData("""{"event_name":"repository_update"}""", "refused")]
    [InlineData("""{"object_kind":"tag_push","ref":"refs/tags/v1.0.0","project":{"web_url":"https://gitlab.com/o/r","default_branch":"main"}}""", "tag")]
    public void A_GitLab_system_hook_is_read_by_its_object_kind_then_its_event_name(string body, string expected)
    {
        var outcome = new WebhookHandler(WebhookSettings.Default).Handle(Headers(("X-Gitlab-Event", "System Hook")), Encoding.UTF8.GetBytes(body));

        switch (expected)
        {
            case "ignored":
                Assert.Equal(200, Assert.IsType<WebhookIgnored>(outcome).StatusCode);
                break;
            case "refused":
                Assert.Equal(WebhookRefusalReason.UnsupportedEvent, Assert.IsType<WebhookRefused>(outcome).Reason);
                break;
            default:
                var push = Assert.IsType<WebhookAccepted>(outcome).Push;
                Assert.Equal((true, "v1.0.0"), (push.IsTag, push.Revision));
                break;
        }
    }

    [Fact]
    public void A_Bitbucket_Server_ping_is_answered_without_a_signature_even_when_a_secret_is_set()
    {
        var outcome = new WebhookHandler(new() { BitbucketServerSecret = Secret }).Handle(Headers(("X-Event-Key", "diagnostics:ping")), Array.Empty<byte>());

        Assert.Equal(WebhookProvider.BitbucketServer, Assert.IsType<WebhookIgnored>(outcome).Provider);
    }

    [Fact]
    public void A_Bitbucket_Server_signature_needs_its_sha256_prefix()
    {
        var body = Encoding.UTF8.GetBytes("""{"changes":[{"ref":{"id":"refs/heads/main"}}]}""");
        var hex = Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(Secret), body));
        var handler = new WebhookHandler(new() { BitbucketServerSecret = Secret });

        Assert.IsType<WebhookRefused>(handler.Handle(Headers(("X-Event-Key", "repo:refs_changed"), ("X-Hub-Signature", hex)), body));
        // No clone links: accepted, then ignored for naming no repository.
        Assert.IsType<WebhookIgnored>(handler.Handle(Headers(("X-Event-Key", "repo:refs_changed"), ("X-Hub-Signature", "sha256=" + hex)), body));
    }

    [Fact]
    public void Gitea_is_checked_with_X_Gitea_Signature_before_X_Gogs_Signature()
    {
        var body = Encoding.UTF8.GetBytes("""{"ref":"refs/heads/main","repository":{"html_url":"https://gitea.example.com/o/r","default_branch":"main"}}""");
        var good = Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(Secret), body));
        var bad = Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes("other"), body));
        var handler = new WebhookHandler(new() { GogsSecret = Secret });

        Assert.IsType<WebhookRefused>(handler.Handle(Headers(("X-Gitea-Event", "push"), ("X-Gitea-Signature", bad), ("X-Gogs-Signature", good)), body));
        Assert.IsType<WebhookAccepted>(handler.Handle(Headers(("X-Gitea-Event", "push"), ("X-Gitea-Signature", good), ("X-Gogs-Signature", bad)), body));
        Assert.IsType<WebhookAccepted>(handler.Handle(Headers(("X-Gitea-Event", "push"), ("X-Gogs-Signature", good)), body));
    }

    [Fact]
    public void Gogs_headers_win_over_GitHubs_and_Gitea_over_both()
    {
        var body = Encoding.UTF8.GetBytes("""{"ref":"refs/heads/main","repository":{"html_url":"https://git.example.com/o/r"}}""");
        var handler = new WebhookHandler(WebhookSettings.Default);

        Assert.Equal(WebhookProvider.Gogs, Assert.IsType<WebhookAccepted>(handler.Handle(Headers(("X-Gogs-Event", "push"), ("X-GitHub-Event", "push")), body)).Push.Provider);
        Assert.Equal(WebhookProvider.Gitea, Assert.IsType<WebhookAccepted>(handler.Handle(Headers(("X-Gogs-Event", "push"), ("X-Gitea-Event", "push"), ("X-GitHub-Event", "push")), body)).Push.Provider);
    }

    [Theory]
    [InlineData("""{"eventType":"git.pullrequest.created","resource":{}}""", 200, "")]
    [InlineData("""{"eventType":"build.complete"}""", 200, "")]
    [InlineData("""{"eventType":"workitem.updated"}""", 400, "Webhook processing failed")]
    [InlineData("""not json""", 400, "Webhook processing failed: payload must be valid JSON under 50 MB")]
    [InlineData("""{"eventType":7}""", 400, "Webhook processing failed: payload must be valid JSON under 50 MB")]
    public void Azure_DevOps_answers_by_the_payloads_event_type(string body, int status, string message)
    {
        var outcome = new WebhookHandler(WebhookSettings.Default).Handle(Headers(("X-Vss-Activityid", "1")), Encoding.UTF8.GetBytes(body));

        Assert.Equal((status, message), (outcome.StatusCode, outcome.Message));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("Bearer abc")]
    [InlineData("Basic !!!")]
    [InlineData("Basic YXJnb2Nk")]
    public void Azure_DevOps_without_readable_basic_credentials_is_refused_when_they_are_set(string? authorization)
    {
        var headers = Headers(("X-Vss-Activityid", "1"));
        if (authorization is not null) headers["Authorization"] = authorization;

        var outcome = new WebhookHandler(new() { AzureDevOpsUsername = "argocd", AzureDevOpsPassword = "pw" }).Handle(headers, Encoding.UTF8.GetBytes("""{"eventType":"git.push"}"""));

        Assert.Equal(WebhookRefusalReason.MissingSignature, Assert.IsType<WebhookRefused>(outcome).Reason);
    }

    [Fact]
    public void Settings_are_read_from_argocd_secret_and_argocd_cm()
    {
        var settings = WebhookSettings.FromArgoCd(
            new Dictionary<string, string> { ["webhook.github.secret"] = "gh", ["webhook.gogs.secret"] = "gogs", ["admin.password"] = "x" },
            new Dictionary<string, string> { ["webhook.maxPayloadSizeMB"] = "2" });

        Assert.Equal(("gh", "", "gogs", 2L * 1024 * 1024, 2L), (settings.GitHubSecret, settings.GitLabSecret, settings.GogsSecret, settings.MaxPayloadSizeBytes, settings.MaxPayloadSizeMB));
    }

    [Theory]
    [InlineData("")]
    [InlineData("lots")]
    [InlineData("1.5")]
    public void A_payload_limit_that_is_not_an_integer_keeps_the_default(string value)
    {
        var settings = WebhookSettings.FromArgoCd(new Dictionary<string, string>(), new Dictionary<string, string> { ["webhook.maxPayloadSizeMB"] = value });

        Assert.Equal(50L * 1024 * 1024, settings.MaxPayloadSizeBytes);
    }

    private static HeaderDictionary Headers(params (string Name, string Value)[] headers)
    {
        var dictionary = new HeaderDictionary();
        foreach (var (name, value) in headers) dictionary[name] = value;
        return dictionary;
    }

    /// <summary>A body that never ends, counting what it served: the handler must stop reading on its own.</summary>
    private sealed class EndlessStream : Stream
    {
        public long Served { get; private set; }

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => Served; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            Array.Fill(buffer, (byte)'{', offset, count);
            Served += count;
            return count;
        }

        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
