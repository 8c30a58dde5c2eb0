package io.rhoai.fleet;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A generated fleet: a profiles directory holding the bundled {@code _base.yaml}, a hub profile and {@code n} member
 * profiles {@code m001…}, the first {@code canaries} in ring canary (tracking branch dev), the rest in ring main (branch
 * main), spread over three regions. Used by the fleet tests and by the fleet benchmark.
 */
public final class FleetFixture {
    public static final String HUB = "fleet-hub";
    public static final String REPO = "https://github.com/acme/rhoai-fleet";
    static final List<String> REGIONS = List.of("us-east-1", "us-west-2", "eu-west-1");

    private FleetFixture() { }

    public static String member(int i) {
        return "m%03d".formatted(i);
    }

    public static Path write(Path dir, int n, int canaries) throws IOException {
        Path profiles = Files.createDirectories(dir.resolve("profiles"));
        Files.writeString(profiles.resolve("_base.yaml"), Files.readString(Path.of("install-configs/_base.yaml"))
                .replace("https://github.com/rh-aiservices-bu/rhoaibu-cluster", REPO));
        Files.writeString(profiles.resolve(HUB + ".yaml"), profile(HUB, "hub", "us-east-1", "main", "  labels:\n    env: hub\n"));
        for (int i = 1; i <= n; i++) {
            boolean canary = i <= canaries;
            String region = REGIONS.get((i - 1) % REGIONS.size());
            String labels = "  labels:\n    ring: " + (canary ? "canary" : "main") + "\n    region: " + region + "\n    env: " + (i % 2 == 0 ? "prod" : "test") + "\n";
            Files.writeString(profiles.resolve(member(i) + ".yaml"), profile(member(i), member(i), region, canary ? "dev" : "main", labels));
        }
        return profiles;
    }

    private static String profile(String name, String cluster, String region, String revision, String labels) {
        return """
                apiVersion: rhoai.io/v1alpha1
                kind: ClusterProfile
                metadata:
                  name: %s
                %sbase: _base.yaml
                spec:
                  cluster:
                    name: %s
                  platform:
                    aws:
                      region: %s
                  gitops:
                    revision: %s
                """.formatted(name, labels, cluster, region, revision);
    }
}
