package io.rhoai.promote.overlay;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The repository a kustomize remote entry names, and the entry with its ref pinned. */
class RemoteBasePinsTest {
    @Test
    void theRepositoryIsWhatStandsBeforeTheSubdirectorySeparator() {
        assertThat(RemoteBasePins.repositoryOf("https://github.com/acme/catalog//operators/base?ref=main"))
                .isEqualTo("https://github.com/acme/catalog");
        assertThat(RemoteBasePins.repositoryOf("https://gitlab.example.org/group/sub/catalog.git//base?ref=v1"))
                .isEqualTo("https://gitlab.example.org/group/sub/catalog.git");
        assertThat(RemoteBasePins.repositoryOf("github.com/acme/catalog/operators/base?ref=main")).isEqualTo("https://github.com/acme/catalog");
        assertThat(RemoteBasePins.repositoryOf("https://github.com/acme/catalog/operators/base")).isEqualTo("https://github.com/acme/catalog");
        assertThat(RemoteBasePins.repositoryOf("file:///srv/git/catalog.git//base?ref=main")).isEqualTo("file:///srv/git/catalog.git");
        assertThat(RemoteBasePins.repositoryOf("ssh://git@git.corp/acme/catalog.git/base")).isEqualTo("ssh://git@git.corp/acme/catalog.git");
    }

    @Test
    void theRefIsReplacedOrAdded() {
        String sha = "0123456789abcdef0123456789abcdef01234567";
        assertThat(RemoteBasePins.withRef("https://github.com/a/b//x?ref=main", sha)).isEqualTo("https://github.com/a/b//x?ref=" + sha);
        assertThat(RemoteBasePins.withRef("https://github.com/a/b//x?timeout=90&version=HEAD", sha))
                .isEqualTo("https://github.com/a/b//x?timeout=90&ref=" + sha);
        assertThat(RemoteBasePins.withRef("https://github.com/a/b//x", sha)).isEqualTo("https://github.com/a/b//x?ref=" + sha);
        assertThat(RemoteBasePins.withRef("https://github.com/a/b//x?timeout=90", sha)).isEqualTo("https://github.com/a/b//x?timeout=90&ref=" + sha);
    }
}
