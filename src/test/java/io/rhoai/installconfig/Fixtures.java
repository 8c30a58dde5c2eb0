package io.rhoai.installconfig;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Paths of the test inputs: project files (profiles, examples) and the installer-style worker MachineSet fixtures. */
public final class Fixtures {
    public static final Path PROJECT = Path.of(System.getProperty("rhoai.project.dir", ".")).toAbsolutePath().normalize();
    public static final Path PROFILES = PROJECT.resolve("install-configs");
    public static final Path PULL_SECRET = PROJECT.resolve("docs/examples/pull-secret.example.json");
    public static final Path SSH_KEY = PROJECT.resolve("docs/examples/ssh-key.example.pub");
    public static final Path TEST_RESOURCES = PROJECT.resolve("src/test/resources");
    public static final Path GOLDEN = TEST_RESOURCES.resolve("golden");
    public static final List<String> BUNDLED = List.of("rhoaibu-cluster-dev", "rhoaibu-cluster-prod");

    private Fixtures() { }

    /** The worker MachineSet files openshift-install would write for a bundled profile. */
    public static Path installerManifests(String profile) {
        return TEST_RESOURCES.resolve("installer").resolve(profile).resolve("openshift");
    }

    /** Copies the installer fixtures into {@code dir/openshift}, as after {@code openshift-install create manifests}. */
    public static void createManifests(String profile, Path dir) {
        try {
            Path target = Files.createDirectories(dir.resolve("openshift"));
            try (Stream<Path> files = Files.list(installerManifests(profile))) {
                for (Path f : files.toList()) Files.copy(f, target.resolve(f.getFileName()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every regular file under {@code dir}, relative, sorted. */
    public static List<String> listFiles(Path dir) {
        if (!Files.exists(dir)) return List.of();
        try (Stream<Path> s = Files.walk(dir)) {
            List<String> out = new ArrayList<>();
            s.filter(Files::isRegularFile).map(p -> dir.relativize(p).toString()).sorted().forEach(out::add);
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
