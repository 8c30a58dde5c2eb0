package io.rhoai.testing.acme;

import io.rhoai.cli.Rhoai;

/** The command line in a child JVM (no Quarkus boot), for tests that need a real process: signals, exit codes. */
public final class RhoaiMain {
    private RhoaiMain() { }

    public static void main(String[] args) {
        System.exit(Rhoai.commandLine(System.getenv()).execute(args));
    }
}
