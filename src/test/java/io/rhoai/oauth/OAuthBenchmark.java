package io.rhoai.oauth;

import io.rhoai.testing.Cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;

/**
 * Benchmark of the rhoai oauth commands against the fake OpenShift API of the tests (scripts/bench/oauth.sh):
 * API requests and writes per command, first run vs re-run, and wall time per in-process CLI run (median of N).
 * Not a test: numbers depend on the machine; the request counts do not.
 */
public final class OAuthBenchmark {
    private OAuthBenchmark() { }

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        int users = args.length > 1 ? Integer.parseInt(args[1]) : 50;
        Path dir = Files.createTempDirectory("rhoai-oauth-bench");
        try (OpenShiftMock mock = new OpenShiftMock()) {
            Path kubeconfig = mock.kubeconfig(dir);
            Path profiles = OAuthFixtures.profile(dir.resolve("profiles"), "bench", "redhat.com");
            Path secret = OAuthFixtures.secretFile(dir);
            String[] google = {"oauth", "google", "-c", "bench", "--profiles-dir", profiles.toString(), "--kubeconfig", kubeconfig.toString(),
                    "--client-secret-file", secret.toString(), "-q"};
            System.out.printf("%-44s %8s %7s %10s%n", "command", "requests", "writes", "median ms");
            Supplier<Void> seed = () -> {
                mock.reset();
                OAuthFixtures.seedOAuth(mock);
                mock.clusterOperator("True", "False", "2026-01-01T00:00:00Z");
                mock.kubeadmin();
                return null;
            };
            measure("oauth google (first run)", runs, mock, seed, google);
            measure("oauth google (re-run, no change)", runs, mock, () -> null, google);
            measure("oauth grant-admin --user (first run)", runs, mock, seed,
                    "oauth", "grant-admin", "--user", "jane@redhat.com", "--kubeconfig", kubeconfig.toString(), "-q");
            measure("oauth grant-admin --user (re-run)", runs, mock, () -> null,
                    "oauth", "grant-admin", "--user", "jane@redhat.com", "--kubeconfig", kubeconfig.toString(), "-q");
            Supplier<Void> manyUsers = () -> {
                seed.get();
                for (int i = 0; i < users; i++) mock.signedIn("user" + i + "@redhat.com", "RHOAI-Test-Users");
                mock.clusterAdmins.add("user" + (users - 1) + "@redhat.com");   // worst case: the last one is the admin
                return null;
            };
            manyUsers.get();
            measure("oauth remove-kubeadmin --dry-run (" + users + " users)", runs, mock, () -> null,
                    "oauth", "remove-kubeadmin", "--dry-run", "--kubeconfig", kubeconfig.toString(), "-q");
            measure("oauth status", runs, mock, () -> null, "oauth", "status", "--kubeconfig", kubeconfig.toString(), "-q");
        }
        // each in-process CLI run leaves its fabric8 client's Vert.x threads (non-daemon) behind; the binary exits anyway
        System.exit(0);
    }

    private static void measure(String name, int runs, OpenShiftMock mock, Supplier<Void> before, String... args) {
        List<Long> times = new ArrayList<>();
        int requests = 0, writes = 0;
        for (int i = 0; i < runs; i++) {
            before.get();
            mock.requests.set(0);
            mock.writes.clear();
            long t0 = System.nanoTime();
            Cli.Result r = Cli.cli().run(args);
            times.add((System.nanoTime() - t0) / 1_000_000);
            if (r.exitCode() != 0) throw new IllegalStateException(name + " failed: " + r);
            requests = mock.requests.get();
            writes = mock.writes.size();
        }
        long[] sorted = times.stream().mapToLong(Long::longValue).sorted().toArray();
        System.out.printf("%-44s %8d %7d %10d%n", name, requests, writes, sorted[sorted.length / 2]);
    }
}
