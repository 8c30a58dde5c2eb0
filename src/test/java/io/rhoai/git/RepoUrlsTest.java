package io.rhoai.git;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RepoUrlsTest {
    @Test
    void ownerAndNameFromEveryGitHubUrlForm() {
        assertThat(RepoUrls.ownerAndName("https://github.com/rh-aiservices-bu/rhoaibu-cluster")).isEqualTo("rh-aiservices-bu/rhoaibu-cluster");
        assertThat(RepoUrls.ownerAndName("https://github.com/acme/x.git/")).isEqualTo("acme/x");
        assertThat(RepoUrls.ownerAndName("git@github.com:acme/x.git")).isEqualTo("acme/x");
        assertThat(RepoUrls.ownerAndName("ssh://git@github.com:22/acme/x.git")).isEqualTo("acme/x");
        assertThat(RepoUrls.ownerAndName("/tmp/remote.git")).isNull();
    }

    @Test
    void kindsHostsAndSafeDisplay() {
        assertThat(RepoUrls.kind("git@github.com:acme/x.git")).isEqualTo(RepoUrls.Kind.SSH);
        assertThat(RepoUrls.kind("file:///tmp/x")).isEqualTo(RepoUrls.Kind.LOCAL);
        assertThat(RepoUrls.host("git@github.com:acme/x.git")).isEqualTo("github.com");
        assertThat(RepoUrls.host("ssh://git@localhost:2222/x.git")).isEqualTo("localhost");
        assertThat(RepoUrls.display("https://user:ghp_secret@github.com/acme/x")).isEqualTo("https://github.com/acme/x");
        assertThat(RepoUrls.normalise("https://github.com/Acme/X.git/")).isEqualTo(RepoUrls.normalise("https://github.com/acme/x"));
    }
}
