package io.rhoai.fleet;

import io.rhoai.testing.Cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;

import static io.rhoai.testing.Cli.cli;

/**
 * Benchmark, not a test (run by scripts/bench/fleet-render.sh): for fleets of generated profiles ({@link FleetFixture},
 * 10 % canaries), the wall time of {@code fleet render} through the real CLI in-process (profiles loaded and validated,
 * ApplicationSets rendered, files written), the bytes it writes, and the API requests and wall time of
 * {@code fleet status} against a simulated hub ({@link FleetHub}) holding one Application per member.
 *
 * Usage: FleetBenchmark [runs, default 5] [sizes, default 10,50]
 */
public final class FleetBenchmark {
    private FleetBenchmark() { }

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        List<Integer> sizes = args.length > 1 ? Stream.of(args[1].split(",")).map(Integer::parseInt).toList() : List.of(10, 50);
        System.out.printf("fleet benchmark: %d measured runs per size after one warm-up, in-process CLI (JVM)%n%n", runs);
        System.out.printf("%-9s %12s %12s %12s %10s %16s %16s%n", "CLUSTERS", "RENDER-MED", "RENDER-MAX", "BYTES", "FILES",
                "STATUS-REQUESTS", "STATUS-MED");
        for (int n : sizes) {
            Path tmp = Files.createTempDirectory("rhoai-fleet-bench");
            Path profiles = FleetFixture.write(tmp, n, Math.max(1, n / 10));
            List<Long> render = new ArrayList<>();
            long bytes = 0;
            int files = 0;
            for (int i = 0; i <= runs; i++) {
                Path out = tmp.resolve("out-" + i);
                long t0 = System.nanoTime();
                Cli.Result r = cli().run("fleet", "render", "--profiles-dir", profiles.toString(), "--hub", FleetFixture.HUB, "--dir", out.toString(), "-q");
                long ms = (System.nanoTime() - t0) / 1_000_000;
                if (r.exitCode() != 0) throw new IllegalStateException(r.toString());
                if (i > 0) render.add(ms);
                try (Stream<Path> s = Files.list(out)) {
                    List<Path> written = s.toList();
                    files = written.size();
                    bytes = 0;
                    for (Path p : written) bytes += Files.size(p);
                }
            }
            List<Long> status = new ArrayList<>();
            int requests = 0;
            try (FleetHub hub = new FleetHub().infrastructure("hub", "rhoai.example.com")) {
                for (int i = 1; i <= n; i++) {
                    String m = FleetFixture.member(i);
                    boolean canary = i <= Math.max(1, n / 10);
                    hub.application(m, canary ? "canary" : "main", canary ? "dev" : "main", "clusters/overlays/" + m, "Synced", "Healthy", "5bd40fc");
                }
                Path kubeconfig = hub.kubeconfig(tmp, "hub", null);
                for (int i = 0; i <= runs; i++) {
                    hub.dispatcher.clearRecorded();
                    long t0 = System.nanoTime();
                    Cli.Result r = cli().run("fleet", "status", "--profiles-dir", profiles.toString(), "--hub", FleetFixture.HUB,
                            "--hub-kubeconfig", kubeconfig.toString(), "-o", "json");
                    long ms = (System.nanoTime() - t0) / 1_000_000;
                    if (r.exitCode() != 0) throw new IllegalStateException(r.toString());
                    if (i > 0) status.add(ms);
                    requests = hub.rhoaiRequests();
                }
            }
            Collections.sort(render);
            Collections.sort(status);
            System.out.printf("%-9d %9d ms %9d ms %12d %10d %16d %13d ms%n", n, render.get(render.size() / 2), render.get(render.size() - 1),
                    bytes, files, requests, status.get(status.size() / 2));
        }
        System.out.println("\nRENDER: wall time of `fleet render` (load + validate every profile, render, write); BYTES/FILES: what it writes.");
        System.out.println("STATUS-REQUESTS: API requests `fleet status` sends to the hub; STATUS-MED: its wall time (profiles included).");
        System.exit(0);
    }
}
