namespace Keelson.Git.Tests;

public class CredentialTests
{
    [Fact]
    public void A_credential_never_prints_its_password()
    {
        var credential = new GitCredential("alice", "s3cret");

        Assert.Equal("GitCredential { Username = alice, Password = *** }", credential.ToString());
        Assert.DoesNotContain("s3cret", GitCredential.FromToken("s3cret").ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void The_longest_matching_url_prefix_wins_and_partial_segments_do_not_match()
    {
        var org = new GitCredential("org", "1");
        var repo = new GitCredential("repo", "2");
        var store = new GitCredentialStore().Add("https://github.com/acme", org).Add("https://github.com/acme/guestbook.git", repo);

        Assert.Same(org, store.For("https://github.com/acme/other"));
        Assert.Same(repo, store.For("https://github.com/acme/guestbook.git"));
        Assert.Same(org, store.For("https://github.com/acme.git"));
        Assert.Null(store.For("https://github.com/acme-corp/x"));
        Assert.Null(store.For("https://gitlab.com/acme/x"));
    }
}
