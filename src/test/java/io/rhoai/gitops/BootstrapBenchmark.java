package io.rhoai.gitops;

import io.rhoai.testing.ApplyingCrudDispatcher.Recorded;
import io.rhoai.testing.Cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Benchmark, not a test (run by scripts/bench/gitops-bootstrap.sh): drives the real CLI against the simulated cluster
 * and reports (1) how many API requests one bootstrap and one re-run make, by kind of request, and (2) how long the tool
 * takes to start its next stage after the simulated CSV turns Succeeded, with watches and with polling.
 *
 * Usage: BootstrapBenchmark [runs per mode, default 5] [CSV delay ms, default 1500]
 *
 * The CSV delay gets a random 0–2000 ms added per run (fixed seed, same sequence for every mode), so a poll's phase
 * relative to the change varies as it does on a real cluster instead of locking to one offset.
 */
public final class BootstrapBenchmark {
    private BootstrapBenchmark() { }

    record Run(int requests, Map<String, Integer> byKind, int rerunRequests, int rerunWrites, long reactionMillis) { }

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        long csvDelayMs = args.length > 1 ? Long.parseLong(args[1]) : 1500;
        System.out.printf("gitops bootstrap benchmark: %d runs per mode, simulated CSV Installing→Succeeded after %d ms + 0–2000 ms%n%n", runs, csvDelayMs);
        List<String[]> modes = List.of(new String[] {"watch", "2s"}, new String[] {"poll", "2s"}, new String[] {"poll", "500ms"});
        System.out.printf("%-16s %9s %8s %8s %8s %10s %10s %10s %s%n", "MODE", "REQUESTS", "WRITES", "RERUN", "RERUN-W",
                "REACT-MIN", "REACT-MED", "REACT-MAX", "REQUESTS BY KIND (first run)");
        for (String[] mode : modes) {
            List<Run> results = new ArrayList<>();
            java.util.Random jitter = new java.util.Random(42);
            run(mode, csvDelayMs);   // warm-up, not counted
            for (int i = 0; i < runs; i++) results.add(run(mode, csvDelayMs + jitter.nextInt(2000)));
            List<Long> reactions = new ArrayList<>(results.stream().map(Run::reactionMillis).toList());
            Collections.sort(reactions);
            Run first = results.get(0);
            int writes = first.byKind().getOrDefault("PATCH apply", 0) + first.byKind().getOrDefault("PATCH merge", 0);
            System.out.printf("%-16s %9d %8d %8d %8d %8d ms %8d ms %8d ms %s%n", mode[0] + (mode[0].equals("poll") ? " " + mode[1] : ""),
                    first.requests(), writes, first.rerunRequests(), first.rerunWrites(),
                    reactions.get(0), reactions.get(reactions.size() / 2), reactions.get(reactions.size() - 1), first.byKind());
        }
        System.out.println("\nREQUESTS: rhoai's API requests in one bootstrap from nothing (with --wait-apps, token, --auto-sync);"
                + " RERUN: the same command again (RERUN-W: writes in it).");
        System.out.println("REACT: from the simulated operator setting the CSV to Succeeded to rhoai's first request of the next stage.");
        System.exit(0);
    }

    private static Run run(String[] mode, long csvDelayMs) throws Exception {
        Path tmp = Files.createTempDirectory("rhoai-bench");
        SimulatedCluster.Behaviour b = SimulatedCluster.Behaviour.healthy().withCsvDelay(Duration.ofMillis(csvDelayMs));
        try (SimulatedCluster cluster = SimulatedCluster.start(b)) {
            Path profiles = TestProfiles.write(tmp);
            Path kubeconfig = cluster.kubeconfig(tmp);
            String[] args = {"gitops", "bootstrap", "--cluster", TestProfiles.DEV, "--profiles-dir", profiles.toString(),
                    "--kubeconfig", kubeconfig.toString(), "--timeout", "2m", "--repo-username", "bot", "--auto-sync", "--wait-apps",
                    "--wait-mode", mode[0], "--poll-interval", mode[1], "-q"};
            Cli.Result r = Cli.cli().env("GIT_TOKEN", "bench-token-0123456789").run(args);
            if (r.exitCode() != 0) throw new IllegalStateException("bootstrap failed: " + r);
            List<Recorded> mine = cluster.dispatcher.requestsFrom("rhoai");
            long succeededAt = cluster.csvSucceededAt.get();
            long reaction = mine.stream().filter(q -> q.nanoTime() > succeededAt && q.path().contains("customresourcedefinitions"))
                    .mapToLong(Recorded::nanoTime).min().orElseThrow() - succeededAt;
            Map<String, Integer> byKind = new TreeMap<>();
            for (Recorded q : mine) byKind.merge(kind(q), 1, Integer::sum);
            cluster.dispatcher.clearRecorded();
            Cli.Result again = Cli.cli().env("GIT_TOKEN", "bench-token-0123456789").run(args);
            if (again.exitCode() != 0) throw new IllegalStateException("re-run failed: " + again);
            List<Recorded> rerun = cluster.dispatcher.requestsFrom("rhoai");
            return new Run(mine.size(), byKind, rerun.size(), (int) rerun.stream().filter(Recorded::isWrite).count(),
                    Duration.ofNanos(reaction).toMillis());
        } finally {
            try (var files = Files.walk(tmp)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static String kind(Recorded q) {
        if (q.method().equals("PATCH")) return q.contentType() != null && q.contentType().startsWith("application/apply-patch") ? "PATCH apply" : "PATCH merge";
        if (q.method().equals("GET")) {
            if (q.path().contains("watch=true")) return "GET watch";
            String p = q.pathWithoutQuery();
            boolean list = q.path().contains("fieldSelector") || p.endsWith("s") && !p.matches(".*/(namespaces|clusterrolebindings|customresourcedefinitions|subscriptions|installplans|clusterserviceversions|argocds|applications|appprojects|routes|secrets|packagemanifests|operatorgroups)/[^/]+$");
            return list ? "GET list" : "GET one";
        }
        return q.method();
    }
}
