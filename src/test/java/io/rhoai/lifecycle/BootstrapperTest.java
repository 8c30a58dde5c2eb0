package io.rhoai.lifecycle;

import io.rhoai.core.ErrorKind;
import io.rhoai.core.Progress;
import io.rhoai.core.RhoaiException;
import io.rhoai.core.time.Deadline;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The orchestration alone, with stages that record their calls: order, selection, the first failure, one deadline. */
class BootstrapperTest {
    final List<String> ran = new ArrayList<>();
    final List<Duration> budgets = new ArrayList<>();

    Stage stage(String name, boolean changed, RhoaiException failure, String notConfigured) {
        return new Stage() {
            @Override public String name() { return name; }
            @Override public String notConfigured() { return notConfigured; }
            @Override public Report run(Deadline deadline) {
                ran.add(name);
                budgets.add(deadline.remaining());
                if (failure != null) throw failure;
                return Report.changes(changed, name + " detail", null);
            }
        };
    }

    Map<String, Stage> stages(String failing, String unconfigured) {
        List<Stage> list = new ArrayList<>();
        for (String n : Bootstrapper.STAGES) {
            list.add(stage(n, true, n.equals(failing) ? RhoaiException.timeout("waited for " + n, "raise --timeout") : null,
                    n.equals(unconfigured) ? "the profile has no spec." + n : null));
        }
        return Bootstrapper.byName(list);
    }

    BootstrapReport run(Map<String, Stage> stages, Set<String> only, Set<String> skip) {
        return new Bootstrapper(Progress.NONE, Clock.systemUTC()).run(new Bootstrapper.Request("p", stages, only, skip,
                Duration.ofMinutes(10), "none", Map.of(Bootstrapper.OAUTH, "rhoai oauth remove-kubeadmin --cluster p --confirm")));
    }

    @Test
    void stagesRunInOrderSharingOneDeadline() {
        BootstrapReport r = run(stages(null, null), Set.of(), Set.of());
        assertThat(ran).containsExactlyElementsOf(Bootstrapper.STAGES);
        for (int i = 1; i < budgets.size(); i++) assertThat(budgets.get(i)).isLessThanOrEqualTo(budgets.get(i - 1));
        assertThat(budgets.get(0)).isLessThanOrEqualTo(Duration.ofMinutes(10));
        assertThat(r.failedStage()).isNull();
        assertThat(r.blockedBy()).isEmpty();
        assertThat(r.next()).containsExactly("rhoai oauth remove-kubeadmin --cluster p --confirm");
    }

    @Test
    void theFirstFailureStopsTheRunNamesTheStageAndKeepsItsKind() {
        BootstrapReport r = run(stages(Bootstrapper.GITOPS, null), Set.of(), Set.of());
        assertThat(ran).containsExactly(Bootstrapper.IDENTITY, Bootstrapper.GPU_POOLS, Bootstrapper.GITOPS);
        assertThat(r.stages()).extracting(StageResult::outcomeText)
                .containsExactly("changed", "changed", "failed", "not-run", "not-run", "not-run");
        RhoaiException e = r.blockedBy().orElseThrow();
        assertThat(e.kind()).isEqualTo(ErrorKind.TIMEOUT);
        assertThat(e.getMessage()).isEqualTo("bootstrap stage 'gitops' failed: waited for gitops");
        assertThat(r.next()).as("no next step after a failure").isEmpty();
    }

    @Test
    void unconfiguredSkippedAndUnselectedStagesAreReportedNotRun() {
        BootstrapReport r = run(stages(null, Bootstrapper.OAUTH), Set.of(Bootstrapper.GITOPS, Bootstrapper.OAUTH), Set.of());
        assertThat(ran).containsExactly(Bootstrapper.IDENTITY, Bootstrapper.GITOPS);
        assertThat(r.stages()).extracting(StageResult::outcomeText).containsExactly("changed", "skipped (not in --only)", "changed",
                "skipped (not configured)", "skipped (not in --only)", "skipped (not in --only)");
        assertThat(r.stages().get(3).detail()).isEqualTo("the profile has no spec.oauth");
        ran.clear();
        run(stages(null, null), Set.of(), Set.of(Bootstrapper.CERTIFICATES));
        assertThat(ran).doesNotContain(Bootstrapper.CERTIFICATES).contains(Bootstrapper.APPLICATIONS);
    }

    @Test
    void stageNamesAreCheckedWithAHint() {
        assertThatThrownBy(() -> Bootstrapper.validateSelection(List.of("certificate"), List.of()))
                .hasMessage("--only: no stage 'certificate'; did you mean 'certificates'?");
        assertThatThrownBy(() -> Bootstrapper.validateSelection(List.of(), List.of("identity")))
                .satisfies(e -> assertThat(((RhoaiException) e).hint()).contains("--skip-cluster-check"));
        assertThatThrownBy(() -> Bootstrapper.validateSelection(List.of("oauth"), List.of("oauth"))).hasMessageContaining("both name");
    }

    @Test
    void aSpentDeadlineFailsTheNextStageAsATimeoutWithoutRunningIt() {
        List<Stage> list = new ArrayList<>();
        for (String n : Bootstrapper.STAGES) {
            list.add(n.equals(Bootstrapper.IDENTITY) ? new Stage() {
                @Override public String name() { return n; }
                @Override public Report run(Deadline d) {
                    try {
                        Thread.sleep(d.remaining().toMillis() + 20);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return Report.check("ok", null);
                }
            } : stage(n, true, null, null));
        }
        BootstrapReport r = new Bootstrapper(Progress.NONE, Clock.systemUTC()).run(new Bootstrapper.Request("p", Bootstrapper.byName(list),
                Set.of(), Set.of(), Duration.ofMillis(50), "none", Map.of()));
        assertThat(ran).isEmpty();
        assertThat(r.failedStage()).isEqualTo(Bootstrapper.GPU_POOLS);
        assertThat(r.blockedBy().orElseThrow().kind()).isEqualTo(ErrorKind.TIMEOUT);
    }

    /** A stage whose engine let a client error or a wrapped RhoaiException escape fails with its command's exit code, not 8. */
    @Test
    void anEscapedClientErrorKeepsTheKindItsCommandWouldGive() {
        Map<String, Stage> stages = new java.util.LinkedHashMap<>(stages(null, null));
        stages.put(Bootstrapper.GITOPS, new Stage() {
            @Override public String name() { return Bootstrapper.GITOPS; }
            @Override public Report run(Deadline d) {
                throw new io.fabric8.kubernetes.client.KubernetesClientException("Internal error", 500, null);
            }
        });
        stages.put(Bootstrapper.OAUTH, new Stage() {
            @Override public String name() { return Bootstrapper.OAUTH; }
            @Override public Report run(Deadline d) {
                throw new IllegalStateException("wrapped", RhoaiException.precondition("refused", "do this"));
            }
        });
        BootstrapReport r = run(stages, Set.of(), Set.of());
        assertThat(r.failedStage()).isEqualTo(Bootstrapper.GITOPS);
        assertThat(r.blockedBy().orElseThrow().kind()).isEqualTo(ErrorKind.REMOTE);
        BootstrapReport o = run(stages, Set.of(Bootstrapper.OAUTH), Set.of());
        assertThat(o.blockedBy().orElseThrow().kind()).isEqualTo(ErrorKind.PRECONDITION);
        assertThat(o.stages()).filteredOn(s -> s.stage().equals(Bootstrapper.OAUTH)).first()
                .satisfies(s -> assertThat(s.hint()).isEqualTo("do this"));
    }
}
