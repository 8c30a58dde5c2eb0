package io.rhoai.gitops;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes a small cluster profile into a temp dir (the bundled ones are written by another part of the project). */
final class TestProfiles {
    static final String DEV = "rhoaibu-cluster-dev";
    static final String REPO = "https://github.com/rh-aiservices-bu/rhoaibu-cluster";

    private TestProfiles() { }

    static Path write(Path dir) throws IOException {
        Path profiles = Files.createDirectories(dir.resolve("profiles"));
        Files.writeString(profiles.resolve(DEV + ".yaml"), """
                apiVersion: rhoai.io/v1alpha1
                kind: ClusterProfile
                metadata:
                  name: rhoaibu-cluster-dev
                spec:
                  cluster:
                    name: dev
                    baseDomain: example.com
                  platform:
                    aws:
                      region: us-west-2
                  gitops:
                    repoURL: %s
                    revision: dev
                    overlayPath: clusters/overlays/rhoaibu-cluster-dev
                    promotion: branch
                """.formatted(REPO));
        Files.writeString(profiles.resolve("no-gitops.yaml"), """
                apiVersion: rhoai.io/v1alpha1
                kind: ClusterProfile
                metadata:
                  name: no-gitops
                spec:
                  cluster:
                    name: nogit
                    baseDomain: example.com
                """);
        return profiles;
    }
}
