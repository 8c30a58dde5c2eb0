package io.rhoai.lifecycle;

import io.rhoai.core.ErrorKind;
import io.rhoai.core.Progress;
import io.rhoai.core.RhoaiException;
import io.rhoai.core.time.Deadline;
import io.rhoai.core.time.Durations;
import io.rhoai.kube.Retry;
import io.rhoai.profile.TypoHints;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code rhoai bootstrap}: runs the day-1 stages in order, each an existing engine behind {@link Stage}, under ONE
 * deadline. A stage the profile does not configure is skipped and says so; the first stage that fails stops the run
 * (later ones are {@code not-run}) and its error is the run's. Knows no engine: the stages are given to it.
 */
public final class Bootstrapper {
    public static final String IDENTITY = "identity";
    public static final String GPU_POOLS = "gpu-pools";
    public static final String GITOPS = "gitops";
    public static final String OAUTH = "oauth";
    public static final String CERTIFICATES = "certificates";
    public static final String APPLICATIONS = "applications";
    /** Every stage, in run order. */
    public static final List<String> STAGES = List.of(IDENTITY, GPU_POOLS, GITOPS, OAUTH, CERTIFICATES, APPLICATIONS);

    /**
     * @param stages     by name; must be exactly {@link #STAGES}
     * @param only       stage names to run (empty: all); identity runs anyway, it guards the writes
     * @param skip       stage names not to run
     * @param timeout    the whole run's budget, shared by every stage
     * @param dryRun     none, client or server (reported)
     * @param nextAfter  per stage, a command for a person to run once that stage has completed
     */
    public record Request(String profile, Map<String, Stage> stages, Set<String> only, Set<String> skip, Duration timeout,
            String dryRun, Map<String, String> nextAfter) { }

    private final Progress progress;
    private final Clock clock;

    public Bootstrapper(Progress progress, Clock clock) {
        this.progress = progress;
        this.clock = clock;
    }

    /** Checks --only/--skip names against {@link #STAGES} (invalid input naming the option, with the closest name). */
    public static void validateSelection(Collection<String> only, Collection<String> skip) {
        names("--only", only);
        names("--skip", skip);
        if (skip.contains(IDENTITY)) {
            throw RhoaiException.invalid("--skip identity: the identity check guards every later write",
                    "pass --skip-cluster-check to skip the check itself");
        }
        List<String> both = only.stream().filter(skip::contains).toList();
        if (!both.isEmpty()) throw RhoaiException.invalid("--only and --skip both name " + both, "name each stage in one of them");
    }

    private static void names(String option, Collection<String> given) {
        for (String name : given) {
            if (STAGES.contains(name)) continue;
            String close = TypoHints.closest(name, STAGES);
            throw RhoaiException.invalid(option + ": no stage '" + name + "'" + (close == null ? "" : "; did you mean '" + close + "'?"),
                    "stages are " + String.join(", ", STAGES));
        }
    }

    public BootstrapReport run(Request request) {
        validateSelection(request.only(), request.skip());
        if (!request.stages().keySet().equals(Set.copyOf(STAGES))) {
            throw new IllegalArgumentException("stages must be exactly " + STAGES + ", got " + request.stages().keySet());
        }
        Deadline deadline = Deadline.in(request.timeout(), clock);
        List<StageResult> results = new ArrayList<>();
        String failed = null;
        boolean changed = false;
        for (String name : STAGES) {
            Stage stage = request.stages().get(name);
            StageResult result;
            if (failed != null) {
                result = StageResult.notRun(name, failed);
            } else if (request.skip().contains(name)) {
                result = StageResult.skipped(name, "--skip");
            } else if (!request.only().isEmpty() && !request.only().contains(name) && !IDENTITY.equals(name)) {
                result = StageResult.skipped(name, "not in --only");
            } else if (stage.skipped() != null) {
                result = StageResult.skipped(name, stage.skipped());
            } else if (stage.notConfigured() != null) {
                result = new StageResult(name, StageResult.Outcome.SKIPPED, "not configured", 0, stage.notConfigured(), null, null, null);
            } else {
                result = run(stage, deadline, request.timeout());
                if (result.outcome() == StageResult.Outcome.FAILED) failed = name;
                changed |= result.outcome() == StageResult.Outcome.CHANGED;
            }
            results.add(result);
        }
        List<String> next = new ArrayList<>();
        if (failed == null) {
            for (StageResult r : results) {
                String cmd = request.nextAfter().get(r.stage());
                boolean completed = r.outcome() == StageResult.Outcome.CHANGED || r.outcome() == StageResult.Outcome.UNCHANGED;
                if (cmd != null && completed) next.add(cmd);
            }
        }
        long ms = deadline.elapsed().toMillis();
        if (failed == null) {
            progress.done("bootstrap of " + request.profile() + (changed ? " complete" : ": nothing changed, every stage was done already")
                    + " in " + Durations.format(deadline.elapsed()));
        }
        return new BootstrapReport(request.profile(), request.dryRun(), changed, failed, ms, List.copyOf(results), List.copyOf(next));
    }

    private StageResult run(Stage stage, Deadline deadline, Duration total) {
        String name = stage.name();
        if (deadline.expired()) {
            return new StageResult(name, StageResult.Outcome.FAILED, null, 0,
                    "the run's --timeout " + Durations.format(total) + " was spent before this stage started", ErrorKind.TIMEOUT,
                    "raise --timeout; a re-run continues here, the finished stages are read and skipped", null);
        }
        progress.step("stage " + name);
        long start = System.nanoTime();
        try {
            Stage.Report report = stage.run(deadline);
            long ms = (System.nanoTime() - start) / 1_000_000;
            StageResult.Outcome outcome = report.checked() ? StageResult.Outcome.OK
                    : report.rendered() ? StageResult.Outcome.RENDERED : report.changed() ? StageResult.Outcome.CHANGED : StageResult.Outcome.UNCHANGED;
            progress.done("stage " + name + ": " + outcome + (report.detail() == null ? "" : " (" + report.detail() + ")"));
            return new StageResult(name, outcome, null, ms, report.detail(), null, null, report.result());
        } catch (RuntimeException e) {
            // the exit code the stage's own command would give: a wrapped RhoaiException or a client error keeps its kind
            long ms = (System.nanoTime() - start) / 1_000_000;
            RhoaiException r = Retry.asRhoai(e);
            if (r.kind() == ErrorKind.INTERNAL) progress.debug("stage " + name + ": " + e);
            String hint = r.kind() == ErrorKind.INTERNAL ? "re-run with -v and report the trace" : r.hint();
            return new StageResult(name, StageResult.Outcome.FAILED, null, ms, oneLine(r.getMessage()), r.kind(), hint, null);
        }
    }

    private static String oneLine(String s) {
        return s == null ? "" : s.replaceAll("\\s*\\R\\s*", " ").strip();
    }

    /** The stages as a map in run order, for {@link Request}. */
    public static Map<String, Stage> byName(List<Stage> stages) {
        Map<String, Stage> m = new LinkedHashMap<>();
        for (Stage s : stages) m.put(s.name(), s);
        return m;
    }
}
