package io.rhoai.cli.gpu;

import io.rhoai.testing.ApplyingCrudDispatcher.Recorded;
import io.rhoai.testing.Cli;

import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Benchmark, not a test (run by scripts/bench/gpu-pools.sh): API requests and writes of {@code gpu pools add} for the
 * test profile's two pools against the fake cluster of GpuPoolsCommandTest: the first run, a re-run, and a run during
 * which another party edits the ClusterAutoscaler once between rhoai's read and its write.
 */
public final class GpuPoolsBenchmark {
    private static final java.util.regex.Pattern PLURAL =
            java.util.regex.Pattern.compile("^/(?:api/v1|apis/[^/]+/[^/]+)(?:/namespaces/[^/]+)?/([^/]+)");

    private GpuPoolsBenchmark() { }

    public static void main(String[] args) throws Exception {
        System.out.printf("%-34s %5s %9s %7s %8s  %s%n", "RUN", "EXIT", "REQUESTS", "WRITES", "WALL", "BY KIND");
        GpuPoolsCommandTest t = fresh();
        measure("first add (2 pools)", t);
        measure("re-run", t);
        t.stop();
        t = fresh();
        t.dispatcher.interleave(r -> r.pathWithoutQuery().endsWith("/clusterautoscalers/default") && r.userAgent() != null
                && r.userAgent().startsWith("rhoai"), "someone-else", ca -> {
            ca.with("spec").put("logVerbosity", 6);
            return ca;
        });
        measure("first add, one concurrent CA edit", t);
        t.stop();
        System.exit(0);
    }

    private static GpuPoolsCommandTest fresh() throws Exception {
        GpuPoolsCommandTest t = new GpuPoolsCommandTest();
        t.tmp = Files.createTempDirectory("rhoai-gpu-bench");
        t.start();
        return t;
    }

    private static void measure(String what, GpuPoolsCommandTest t) {
        t.dispatcher.clearRecorded();
        long t0 = System.nanoTime();
        Cli.Result r = t.add("--cluster", "gpu-dev");
        long ms = (System.nanoTime() - t0) / 1_000_000;
        List<Recorded> mine = t.dispatcher.requestsFrom("rhoai");
        Map<String, Integer> byKind = new TreeMap<>();
        for (Recorded rec : mine) {
            java.util.regex.Matcher m = PLURAL.matcher(rec.pathWithoutQuery());
            byKind.merge(rec.method() + " " + (m.find() ? m.group(1) : rec.pathWithoutQuery()), 1, Integer::sum);
        }
        System.out.printf("%-34s %5d %9d %7d %6d ms  %s%n", what, r.exitCode(), mine.size(), mine.stream().filter(Recorded::isWrite).count(), ms, byKind);
    }
}
