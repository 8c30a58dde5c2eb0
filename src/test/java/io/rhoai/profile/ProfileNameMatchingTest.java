package io.rhoai.profile;

import io.rhoai.core.RhoaiException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** One rule for every flag that names a cluster profile: the full name, or a unique suffix after a dash. */
class ProfileNameMatchingTest {
    @TempDir Path tmp;

    @Test
    void fullNameOrUniqueSuffixAfterADash() {
        ProfileRepository bundled = ProfileRepository.bundled();
        assertThat(bundled.resolve("rhoaibu-cluster-dev", "--cluster")).isEqualTo("rhoaibu-cluster-dev");
        assertThat(bundled.resolve("dev", "--cluster")).isEqualTo("rhoaibu-cluster-dev");
        assertThat(bundled.resolve("cluster-prod", "--to")).isEqualTo("rhoaibu-cluster-prod");
        assertThat(bundled.load("prod").profile().name()).isEqualTo("rhoaibu-cluster-prod");
        // a suffix inside a word is not a match: "ev" is not "dev"
        assertThatThrownBy(() -> bundled.resolve("ev", "--cluster")).isInstanceOf(RhoaiException.class)
                .hasMessageStartingWith("--cluster: no profile 'ev' in bundled profiles");
    }

    @Test
    void anAmbiguousSuffixNamesTheCandidates() throws Exception {
        Files.writeString(tmp.resolve("east-dev.yaml"), "x: 1\n");
        Files.writeString(tmp.resolve("west-dev.yaml"), "x: 1\n");
        assertThatThrownBy(() -> ProfileRepository.of(tmp).resolve("dev", "--from")).isInstanceOf(RhoaiException.class)
                .hasMessage("--from: 'dev' matches several profiles: east-dev, west-dev");
    }
}
