package io.rhoai.promote;

import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.MergeCommand;
import org.eclipse.jgit.api.MergeResult;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.transport.RefSpec;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.TimeZone;

/**
 * A GitOps repo shaped like the seed's (rh-aiservices-bu/rhoaibu-cluster): ApplicationSets under components/argocd/apps
 * (a list generator with values.path, a git directory generator over components/operators/*, one list generator per
 * instance), two cluster overlays that retarget revisions and paths with JSON6902 patches, and a history with
 * <ul>
 *   <li>a docs commit on dev already promoted to main by a --no-ff merge ("Merge pull request #148"): not drift;</li>
 *   <li>dev ahead of main with an operator channel bump and a serving-runtime fix in different component folders;</li>
 *   <li>optionally a hotfix pushed to main only (drift), or one that conflicts with the runtime fix.</li>
 * </ul>
 * Built in a working clone and pushed to a bare "remote" repo.
 */
public final class SeedRepo implements AutoCloseable {
    public static final String REPO_URL_IN_APPSETS = "https://github.com/acme/rhoaibu-cluster";
    public final Path root;
    public final Path remote;
    public final Path work;
    public final Path profiles;
    public final Git git;
    private long clock = Instant.parse("2025-07-24T10:00:00Z").getEpochSecond();

    public enum Hotfix { NONE, SEPARATE_FILE, CONFLICTING }

    public ObjectId operatorCommit, runtimeCommit, docsCommit, promotionMerge, hotfixCommit;

    private SeedRepo(Path root) throws Exception {
        this.root = root;
        this.remote = root.resolve("remote.git");
        this.work = root.resolve("work");
        this.profiles = root.resolve("profiles");
        Files.createDirectories(profiles);
        Git.init().setBare(true).setDirectory(remote.toFile()).setInitialBranch("main").call().close();
        this.git = Git.init().setDirectory(work.toFile()).setInitialBranch("main").call();
        git.getRepository().getConfig().setString("user", null, "name", "Test Author");
        git.getRepository().getConfig().setString("user", null, "email", "author@example.com");
        git.getRepository().getConfig().save();
    }

    public static SeedRepo create(Path root, Hotfix hotfix) throws Exception {
        SeedRepo s = new SeedRepo(root);
        s.writeBaseTree();
        s.commit("back to the future: rhoai dev again", "rcarrata");
        s.git.branchCreate().setName("dev").call();
        s.checkout("dev");
        s.write("docs/develop-and-test-changes.md", "# Dev/test workflow\n\nFeature branch → dev → main.\n");
        s.docsCommit = s.commit("docs: dev/test workflow", "rcarrata");
        s.checkout("main");
        s.promotionMerge = s.merge("dev", "Merge pull request #148 from acme/dev");
        s.checkout("dev");
        s.write("components/operators/rhoai-operator/subscription.yaml", subscription("stable-2.25"));
        s.operatorCommit = s.commit("rhoai: channel 2.22 -> 2.25", "gmoutier");
        s.write("components/instances/rhoai-instance/base/servingruntime.yaml", runtime("vllm-rhoai-2.25"));
        s.runtimeCommit = s.commit("llama-4: bumping to 2.25 after testing", "cansu");
        s.checkout("main");
        if (hotfix == Hotfix.SEPARATE_FILE) {
            s.write("components/instances/rhoai-instance/base/accelerator-profile.yaml", acceleratorProfile());
            s.write("components/instances/rhoai-instance/base/kustomization.yaml",
                    kustomization("servingruntime.yaml", "accelerator-profile.yaml"));
            s.hotfixCommit = s.commit("hotfix: re-add accelerator profiles on main", "rcarrata");
        } else if (hotfix == Hotfix.CONFLICTING) {
            s.write("components/instances/rhoai-instance/base/servingruntime.yaml", runtime("vllm-hotfix-2.22"));
            s.hotfixCommit = s.commit("hotfix: pin runtime image on main", "rcarrata");
        }
        s.pushAll();
        s.writeProfile("rhoaibu-cluster-dev", "dev", "branch");
        s.writeProfile("rhoaibu-cluster-prod", "main", "branch");
        return s;
    }

    public String repoUrl() {
        return remote.toString();
    }

    public void writeProfile(String name, String revision, String promotion) {
        writeProfile(name, repoUrl(), revision, promotion);
    }

    public void writeProfile(String name, String repoUrl, String revision, String promotion) {
        String yaml = """
                apiVersion: rhoai.io/v1alpha1
                kind: ClusterProfile
                metadata:
                  name: %s
                spec:
                  cluster:
                    name: %s
                    baseDomain: example.com
                  gitops:
                    repoURL: %s
                    revision: %s
                    overlayPath: clusters/overlays/%s
                    promotion: %s
                """.formatted(name, name.substring(name.lastIndexOf('-') + 1), repoUrl, revision, name, promotion);
        try {
            Files.writeString(profiles.resolve(name + ".yaml"), yaml);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ------------------------------------------------------------------------------------------- repo content

    private void writeBaseTree() {
        write("README.md", "# rhoaibu-cluster\n");
        write("clusters/base/kustomization.yaml", kustomization("../../components/argocd/apps"));
        for (String env : new String[]{"rhoaibu-cluster-dev", "rhoaibu-cluster-prod"}) {
            String rev = env.endsWith("dev") ? "dev" : "main";
            write("clusters/overlays/" + env + "/kustomization.yaml", overlay(env, rev));
        }
        write("components/argocd/apps/kustomization.yaml", kustomization("cluster-config-applicationset.yaml",
                "cluster-operators-applicationset.yaml", "cluster-oper-instances-applicationset.yaml"));
        write("components/argocd/apps/cluster-config-applicationset.yaml", """
                apiVersion: argoproj.io/v1alpha1
                kind: ApplicationSet
                metadata:
                  name: cluster-config-applicationset
                  namespace: openshift-gitops
                spec:
                  generators:
                    - list:
                        elements:
                          - name: config-namespaces
                            values:
                              path: components/configs/namespaces/overlays
                          - name: config-console
                            values:
                              path: components/configs/console/overlays
                  template:
                    metadata:
                      name: '{{name}}'
                    spec:
                      project: cluster-config
                      source:
                        repoURL: %s
                        targetRevision: dev
                        path: '{{values.path}}'
                      destination:
                        server: https://kubernetes.default.svc
                        namespace: openshift-gitops
                      syncPolicy:
                        automated:
                          prune: false
                          selfHeal: true
                """.formatted(REPO_URL_IN_APPSETS));
        write("components/argocd/apps/cluster-operators-applicationset.yaml", """
                apiVersion: argoproj.io/v1alpha1
                kind: ApplicationSet
                metadata:
                  name: cluster-operators-applicationset
                  namespace: openshift-gitops
                spec:
                  generators:
                    - git:
                        repoURL: %s
                        revision: dev
                        directories:
                          - path: components/operators/*
                  template:
                    metadata:
                      name: '{{path.basename}}'
                    spec:
                      project: cluster-operators
                      source:
                        repoURL: %s
                        targetRevision: dev
                        path: '{{path}}'
                      destination:
                        server: https://kubernetes.default.svc
                        namespace: openshift-gitops
                      syncPolicy:
                        automated:
                          selfHeal: true
                """.formatted(REPO_URL_IN_APPSETS, REPO_URL_IN_APPSETS));
        write("components/argocd/apps/cluster-oper-instances-applicationset.yaml", """
                apiVersion: argoproj.io/v1alpha1
                kind: ApplicationSet
                metadata:
                  name: cluster-oper-instances-applicationset
                  namespace: openshift-gitops
                spec:
                  generators:
                    - list:
                        elements:
                          - name: instance-rhoai
                            values:
                              path: components/instances/rhoai-instance/overlays/full
                    - list:
                        elements:
                          - name: instance-odf
                            values:
                              path: components/instances/odf-instance/overlays/
                  template:
                    metadata:
                      name: '{{name}}'
                    spec:
                      project: cluster-oper-instances
                      source:
                        repoURL: %s
                        targetRevision: dev
                        path: '{{values.path}}'
                      destination:
                        server: https://kubernetes.default.svc
                        namespace: openshift-gitops
                      syncPolicy:
                        automated:
                          selfHeal: true
                """.formatted(REPO_URL_IN_APPSETS));
        write("components/configs/namespaces/overlays/kustomization.yaml", kustomization("namespaces.yaml"));
        write("components/configs/namespaces/overlays/namespaces.yaml", """
                apiVersion: v1
                kind: Namespace
                metadata:
                  name: rhoai-model-registries
                """);
        write("components/configs/console/base/kustomization.yaml", kustomization("banner.yaml"));
        write("components/configs/console/base/banner.yaml", """
                apiVersion: console.openshift.io/v1
                kind: ConsoleNotification
                metadata:
                  name: banner-cluster
                spec:
                  location: BannerTop
                  text: RHOAI BU Cluster
                  color: '#FFF'
                """);
        for (String env : new String[]{"rhoaibu-cluster-dev", "rhoaibu-cluster-prod"}) {
            write("components/configs/console/overlays/" + env + "/kustomization.yaml", """
                    apiVersion: kustomize.config.k8s.io/v1beta1
                    kind: Kustomization
                    resources:
                      - ../../base
                    patches:
                      - target:
                          kind: ConsoleNotification
                          name: banner-cluster
                        patch: |-
                          - op: replace
                            path: /spec/backgroundColor
                            value: '%s'
                    """.formatted(env.endsWith("dev") ? "#60009F" : "#FF333C"));
            write("components/instances/odf-instance/overlays/" + env + "/kustomization.yaml", kustomization("storageclass.yaml"));
            write("components/instances/odf-instance/overlays/" + env + "/storageclass.yaml", """
                    apiVersion: storage.k8s.io/v1
                    kind: StorageClass
                    metadata:
                      name: ocs-storagecluster-ceph-rgw
                    provisioner: openshift-storage.ceph.rook.io/bucket
                    parameters:
                      region: %s
                    """.formatted(env.endsWith("dev") ? "us-west-2" : "us-east-1"));
        }
        write("components/operators/rhoai-operator/kustomization.yaml", kustomization("subscription.yaml"));
        write("components/operators/rhoai-operator/subscription.yaml", subscription("stable-2.22"));
        write("components/operators/nfd/kustomization.yaml", kustomization("subscription.yaml"));
        write("components/operators/nfd/subscription.yaml", """
                apiVersion: operators.coreos.com/v1alpha1
                kind: Subscription
                metadata:
                  name: nfd
                  namespace: openshift-nfd
                spec:
                  channel: stable
                  name: nfd
                  source: redhat-operators
                  sourceNamespace: openshift-marketplace
                """);
        write("components/instances/rhoai-instance/base/kustomization.yaml", kustomization("servingruntime.yaml"));
        write("components/instances/rhoai-instance/base/servingruntime.yaml", runtime("vllm-rhoai-2.19"));
        write("components/instances/rhoai-instance/overlays/full/kustomization.yaml", kustomization("../../base"));
    }

    static String overlay(String env, String rev) {
        return """
                apiVersion: kustomize.config.k8s.io/v1beta1
                kind: Kustomization
                resources:
                  - ../../base
                patches:
                  - target:
                      kind: ApplicationSet
                      name: cluster-config-applicationset
                    patch: |-
                      - op: replace
                        path: /spec/template/spec/source/targetRevision
                        value: %2$s
                      - op: replace
                        path: /spec/generators/0/list/elements/1/values/path
                        value: components/configs/console/overlays/%1$s
                  - target:
                      kind: ApplicationSet
                      name: cluster-oper-instances-applicationset
                    patch: |-
                      - op: replace
                        path: /spec/template/spec/source/targetRevision
                        value: %2$s
                      - op: replace
                        path: /spec/generators/1/list/elements/0/values/path
                        value: components/instances/odf-instance/overlays/%1$s
                  - target:
                      kind: ApplicationSet
                      name: cluster-operators-applicationset
                    patch: |-
                      - op: replace
                        path: /spec/template/spec/source/targetRevision
                        value: %2$s
                      - op: replace
                        path: /spec/generators/0/git/revision
                        value: %2$s
                  # Uncomment patches to disable automatic sync
                  - target:
                      kind: ApplicationSet
                    patch: |-
                      - op: remove
                        path: /spec/template/spec/syncPolicy
                """.formatted(env, rev);
    }

    static String kustomization(String... resources) {
        StringBuilder b = new StringBuilder("apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n");
        for (String r : resources) b.append("  - ").append(r).append('\n');
        return b.toString();
    }

    static String subscription(String channel) {
        return """
                apiVersion: operators.coreos.com/v1alpha1
                kind: Subscription
                metadata:
                  name: rhods-operator
                  namespace: redhat-ods-operator
                spec:
                  channel: %s
                  installPlanApproval: Automatic
                  name: rhods-operator
                  source: redhat-operators
                  sourceNamespace: openshift-marketplace
                """.formatted(channel);
    }

    static String runtime(String name) {
        return """
                apiVersion: serving.kserve.io/v1alpha1
                kind: ServingRuntime
                metadata:
                  name: llama-4-runtime
                  namespace: llama-serving
                spec:
                  containers:
                    - name: kserve-container
                      image: registry.redhat.io/rhoai/odh-vllm-cuda-rhel9:%s
                  supportedModelFormats:
                    - name: vLLM
                """.formatted(name);
    }

    static String acceleratorProfile() {
        return """
                apiVersion: dashboard.opendatahub.io/v1
                kind: AcceleratorProfile
                metadata:
                  name: nvidia-l40
                  namespace: redhat-ods-applications
                spec:
                  displayName: NVIDIA L40
                  enabled: true
                  identifier: nvidia.com/gpu
                """;
    }

    // --------------------------------------------------------------------------------------------- git helpers

    public void write(String path, String content) {
        try {
            Path p = work.resolve(path);
            Files.createDirectories(p.getParent());
            Files.writeString(p, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public RevCommit commit(String message, String author) {
        try {
            git.add().addFilepattern(".").call();
            git.add().addFilepattern(".").setUpdate(true).call();
            PersonIdent who = ident(author);
            return git.commit().setMessage(message).setAuthor(who).setCommitter(who).call();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private PersonIdent ident(String author) {
        clock += 600;
        return new PersonIdent(author, author + "@example.com", new java.util.Date(clock * 1000), TimeZone.getTimeZone("UTC"));
    }

    public void checkout(String branch) {
        try {
            git.checkout().setName(branch).call();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public ObjectId merge(String branch, String message) {
        try {
            MergeResult r = git.merge().include(git.getRepository().resolve(branch)).setFastForward(MergeCommand.FastForwardMode.NO_FF)
                    .setCommit(false).call();
            if (!r.getMergeStatus().isSuccessful()) throw new IllegalStateException("merge failed: " + r);
            PersonIdent who = ident("GitHub");
            return git.commit().setMessage(message).setAuthor(who).setCommitter(who).call();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public void pushAll() {
        try {
            git.push().setRemote(remote.toString()).setRefSpecs(new RefSpec("+refs/heads/*:refs/heads/*")).call();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Fetches the remote's branches into refs/remotes/origin/* of the work clone and returns a branch's commit there. */
    public ObjectId remoteBranch(String branch) {
        try {
            git.fetch().setRemote(remote.toString()).setRefSpecs(new RefSpec("+refs/heads/*:refs/remotes/origin/*"))
                    .setRemoveDeletedRefs(true).call();
            return git.getRepository().resolve("refs/remotes/origin/" + branch);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Merges a remote branch into a local branch, as GitHub's merge button would, and pushes it. */
    public void mergeRemoteBranchInto(String remoteBranch, String into, String message) {
        remoteBranch(remoteBranch);
        checkout(into);
        merge("refs/remotes/origin/" + remoteBranch, message);
        pushAll();
    }

    /** A file's content at the tip of a remote branch. */
    public String fileAt(String branch, String path) {
        try {
            ObjectId commit = remoteBranch(branch);
            var repo = git.getRepository();
            try (var walk = new org.eclipse.jgit.revwalk.RevWalk(repo);
                 var tw = org.eclipse.jgit.treewalk.TreeWalk.forPath(repo, path, walk.parseCommit(commit).getTree())) {
                return tw == null ? null : new String(repo.open(tw.getObjectId(0)).getBytes());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        git.close();
    }
}
