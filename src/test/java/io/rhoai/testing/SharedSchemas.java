package io.rhoai.testing;

import org.junit.jupiter.api.Assumptions;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Locates the upstream schemas in {@code ../shared/schemas}. They belong to their projects and are read at test time,
 * never copied in; a test that needs them is skipped, saying why, when the folder is absent.
 */
public final class SharedSchemas {
    private SharedSchemas() { }

    public static Path root() {
        String configured = System.getProperty("rhoai.shared.dir");
        Path shared = configured != null ? Path.of(configured) : Path.of("..", "shared");
        return shared.resolve("schemas").toAbsolutePath().normalize();
    }

    /** The schema file, or the test is skipped with a clear message. */
    public static Path require(String relative) {
        Path p = root().resolve(relative);
        Assumptions.assumeTrue(Files.isRegularFile(p),
                "skipped: upstream schema " + p + " is absent (the tests read ../shared/schemas; clone with shared/ beside the project)");
        return p;
    }
}
