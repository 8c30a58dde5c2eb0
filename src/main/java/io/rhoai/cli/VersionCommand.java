package io.rhoai.cli;

import io.quarkus.runtime.annotations.RegisterForReflection;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

@Command(name = "version", description = "Print the version of rhoai and the runtime it runs on.",
        footer = {"%nExamples:", "  rhoai version", "  rhoai version -o json"})
public class VersionCommand extends BaseCommand {

    /** {@code runtime} is "native" for the GraalVM/Mandrel binary, "jvm" otherwise. */
    @RegisterForReflection
    public record VersionInfo(String version, String commit, String runtime, String java, String os, String arch) { }

    public static VersionInfo info() {
        Properties p = new Properties();
        try (InputStream in = VersionCommand.class.getResourceAsStream("/rhoai-build.properties")) {
            if (in != null) p.load(in);
        } catch (IOException ignored) {
            // a missing build stamp shows as "unknown"; it never stops the command
        }
        boolean nativeImage = System.getProperty("org.graalvm.nativeimage.imagecode") != null;
        return new VersionInfo(p.getProperty("version", "unknown"), p.getProperty("commit", "unknown"),
                nativeImage ? "native" : "jvm", System.getProperty("java.version"),
                System.getProperty("os.name").toLowerCase(), System.getProperty("os.arch"));
    }

    @Override
    public Integer call() {
        output().result(info(), v -> "rhoai " + v.version() + " (" + v.runtime() + ", java " + v.java() + ", "
                + v.os() + "/" + v.arch() + ")");
        return ExitCodes.OK;
    }

    static final class Provider implements CommandLine.IVersionProvider {
        @Override public String[] getVersion() {
            return new String[] {"rhoai " + info().version()};
        }
    }
}
