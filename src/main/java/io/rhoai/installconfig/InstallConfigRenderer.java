package io.rhoai.installconfig;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rhoai.core.Progress;
import io.rhoai.core.RhoaiException;
import io.rhoai.core.io.FileContent;
import io.rhoai.core.secret.Redactor;
import io.rhoai.core.secret.Secret;
import io.rhoai.core.yaml.Mappers;
import io.rhoai.gpu.GpuCatalog;
import io.rhoai.installconfig.FileResult.Status;
import io.rhoai.installconfig.InputRecord.Entry;
import io.rhoai.profile.ClusterProfile;
import io.rhoai.profile.ValidatedProfile;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns a cluster profile into the {@code install-config.yaml} openshift-install expects, plus a kept copy the
 * installer will not consume ({@code .rhoai/install-config.yaml}) and the digest record of the inputs
 * ({@code .rhoai/install-config.inputs.json}). Deterministic and atomic; files holding the pull secret are 0600.
 */
public final class InstallConfigRenderer {
    public static final String INSTALL_CONFIG = "install-config.yaml";
    public static final String STATE_DIR = ".rhoai";
    public static final String KEPT_COPY = STATE_DIR + "/install-config.yaml";
    public static final String DIGEST_RECORD = STATE_DIR + "/install-config.inputs.json";
    /** openshift-install's state file: present once the installer has consumed install-config.yaml. */
    public static final String INSTALLER_STATE = ".openshift_install_state.json";
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private final GpuCatalog catalog;
    private final Progress progress;

    public InstallConfigRenderer(GpuCatalog catalog, Progress progress) {
        this.catalog = catalog;
        this.progress = progress;
    }

    public RenderResult render(RenderInput in) {
        progress.step("Validating profile " + in.cluster());
        ValidatedProfile profile = Profiles.loadValid(in.profiles(), in.cluster(), catalog);
        Path dir = outputDir(in.dir());
        List<String> warnings = new ArrayList<>(profile.warnings());
        if (in.pullSecret() == null && !in.dryRun()) {
            throw RhoaiException.invalid("pull secret is missing", "pass --pull-secret-file <file> or set RHOAI_PULL_SECRET_FILE");
        }
        if (in.pullSecret() == null) warnings.add("no pull secret given: the dry run shows where it goes; a real render needs --pull-secret-file");
        Secret pullSecret = in.pullSecret() == null ? Secret.of(Redactor.MASK, "none") : PullSecrets.compact(in.pullSecret());
        String sshKey = in.sshKeyFile() == null ? null : SshPublicKeys.read(in.sshKeyFile(), in.sshKeySource());
        if (sshKey == null) warnings.add("no SSH key: nodes will not accept SSH logins (pass --ssh-public-key-file to allow them)");
        warnings.forEach(progress::warn);

        String real = ManifestYaml.write(installConfig(profile, pullSecret.reveal(), sshKey));
        String masked = ManifestYaml.write(installConfig(profile, Redactor.MASK, sshKey));

        List<Entry> inputs = Profiles.digestInputs(in.profiles(), profile);
        if (in.pullSecret() != null) inputs.add(new Entry("pull-secret", InputRecord.sha256(pullSecret.reveal())));
        if (sshKey != null) inputs.add(new Entry("ssh-key", InputRecord.sha256(sshKey)));
        InputRecord record = InputRecord.of("install-config", in.rhoaiVersion(), in.cluster(), inputs,
                List.of(new Entry(INSTALL_CONFIG, InputRecord.sha256(real))));
        String recordJson = Mappers.toJson(record);

        List<OutputFiles.Planned> planned = new ArrayList<>();
        boolean consumed = consumedByInstaller(dir, real);
        if (!consumed) planned.add(new OutputFiles.Planned(INSTALL_CONFIG, FileContent.secretText(real), masked));
        planned.add(new OutputFiles.Planned(KEPT_COPY, FileContent.secretText(real), masked));
        planned.add(new OutputFiles.Planned(DIGEST_RECORD, FileContent.text(recordJson), recordJson));

        List<FileResult> files = new ArrayList<>(OutputFiles.apply(dir, planned, List.of(), in.dryRun()));
        if (consumed) files.add(0, new FileResult(INSTALL_CONFIG, Status.CONSUMED, true, InputRecord.sha256(real)));
        boolean changed = files.stream().anyMatch(f -> f.status().changes());
        Map<String, String> preview = null;
        if (in.dryRun()) {
            preview = new LinkedHashMap<>();
            for (OutputFiles.Planned p : planned) preview.put(p.path(), p.preview());
        }
        progress.done(in.dryRun() ? "Dry run: nothing written" : changed ? "Wrote install-config for " + in.cluster() + " in " + dir
                : "install-config for " + in.cluster() + " is up to date");
        return new RenderResult(profile.spec().cluster().name(), in.cluster(), dir.toString(), in.dryRun(), changed,
                record.digest(), files, List.copyOf(warnings), preview);
    }

    /**
     * After {@code openshift-install create manifests} the installer has consumed install-config.yaml. Writing it again
     * would make the installer regenerate (and drop) the manifests, GPU ones included; so: same inputs → nothing to do,
     * other inputs → refuse.
     */
    private static boolean consumedByInstaller(Path dir, String content) {
        if (!Files.isRegularFile(dir.resolve(INSTALLER_STATE)) || Files.exists(dir.resolve(INSTALL_CONFIG))) return false;
        if (OutputFiles.status(dir.resolve(KEPT_COPY), FileContent.secretText(content)) == Status.UNCHANGED) return true;
        throw RhoaiException.precondition("openshift-install has already consumed " + dir.resolve(INSTALL_CONFIG)
                        + " and the profile or inputs changed since",
                "render into a new --dir (or remove " + dir + " to start the installation over)");
    }

    private static Path outputDir(Path dir) {
        if (dir == null) throw RhoaiException.invalid("--dir is required", "pass the installation directory, e.g. --dir out/dev");
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw RhoaiException.invalid("--dir: " + dir + " exists and is not a directory", "pass a directory");
        }
        return dir;
    }

    /** The install-config.yaml tree, in the order openshift-install writes it. */
    static ObjectNode installConfig(ValidatedProfile profile, String pullSecret, String sshKey) {
        ClusterProfile.Spec spec = profile.spec();
        ObjectNode ic = F.objectNode();
        ic.put("apiVersion", "v1");
        ic.put("baseDomain", spec.cluster().baseDomain());
        ic.putArray("compute").add(machinePool("worker", spec.compute(), profile));
        ic.set("controlPlane", machinePool("master", spec.controlPlane(), profile));
        ic.putObject("metadata").put("name", spec.cluster().name());
        ObjectNode net = ic.putObject("networking");
        ArrayNode cn = net.putArray("clusterNetwork");
        for (var c : spec.networking().clusterNetwork()) cn.addObject().put("cidr", c.cidr()).put("hostPrefix", c.hostPrefix());
        ArrayNode mn = net.putArray("machineNetwork");
        for (var m : spec.networking().machineNetwork()) mn.addObject().put("cidr", m.cidr());
        net.put("networkType", spec.networking().networkType());
        ArrayNode sn = net.putArray("serviceNetwork");
        spec.networking().serviceNetwork().forEach(sn::add);
        ic.putObject("platform").putObject("aws").put("region", profile.region());
        ic.put("publish", spec.publish() == null ? "External" : spec.publish());
        ic.put("pullSecret", pullSecret);
        if (sshKey != null) ic.put("sshKey", sshKey);
        return ic;
    }

    private static ObjectNode machinePool(String name, ClusterProfile.MachinePool pool, ValidatedProfile profile) {
        ObjectNode p = F.objectNode();
        p.put("architecture", pool.architecture() == null ? "amd64" : pool.architecture());
        p.put("hyperthreading", pool.hyperthreading() == null ? "Enabled" : pool.hyperthreading());
        p.put("name", name);
        ObjectNode aws = p.putObject("platform").putObject("aws");
        ClusterProfile.RootVolume rv = profile.spec().platform().aws().rootVolume();
        if (rv != null) {
            ObjectNode v = aws.putObject("rootVolume");
            if (rv.iops() != null) v.put("iops", rv.iops());
            v.put("size", rv.size());
            v.put("type", rv.type());
        }
        aws.put("type", pool.instanceType());
        ArrayNode zones = aws.putArray("zones");
        profile.zones().forEach(zones::add);
        p.put("replicas", pool.replicas());
        return p;
    }
}
