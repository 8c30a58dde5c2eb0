package io.rhoai.installconfig;

import io.rhoai.cli.ExitCodes;
import io.rhoai.testing.Cli;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bad inputs a person really makes, each through the real command line: the exact one-line error (file, field, problem),
 * a hint, the exit code from the table, nothing on stdout, and NOT ONE file written or changed.
 */
class BadInputCorpusTest {
    /** A fake private key body: it must never be echoed. */
    static final String PRIVATE_KEY_BODY = "b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW";

    @TempDir Path tmp;
    Path profiles;
    Path out;

    /** One case: how to break the inputs, which command, and what the user must see. */
    record Case(String name, Setup setup, String command, int exitCode, String error) {
        @Override public String toString() { return name; }
    }

    interface Setup {
        /** Breaks something under {@code t}; may return extra arguments replacing the defaults (null: keep them). */
        List<String> apply(BadInputCorpusTest t) throws IOException;
    }

    static final String RENDER = "render";
    static final String GPU = "gpu-manifests";

    static final List<Case> CASES = List.of(
            new Case("typo'd field in the profile", t -> t.edit("rhoaibu-cluster-dev.yaml", "  gitops:\n    revision: dev",
                    "  gitops:\n    revison: dev"), RENDER, 3,
                    "error: rhoaibu-cluster-dev.yaml: spec.gitops.revison: unknown field"),
            new Case("typo'd field in the base", t -> t.edit("_base.yaml", "      maxReplicas: 4", "      maxReplica: 4"), RENDER, 3,
                    "error: _base.yaml: spec.gpuPools[0].maxReplica: unknown field"),
            new Case("invalid YAML", t -> t.edit("rhoaibu-cluster-dev.yaml", "    name: dev", "    name: [dev"), RENDER, 3,
                    "error: rhoaibu-cluster-dev.yaml: invalid YAML (line"),
            new Case("a key written twice", t -> t.append("rhoaibu-cluster-dev.yaml", "  publish: Internal\n  publish: External\n"), RENDER, 3,
                    "error: rhoaibu-cluster-dev.yaml: invalid YAML (line 10, column 10): Duplicate field 'publish'"),
            new Case("machine network overlaps cluster network", t -> t.edit("_base.yaml", "- cidr: 10.0.0.0/16", "- cidr: 10.128.0.0/16"), RENDER, 3,
                    "error: _base.yaml: spec.networking.machineNetwork[0].cidr: 10.128.0.0/16 overlaps spec.networking.clusterNetwork[0].cidr (10.128.0.0/14)"),
            new Case("service network overlaps machine network", t -> t.edit("_base.yaml", "- 172.30.0.0/16", "- 10.0.128.0/17"), RENDER, 3,
                    "error: _base.yaml: spec.networking.serviceNetwork[0]: 10.0.128.0/17 overlaps spec.networking.machineNetwork[0].cidr (10.0.0.0/16)"),
            new Case("CIDR with host bits", t -> t.edit("_base.yaml", "- cidr: 10.0.0.0/16", "- cidr: 10.0.1.0/16"), RENDER, 3,
                    "error: _base.yaml: spec.networking.machineNetwork[0].cidr: '10.0.1.0/16' has host bits set"),
            new Case("not a CIDR", t -> t.edit("_base.yaml", "- 172.30.0.0/16", "- 172.30.0.0/33"), RENDER, 3,
                    "error: _base.yaml: spec.networking.serviceNetwork[0]: '172.30.0.0/33' is not CIDR notation"),
            new Case("hostPrefix wider than the cluster network", t -> t.edit("_base.yaml", "hostPrefix: 23", "hostPrefix: 12"), RENDER, 3,
                    "error: _base.yaml: spec.networking.clusterNetwork[0].hostPrefix: 12 does not fit 10.128.0.0/14"),
            new Case("unknown GPU instance type", t -> t.edit("_base.yaml", "instanceType: g6.2xlarge\n      access: SHARED",
                    "instanceType: g6.2xlarg\n      access: SHARED"), RENDER, 3,
                    "error: _base.yaml: spec.gpuPools[name=l4-shared].instanceType: 'g6.2xlarg' is not in the GPU catalog"),
            new Case("pool zone outside the region", t -> t.append("rhoaibu-cluster-dev.yaml", """
                      gpuPools:
                        - name: t4-shared
                          zones: [us-east-1a]
                    """), RENDER, 3,
                    "error: rhoaibu-cluster-dev.yaml: spec.gpuPools[name=t4-shared].zones[0]: zone 'us-east-1a' is not in region us-west-2"),
            new Case("pool zone without a worker MachineSet", t -> t.append("rhoaibu-cluster-dev.yaml", """
                      gpuPools:
                        - name: t4-shared
                          zones: [d]
                    """), RENDER, 3,
                    "error: rhoaibu-cluster-dev.yaml: spec.gpuPools[name=t4-shared].zones: zone us-west-2d has no worker MachineSet"),
            new Case("misspelled region", t -> t.edit("rhoaibu-cluster-dev.yaml", "region: us-west-2", "region: us-west-02"), RENDER, 3,
                    "error: rhoaibu-cluster-dev.yaml: spec.platform.aws.region: 'us-west-02' is not an AWS region"),
            new Case("the seed's prod cap conflict: t4-private max 11 > Tesla-T4-PRIVATE cap 10",
                    t -> {
                        t.edit("rhoaibu-cluster-prod.yaml", "      maxReplicas: 10", "      maxReplicas: 11");
                        return t.args("--cluster", "rhoaibu-cluster-prod");
                    }, RENDER, 3,
                    "error: rhoaibu-cluster-prod.yaml: spec.gpuPools[name=t4-private].maxReplicas: 11 nodes × 1 GPU = 11 GPUs exceeds the cluster-wide cap of 10 for Tesla-T4-PRIVATE (spec.autoscaler.gpuLimits.Tesla-T4-PRIVATE)"),
            new Case("minReplicas above maxReplicas", t -> t.edit("_base.yaml", "      minReplicas: 0\n      maxReplicas: 2",
                    "      minReplicas: 3\n      maxReplicas: 2"), RENDER, 3,
                    "error: _base.yaml: spec.gpuPools[name=l4-shared].minReplicas: 3 is above maxReplicas 2"),
            new Case("cluster name not a DNS label", t -> t.edit("rhoaibu-cluster-dev.yaml", "    name: dev", "    name: Dev_Cluster"), RENDER, 3,
                    "error: rhoaibu-cluster-dev.yaml: spec.cluster.name: 'Dev_Cluster' is not a valid DNS label"),
            new Case("pool name not a Kubernetes name", t -> t.edit("_base.yaml", "- name: t4-shared", "- name: T4_Shared"), RENDER, 3,
                    "error: _base.yaml: spec.gpuPools[name=T4_Shared].name: 'T4_Shared' is not a valid Kubernetes name"),
            new Case("pool name too long for a MachineSet name", t -> t.edit("_base.yaml", "- name: l4-private",
                    "- name: l4-private-for-the-model-serving-team-x"), RENDER, 3,
                    "error: _base.yaml: spec.gpuPools[name=l4-private-for-the-model-serving-team-x].name: the MachineSet name <infraID>-gpu-l4-private-for-the-model-serving-team-x-us-west-2a can reach 64 characters, over the 63 a label value allows"),
            new Case("access mode in lower case", t -> t.edit("_base.yaml", "access: PRIVATE\n      zones: [a]\n      minReplicas: 0\n      maxReplicas: 10\n    - name: l4-shared",
                    "access: private\n      zones: [a]\n      minReplicas: 0\n      maxReplicas: 10\n    - name: l4-shared"), RENDER, 3,
                    "error: _base.yaml: spec.gpuPools[name=t4-private].access: 'private' is not an access mode"),
            new Case("publish value", t -> t.edit("_base.yaml", "publish: External", "publish: Public"), RENDER, 3,
                    "error: _base.yaml: spec.publish: 'Public' is not a publishing strategy"),
            new Case("removed network type", t -> t.edit("_base.yaml", "networkType: OVNKubernetes", "networkType: OpenShiftSDN"), RENDER, 3,
                    "error: _base.yaml: spec.networking.networkType: OpenShiftSDN was removed in OpenShift 4.17"),
            new Case("GPU cap for a misspelled label", t -> t.edit("_base.yaml", "Tesla-T4-SHARED: 4", "Tesla-T4-SHARD: 4"), RENDER, 3,
                    "error: _base.yaml: spec.autoscaler.gpuLimits.Tesla-T4-SHARD: 'Tesla-T4-SHARD' is not an accelerator label"),
            new Case("duration the autoscaler cannot parse", t -> t.edit("_base.yaml", "maxNodeProvisionTime: 15m", "maxNodeProvisionTime: 15 minutes"), RENDER, 3,
                    "error: _base.yaml: spec.autoscaler.maxNodeProvisionTime: '15 minutes' is not a duration"),
            new Case("unknown profile", t -> t.args("--cluster", "rhoaibu-cluster-stage"), RENDER, 3,
                    "error: --cluster: no profile 'rhoaibu-cluster-stage'"),
            new Case("no pull secret at all", t -> t.argsWithout("--pull-secret-file"), RENDER, 3,
                    "error: pull secret is missing"),
            new Case("missing pull secret file", t -> t.args("--pull-secret-file", t.tmp.resolve("nope.json").toString()), RENDER, 3,
                    "error: --pull-secret-file: pull secret file " + "%TMP%/nope.json does not exist"),
            new Case("unreadable pull secret file (a directory)", t -> t.args("--pull-secret-file", Files.createDirectories(t.tmp.resolve("ps")).toString()), RENDER, 3,
                    "error: --pull-secret-file: pull secret file %TMP%/ps is not a regular file (a directory)"),
            new Case("malformed pull secret", t -> t.args("--pull-secret-file", t.write("ps.json", "{\"auths\": {\"quay.io\": {\"auth\": \"c2VjcmV0LXRva2VuLXZhbHVl\"}")),
                    RENDER, 3, "error: pull secret (file %TMP%/ps.json) is not valid JSON"),
            new Case("pull secret without auths", t -> t.args("--pull-secret-file", t.write("ps.json", "{\"registry\": \"quay.io\", \"token\": \"c2VjcmV0LXRva2VuLXZhbHVl\"}")),
                    RENDER, 3, "error: pull secret (file %TMP%/ps.json) has no \"auths\" object"),
            new Case("private key as SSH key", t -> t.args("--ssh-public-key-file", t.write("id_ed25519",
                    "-----BEGIN OPENSSH PRIVATE KEY-----\n" + PRIVATE_KEY_BODY + "\n-----END OPENSSH PRIVATE KEY-----\n")), RENDER, 3,
                    "error: --ssh-public-key-file: %TMP%/id_ed25519 is a private key; the cluster needs the public key"),
            new Case("not an SSH key", t -> t.args("--ssh-public-key-file", t.write("key.pub", "ssh-ed25519 not-base64!!\n")), RENDER, 3,
                    "error: --ssh-public-key-file: %TMP%/key.pub line 1 is not an SSH public key: the key data is not base64"),
            new Case("credentials in a URL", t -> t.edit("_base.yaml", "repoURL: https://github.com", "repoURL: https://bot:pw-s3cret@github.com"),
                    RENDER, 3, "error: _base.yaml: spec.gitops.repoURL: credentials in the URL are not allowed"),
            new Case("a token as the URL's user", t -> t.edit("_base.yaml", "repoURL: https://github.com",
                    "repoURL: https://ghp_16C7e42F292c6912E7710c838347Ae178B4a@github.com"),
                    RENDER, 3, "error: _base.yaml: spec.gitops.repoURL: credentials in the URL are not allowed"),
            new Case("a profile name that is a path", t -> t.args("--cluster", "../outside/evil"), RENDER, 3,
                    "error: --cluster: '../outside/evil' is not a profile name"),
            new Case("a base outside the profiles directory", t -> t.edit("rhoaibu-cluster-dev.yaml", "base: _base.yaml", "base: ../../../etc/passwd"),
                    RENDER, 3, "error: rhoaibu-cluster-dev.yaml: base: must be a file in the same directory as the profile"),
            new Case("a profile that is a directory", t -> {
                Files.delete(t.profiles.resolve("rhoaibu-cluster-dev.yaml"));
                Files.createDirectories(t.profiles.resolve("rhoaibu-cluster-dev.yaml"));
                return null;
            }, RENDER, 3, "error: profile file %TMP%/profiles/rhoaibu-cluster-dev.yaml is not a regular file (a directory)"),
            new Case("a profile over 1 MiB", t -> t.append("rhoaibu-cluster-dev.yaml", "# " + "x".repeat(1024 * 1024) + "\n"), RENDER, 3,
                    "error: profile file %TMP%/profiles/rhoaibu-cluster-dev.yaml is larger than 1 MiB"),
            new Case("a pull secret that is a device", t -> t.args("--pull-secret-file", "/dev/zero"), RENDER, 3,
                    "error: --pull-secret-file: pull secret file /dev/zero is not a regular file"),
            new Case("a pull secret over 1 MiB", t -> t.args("--pull-secret-file", t.write("ps.json", "{\"auths\": {}, \"x\": \""
                    + "x".repeat(1024 * 1024) + "\"}")), RENDER, 3, "error: --pull-secret-file: pull secret file %TMP%/ps.json is larger than 1 MiB"),
            new Case("a fraction where a whole number goes", t -> t.edit("_base.yaml", "  compute:\n    instanceType: m6i.4xlarge\n    replicas: 3",
                    "  compute:\n    instanceType: m6i.4xlarge\n    replicas: 2.9"), RENDER, 3,
                    "error: _base.yaml: spec.compute.replicas: must be a whole number"),
            new Case("a mapping where a list goes", t -> t.append("rhoaibu-cluster-dev.yaml", "  gpuPools:\n    t4: {name: t4-shared}\n"),
                    RENDER, 3, "error: rhoaibu-cluster-dev.yaml: spec.gpuPools: must be a list"),
            new Case("a second YAML document", t -> t.append("rhoaibu-cluster-dev.yaml", "---\napiVersion: rhoai.io/v1alpha1\nkind: ClusterProfile\n"),
                    RENDER, 3, "error: rhoaibu-cluster-dev.yaml: a second YAML document (line "),
            new Case("gpu-manifests before openshift-install create manifests", t -> null, GPU, 4,
                    "error: no installer manifests: %OUT%/openshift does not exist"),
            new Case("missing worker MachineSet for a pool's zone", t -> {
                Fixtures.createManifests("rhoaibu-cluster-dev", t.out);
                Files.delete(t.out.resolve("openshift/99_openshift-cluster-api_worker-machineset-0.yaml"));
                return null;
            }, GPU, 4, "error: no worker MachineSet for zone us-west-2a (pool t4-shared) in %OUT%/openshift; found: "
                    + "99_openshift-cluster-api_worker-machineset-1.yaml (us-west-2b), 99_openshift-cluster-api_worker-machineset-2.yaml (us-west-2c)"),
            new Case("invalid YAML in a worker MachineSet", t -> {
                Fixtures.createManifests("rhoaibu-cluster-dev", t.out);
                t.edit(t.out.resolve("openshift/99_openshift-cluster-api_worker-machineset-1.yaml"), "  replicas: 1", "  replicas: [1");
                return null;
            }, GPU, 3, "error: %OUT%/openshift/99_openshift-cluster-api_worker-machineset-1.yaml: invalid YAML (line"),
            new Case("installer manifests of another cluster (prod zones for the dev profile)", t -> {
                Fixtures.createManifests("rhoaibu-cluster-prod", t.out);
                return List.of("--cluster", "rhoaibu-cluster-dev");
            }, GPU, 4, "error: no worker MachineSet for zone us-west-2a (pool t4-shared)")
    );

    List<String> args;

    @BeforeEach
    void copyProfiles() throws IOException {
        profiles = Files.createDirectories(tmp.resolve("profiles"));
        try (Stream<Path> s = Files.list(Fixtures.PROFILES)) {
            for (Path p : s.toList()) Files.copy(p, profiles.resolve(p.getFileName()));
        }
        out = tmp.resolve("out");
        args = new ArrayList<>(List.of("--cluster", "rhoaibu-cluster-dev", "--pull-secret-file", Fixtures.PULL_SECRET.toString(),
                "--ssh-public-key-file", Fixtures.SSH_KEY.toString()));
    }

    @ParameterizedTest(name = "{0}")
    @FieldSource("CASES")
    void isRejectedWithOneLineAndWritesNothing(Case c) throws IOException {
        List<String> replaced = c.setup().apply(this);
        if (replaced != null && replaced != args) args = new ArrayList<>(replaced);
        Map<String, byte[]> before = snapshot(tmp);

        List<String> argv = new ArrayList<>(List.of("install-config", c.command(), "--dir", out.toString(), "--profiles-dir", profiles.toString()));
        if (c.command().equals(GPU)) {
            // gpu-manifests takes no secrets: keep only the cluster choice
            for (int i = 0; i < args.size(); i += 2) if (args.get(i).equals("--cluster")) argv.addAll(args.subList(i, i + 2));
        } else {
            argv.addAll(args);
        }
        Cli.Result r = Cli.cli().run(argv.toArray(String[]::new));

        String expected = c.error().replace("%TMP%", tmp.toString()).replace("%OUT%", out.toString());
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(c.exitCode());
        assertThat(r.stdout()).as("stdout").isEmpty();
        String[] lines = r.stderr().split("\n");
        String errorLine = Stream.of(lines).filter(l -> l.startsWith("error: ")).findFirst().orElse("");
        assertThat(errorLine).as(r.toString()).startsWith(expected);
        assertThat(Stream.of(lines).filter(l -> l.startsWith("error: ")).count()).as("one error line").isEqualTo(1);
        assertThat(r.stderr()).as("a hint with the fix").contains("\nhint: ");
        assertThat(r.all()).doesNotContain(PRIVATE_KEY_BODY).doesNotContain("c2VjcmV0LXRva2VuLXZhbHVl").doesNotContain("at io.rhoai")
                .doesNotContain("pw-s3cret").doesNotContain("ghp_16C7e42F").doesNotContain("java.");
        assertThat(snapshot(tmp)).as("no file written or changed").containsExactlyInAnyOrderEntriesOf(before);
        assertThat(Files.exists(out.resolve("install-config.yaml"))).isFalse();
    }

    // --- helpers the cases use ---

    List<String> edit(String profileFile, String from, String to) throws IOException {
        edit(profiles.resolve(profileFile), from, to);
        return null;
    }

    void edit(Path file, String from, String to) throws IOException {
        String text = Files.readString(file);
        assertThat(text).as("test setup: %s holds the text to replace", file).contains(from);
        Files.writeString(file, text.replaceFirst(java.util.regex.Pattern.quote(from), java.util.regex.Matcher.quoteReplacement(to)));
    }

    List<String> append(String profileFile, String yaml) throws IOException {
        String text = Files.readString(profiles.resolve(profileFile));
        text = text.replace("spec:\n", "spec:\n" + yaml);
        Files.writeString(profiles.resolve(profileFile), text);
        return null;
    }

    List<String> args(String flag, String value) {
        List<String> copy = new ArrayList<>(args);
        int i = copy.indexOf(flag);
        if (i >= 0) copy.set(i + 1, value);
        else copy.addAll(List.of(flag, value));
        return copy;
    }

    List<String> argsWithout(String flag) {
        List<String> copy = new ArrayList<>(args);
        int i = copy.indexOf(flag);
        copy.remove(i + 1);
        copy.remove(i);
        return copy;
    }

    String write(String name, String content) throws IOException {
        return Files.writeString(tmp.resolve(name), content).toString();
    }

    static Map<String, byte[]> snapshot(Path root) {
        Map<String, byte[]> files = new LinkedHashMap<>();
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : s.sorted().toList()) {
                if (Files.isRegularFile(p)) files.put(root.relativize(p).toString(), Files.readAllBytes(p));
                else if (Files.isDirectory(p)) files.put(root.relativize(p) + "/", new byte[0]);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return files;
    }
}
