package io.rhoai.profile;

import io.rhoai.core.RhoaiException;
import io.rhoai.core.time.Durations;
import io.rhoai.gpu.GpuCatalog;
import io.rhoai.gpu.GpuType;
import io.rhoai.profile.rules.GpuPoolRules;
import io.rhoai.profile.rules.LabelRules;
import io.rhoai.profile.ClusterProfile.Autoscaler;
import io.rhoai.profile.ClusterProfile.GpuPool;
import io.rhoai.profile.ClusterProfile.MachinePool;
import io.rhoai.profile.ClusterProfile.Networking;
import io.rhoai.profile.ValidatedProfile.GpuCap;
import io.rhoai.profile.ValidatedProfile.PlannedPool;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Checks a loaded profile before anything is written: required fields, names valid for Kubernetes and AWS, CIDR syntax
 * and overlaps, hostPrefix, zones inside the region, GPU pools against the catalog and the cluster-wide GPU caps.
 * Every problem names the file, the field path and the fix; the first one is thrown as INVALID_INPUT (exit 3).
 * docs/profiles.md lists the rules.
 */
public final class ProfileValidator {
    private static final Pattern DNS_LABEL = GpuPoolRules.DNS_LABEL;
    private static final Pattern DNS_SUBDOMAIN = Pattern.compile("^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$");
    private static final Pattern INSTANCE_TYPE = Pattern.compile("^[a-z][a-z0-9-]*\\.[a-z0-9-]+$");
    private static final Pattern GO_DURATION = Pattern.compile("^([0-9]+(\\.[0-9]+)?(ns|us|µs|ms|s|m|h))+$");
    /** AWS regions, to catch typos before the installer does (us-west-02, us-weast-2). */
    static final Set<String> AWS_REGIONS = Set.of(
            "us-east-1", "us-east-2", "us-west-1", "us-west-2", "ca-central-1", "ca-west-1", "mx-central-1", "sa-east-1",
            "eu-central-1", "eu-central-2", "eu-west-1", "eu-west-2", "eu-west-3", "eu-north-1", "eu-south-1", "eu-south-2",
            "af-south-1", "il-central-1", "me-south-1", "me-central-1",
            "ap-east-1", "ap-east-2", "ap-south-1", "ap-south-2", "ap-northeast-1", "ap-northeast-2", "ap-northeast-3",
            "ap-southeast-1", "ap-southeast-2", "ap-southeast-3", "ap-southeast-4", "ap-southeast-5", "ap-southeast-7",
            "us-gov-east-1", "us-gov-west-1", "cn-north-1", "cn-northwest-1");
    /** Ranges OVN-Kubernetes uses internally (join switch, transit switch, masquerade); cluster networks must avoid them. */
    private static final Map<String, String> OVN_RESERVED = Map.of(
            "100.64.0.0/16", "the OVN join subnet", "100.88.0.0/16", "the OVN transit subnet",
            "169.254.0.0/17", "the OVN masquerade subnet");
    /** Longest infrastructure ID the installer makes: the cluster name cut to 21 characters, a dash, 5 random characters. */
    public static final int INFRA_ID_NAME_CHARS = 21;
    private static final int INFRA_ID_SUFFIX = 6;

    private final GpuCatalog catalog;

    public ProfileValidator(GpuCatalog catalog) {
        this.catalog = catalog;
    }

    /** One rejected field. {@code file} is where the field is (or should be) written. */
    public record Problem(String file, String path, String message, String hint) {
        public String line() {
            return file + ": " + path + ": " + message;
        }
    }

    /** Validates and resolves, or throws the first problem as INVALID_INPUT. */
    public ValidatedProfile validate(LoadedProfile loaded, Function<String, String> originOf) {
        Run run = new Run(loaded, originOf);
        ValidatedProfile result = run.check();
        if (!run.problems.isEmpty()) {
            Problem p = run.problems.get(0);
            String more = run.problems.size() > 1 ? " (" + (run.problems.size() - 1) + " more problem(s) after this one)" : "";
            throw RhoaiException.invalid(p.line() + more, p.hint());
        }
        return result;
    }

    /** Every problem, for tests and for listing them all. */
    public List<Problem> problems(LoadedProfile loaded, Function<String, String> originOf) {
        Run run = new Run(loaded, originOf);
        run.check();
        return run.problems;
    }

    /** The estimated MachineSet name length for a pool, before the installer picks the infrastructure ID. */
    public static int estimatedMachineSetNameLength(String clusterName, String pool, String zone) {
        // the installer's infrastructure ID: the cluster name cut to 21 characters, '-', 5 random characters
        return GpuPoolRules.machineSetNameLength(Math.min(clusterName.length(), INFRA_ID_NAME_CHARS) + INFRA_ID_SUFFIX, pool, zone);
    }

    private final class Run {
        final LoadedProfile loaded;
        final Function<String, String> originOf;
        final List<Problem> problems = new ArrayList<>();
        final List<String> warnings = new ArrayList<>();

        Run(LoadedProfile loaded, Function<String, String> originOf) {
            this.loaded = loaded;
            String fallback = loaded.files().get(loaded.files().size() - 1);
            this.originOf = originOf == null ? p -> fallback : originOf;
        }

        void problem(String path, String message, String hint) {
            problems.add(new Problem(originOf.apply(path), path, message, hint));
        }

        ValidatedProfile check() {
            ClusterProfile.Spec spec = loaded.profile().spec();
            String clusterName = cluster(spec);
            if (loaded.profile().metadata() != null) {
                LabelRules.check(loaded.profile().metadata().labels(), (path, message, hint) -> problem(path, message, hint));
            }
            String region = null;
            List<String> zones = new ArrayList<>();
            if (spec.platform() == null || spec.platform().aws() == null) {
                problem("spec.platform.aws", "is required", "add platform.aws with region and zones (see docs/profiles.md)");
            } else {
                region = region(spec.platform().aws().region());
                zones = zones(spec.platform().aws().zones(), region, "spec.platform.aws.zones");
                rootVolume(spec.platform().aws().rootVolume());
            }
            machinePool(spec.controlPlane(), "spec.controlPlane", true);
            machinePool(spec.compute(), "spec.compute", false);
            networking(spec);
            publish(spec.publish());
            List<PlannedPool> pools = pools(spec, clusterName, region, zones);
            List<GpuCap> caps = caps(spec.autoscaler(), pools);
            autoscalerSettings(spec.autoscaler());
            nodeCapacity(spec, pools);
            return new ValidatedProfile(loaded, region, List.copyOf(zones), List.copyOf(pools), List.copyOf(caps), List.copyOf(warnings));
        }

        String cluster(ClusterProfile.Spec spec) {
            if (spec.cluster() == null) {
                problem("spec.cluster", "is required", "add cluster.name and cluster.baseDomain");
                return "cluster";
            }
            String name = spec.cluster().name();
            if (blank(name)) {
                problem("spec.cluster.name", "is required", "set the cluster name, e.g. dev (hosts become *.apps.<name>.<baseDomain>)");
                name = "cluster";
            } else if (!DNS_LABEL.matcher(name).matches() || name.length() > 63) {
                problem("spec.cluster.name", "'" + name + "' is not a valid DNS label",
                        "use at most 63 lower-case letters, digits and '-', starting and ending with a letter or digit");
            }
            String domain = spec.cluster().baseDomain();
            if (blank(domain)) {
                problem("spec.cluster.baseDomain", "is required", "set the Route 53 domain the cluster lives under, e.g. rhoai.example.com");
            } else if (!DNS_SUBDOMAIN.matcher(domain).matches() || domain.length() > 253 || !domain.contains(".")) {
                problem("spec.cluster.baseDomain", "'" + domain + "' is not a valid DNS domain",
                        "use a lower-case domain such as rhoai.example.com (no scheme, no trailing dot)");
            }
            return name;
        }

        String region(String region) {
            if (blank(region)) {
                problem("spec.platform.aws.region", "is required", "set the AWS region, e.g. us-west-2");
                return null;
            }
            if (!AWS_REGIONS.contains(region)) {
                String near = TypoHints.closest(region, AWS_REGIONS);
                problem("spec.platform.aws.region", "'" + region + "' is not an AWS region",
                        near != null ? "did you mean '" + near + "'?" : "use a region name such as us-west-2 or us-east-1");
                return null;
            }
            return region;
        }

        /** Expands letters to full zone names and checks each zone is in the region. */
        List<String> zones(List<String> raw, String region, String path) {
            List<String> out = new ArrayList<>();
            if (raw == null || raw.isEmpty()) {
                problem(path, "is required", "list the availability zones, e.g. [a, b, c]");
                return out;
            }
            for (int i = 0; i < raw.size(); i++) {
                String z = raw.get(i) == null ? "" : raw.get(i).strip();
                String p = path + "[" + i + "]";
                String full = z.matches("[a-z]") && region != null ? region + z : z;
                if (z.matches("[a-z]") && region == null) continue;   // the region problem is reported already
                if (region != null && !full.matches(Pattern.quote(region) + "[a-z]")) {
                    String letter = full.matches(".*\\d[a-z]$") ? full.substring(full.length() - 1) : null;
                    problem(p, "zone '" + z + "' is not in region " + region,
                            letter != null ? "use '" + letter + "' or '" + region + letter + "'" : "use a zone letter (a, b, c) or a full name such as " + region + "a");
                    continue;
                }
                if (out.contains(full)) {
                    problem(p, "zone '" + full + "' is listed twice", "list each zone once");
                    continue;
                }
                out.add(full);
            }
            return out;
        }

        void rootVolume(ClusterProfile.RootVolume v) {
            if (v == null) return;
            String p = "spec.platform.aws.rootVolume";
            if (v.size() == null || v.size() < 100) {
                problem(p + ".size", v.size() == null ? "is required" : v.size() + " GiB is below the installer's minimum of 100", "set size: 120 (GiB) or more");
            }
            if (v.type() == null || !Set.of("gp2", "gp3", "io1", "io2").contains(v.type())) {
                problem(p + ".type", v.type() == null ? "is required" : "'" + v.type() + "' is not a supported volume type", "use gp3 (or gp2, io1, io2)");
            }
            if (v.iops() != null && "gp2".equals(v.type())) {
                problem(p + ".iops", "cannot be set for gp2 volumes", "remove iops or use gp3, io1 or io2");
            }
        }

        void machinePool(MachinePool pool, String p, boolean controlPlane) {
            if (pool == null) {
                problem(p, "is required", "set instanceType and replicas (e.g. m6i.4xlarge, 3)");
                return;
            }
            if (blank(pool.instanceType())) {
                problem(p + ".instanceType", "is required", "set an EC2 instance type, e.g. m6i.4xlarge");
            } else if (!INSTANCE_TYPE.matcher(pool.instanceType()).matches()) {
                problem(p + ".instanceType", "'" + pool.instanceType() + "' is not an EC2 instance type", "use a type such as m6i.4xlarge");
            }
            if (pool.replicas() == null) {
                problem(p + ".replicas", "is required", controlPlane ? "set replicas: 3" : "set the number of worker nodes, e.g. 3");
            } else if (controlPlane && !Set.of(1, 3, 4, 5).contains(pool.replicas())) {
                problem(p + ".replicas", pool.replicas() + " control plane nodes is not supported", "use 3 (1 for single-node, 4 or 5 where supported)");
            } else if (pool.replicas() < 0) {
                problem(p + ".replicas", "must not be negative", "use 0 or more");
            }
            if (pool.architecture() != null && !Set.of("amd64", "arm64").contains(pool.architecture())) {
                problem(p + ".architecture", "'" + pool.architecture() + "' is not supported", "use amd64 (or arm64)");
            }
            if (pool.hyperthreading() != null && !Set.of("Enabled", "Disabled").contains(pool.hyperthreading())) {
                problem(p + ".hyperthreading", "'" + pool.hyperthreading() + "' is not supported", "use Enabled or Disabled");
            }
        }

        void networking(ClusterProfile.Spec spec) {
            Networking n = spec.networking();
            String p = "spec.networking";
            if (n == null) {
                problem(p, "is required", "set networkType, clusterNetwork, machineNetwork and serviceNetwork (see docs/profiles.md)");
                return;
            }
            if (blank(n.networkType())) {
                problem(p + ".networkType", "is required", "set networkType: OVNKubernetes");
            } else if ("OpenShiftSDN".equals(n.networkType())) {
                problem(p + ".networkType", "OpenShiftSDN was removed in OpenShift 4.17", "set networkType: OVNKubernetes");
            } else if (!"OVNKubernetes".equals(n.networkType())) {
                problem(p + ".networkType", "'" + n.networkType() + "' is not supported", "set networkType: OVNKubernetes");
            }
            Map<String, Cidr> all = new LinkedHashMap<>();
            if (n.clusterNetwork() == null || n.clusterNetwork().isEmpty()) {
                problem(p + ".clusterNetwork", "is required", "add - cidr: 10.128.0.0/14 with hostPrefix: 23");
            } else {
                for (int i = 0; i < n.clusterNetwork().size(); i++) {
                    var cn = n.clusterNetwork().get(i);
                    String cp = p + ".clusterNetwork[" + i + "]";
                    Cidr c = cidr(cn == null ? null : cn.cidr(), cp + ".cidr", "10.128.0.0/14");
                    if (c == null) continue;
                    all.put(cp + ".cidr", c);
                    Integer hp = cn.hostPrefix();
                    int maxHost = c.ipv4() ? 30 : 64;
                    if (hp == null) {
                        problem(cp + ".hostPrefix", "is required", "set hostPrefix: 23 (512 pod addresses per node)");
                    } else if (!c.ipv4() && hp != 64) {
                        problem(cp + ".hostPrefix", hp + " is not valid for IPv6", "set hostPrefix: 64");
                    } else if (hp <= c.prefix() || hp > maxHost) {
                        problem(cp + ".hostPrefix", hp + " does not fit " + c.text() + " (each node gets a /" + hp + " out of the /" + c.prefix() + ")",
                                "use a value between " + (c.prefix() + 1) + " and " + maxHost + ", e.g. 23 for a /14");
                    }
                }
            }
            if (n.machineNetwork() == null || n.machineNetwork().isEmpty()) {
                problem(p + ".machineNetwork", "is required", "add - cidr: 10.0.0.0/16");
            } else {
                for (int i = 0; i < n.machineNetwork().size(); i++) {
                    var mn = n.machineNetwork().get(i);
                    String mp = p + ".machineNetwork[" + i + "].cidr";
                    Cidr c = cidr(mn == null ? null : mn.cidr(), mp, "10.0.0.0/16");
                    if (c != null) all.put(mp, c);
                }
            }
            if (n.serviceNetwork() == null || n.serviceNetwork().isEmpty()) {
                problem(p + ".serviceNetwork", "is required", "add - 172.30.0.0/16");
            } else {
                if (n.serviceNetwork().size() > 1) {
                    problem(p + ".serviceNetwork", "lists " + n.serviceNetwork().size() + " networks; a single-stack cluster takes one", "keep one entry, e.g. 172.30.0.0/16");
                }
                for (int i = 0; i < n.serviceNetwork().size(); i++) {
                    String sp = p + ".serviceNetwork[" + i + "]";
                    Cidr c = cidr(n.serviceNetwork().get(i), sp, "172.30.0.0/16");
                    if (c != null) all.put(sp, c);
                }
            }
            List<Map.Entry<String, Cidr>> entries = new ArrayList<>(all.entrySet());
            for (int i = 0; i < entries.size(); i++) {
                for (int j = i + 1; j < entries.size(); j++) {
                    var a = entries.get(i);
                    var b = entries.get(j);
                    if (a.getValue().overlaps(b.getValue())) {
                        problem(b.getKey(), b.getValue() + " overlaps " + a.getKey() + " (" + a.getValue() + ")",
                                "pick non-overlapping networks, e.g. cluster 10.128.0.0/14, machine 10.0.0.0/16, service 172.30.0.0/16");
                    }
                }
                if ("OVNKubernetes".equals(n.networkType())) {
                    for (var r : OVN_RESERVED.entrySet()) {
                        Cidr reserved = Cidr.parse(r.getKey());
                        if (entries.get(i).getValue().overlaps(reserved)) {
                            problem(entries.get(i).getKey(), entries.get(i).getValue() + " overlaps " + r.getKey() + ", " + r.getValue(),
                                    "choose a range outside " + r.getKey());
                        }
                    }
                }
            }
        }

        Cidr cidr(String text, String path, String example) {
            if (blank(text)) {
                problem(path, "is required", "set a CIDR such as " + example);
                return null;
            }
            Cidr c = Cidr.parse(text.strip());
            if (c == null) {
                problem(path, "'" + text + "' is not CIDR notation", "write an address and prefix length, e.g. " + example);
                return null;
            }
            if (!c.isNetworkAddress()) {
                problem(path, "'" + text + "' has host bits set", "use the network address " + c.networkForm());
                return null;
            }
            return c;
        }

        void publish(String publish) {
            if (publish != null && !Set.of("External", "Internal").contains(publish)) {
                problem("spec.publish", "'" + publish + "' is not a publishing strategy", "use External (public endpoints) or Internal (private only)");
            }
        }

        List<PlannedPool> pools(ClusterProfile.Spec spec, String clusterName, String region, List<String> clusterZones) {
            List<PlannedPool> out = new ArrayList<>();
            if (spec.gpuPools() == null) return out;
            Set<String> names = new HashSet<>();
            for (int i = 0; i < spec.gpuPools().size(); i++) {
                GpuPool pool = spec.gpuPools().get(i);
                if (pool == null) {
                    problem("spec.gpuPools[" + i + "]", "is empty", "remove the empty item");
                    continue;
                }
                String p = "spec.gpuPools[" + (blank(pool.name()) ? String.valueOf(i) : "name=" + pool.name()) + "]";
                int before = problems.size();
                if (blank(pool.name())) {
                    problem(p + ".name", "is required", "name the pool, e.g. t4-shared");
                } else if (!GpuPoolRules.validName(pool.name())) {
                    problem(p + ".name", "'" + pool.name() + "' is not a valid Kubernetes name", "use lower-case letters, digits and '-', e.g. t4-shared");
                } else if (!names.add(pool.name())) {
                    problem(p + ".name", "pool '" + pool.name() + "' is defined twice", "give each pool its own name");
                }
                GpuType type = null;
                if (blank(pool.instanceType())) {
                    problem(p + ".instanceType", "is required", "pick a type from 'rhoai gpu catalog', e.g. g4dn.2xlarge");
                } else {
                    type = catalog.find(pool.instanceType()).orElse(null);
                    if (type == null) {
                        String near = TypoHints.closest(pool.instanceType(), catalog.all().stream().map(GpuType::instanceType).toList());
                        problem(p + ".instanceType", "'" + pool.instanceType() + "' is not in the GPU catalog",
                                (near != null ? "did you mean '" + near + "'? " : "") + "see 'rhoai gpu catalog' for the supported types");
                    }
                }
                String access = pool.access();
                if (blank(access)) {
                    problem(p + ".access", "is required", "set access: SHARED (open to regular users) or PRIVATE (internal)");
                } else if (!GpuCatalog.ACCESS_MODES.contains(access)) {
                    problem(p + ".access", "'" + access + "' is not an access mode", "use SHARED or PRIVATE (upper case)");
                }
                List<String> zones;
                if (pool.zones() == null || pool.zones().isEmpty()) {
                    zones = clusterZones.isEmpty() ? List.of() : List.of(clusterZones.get(0));
                } else {
                    zones = zones(pool.zones(), region, p + ".zones");
                    for (String z : zones) {
                        if (!clusterZones.isEmpty() && !clusterZones.contains(z)) {
                            problem(p + ".zones", "zone " + z + " has no worker MachineSet to derive from (cluster zones: " + String.join(", ", clusterZones) + ")",
                                    "use one of the cluster zones or add " + z + " to spec.platform.aws.zones");
                        }
                    }
                }
                int min = pool.minReplicas() == null ? 0 : pool.minReplicas();
                if (min < 0) problem(p + ".minReplicas", "must not be negative", "use 0 to scale to zero when idle");
                if (pool.maxReplicas() == null) {
                    problem(p + ".maxReplicas", "is required", "set the most nodes per zone the autoscaler may start, e.g. 2");
                } else if (pool.maxReplicas() < 1) {
                    problem(p + ".maxReplicas", "must be at least 1", "set maxReplicas: 1 or more (remove the pool to have none)");
                } else if (min > pool.maxReplicas()) {
                    problem(p + ".minReplicas", min + " is above maxReplicas " + pool.maxReplicas(), "make minReplicas ≤ maxReplicas");
                }
                if (!blank(pool.name()) && clusterName != null) {
                    for (String z : zones) {
                        int len = estimatedMachineSetNameLength(clusterName, pool.name(), z);
                        if (len > GpuPoolRules.MAX_LABEL_VALUE) {
                            problem(p + ".name", "the MachineSet name <infraID>-gpu-" + pool.name() + "-" + z + " can reach " + len + " characters, over the 63 a label value allows",
                                    "shorten the pool name by " + (len - 63) + " character(s)");
                        }
                    }
                }
                if (problems.size() == before && type != null) {
                    out.add(new PlannedPool(pool.name(), type, access, type.label(access), List.copyOf(zones), min, pool.maxReplicas(),
                            Boolean.TRUE.equals(pool.spot())));
                }
            }
            return out;
        }

        List<GpuCap> caps(Autoscaler autoscaler, List<PlannedPool> pools) {
            Map<String, GpuCap> caps = new LinkedHashMap<>();
            Map<String, Integer> declared = autoscaler == null || autoscaler.gpuLimits() == null ? Map.of() : autoscaler.gpuLimits();
            for (var e : declared.entrySet()) {
                String p = "spec.autoscaler.gpuLimits." + e.getKey();
                if (!catalog.labels().contains(e.getKey())) {
                    String near = TypoHints.closest(e.getKey(), catalog.labels());
                    problem(p, "'" + e.getKey() + "' is not an accelerator label", (near != null ? "did you mean '" + near + "'? " : "")
                            + "use <family>-SHARED or <family>-PRIVATE with a family from 'rhoai gpu catalog'");
                } else if (e.getValue() == null || e.getValue() < 1) {
                    problem(p, "must be at least 1", "set the most GPUs of this type the cluster may run, or remove the entry");
                } else {
                    caps.put(e.getKey(), new GpuCap(e.getKey(), e.getValue(), false));
                }
            }
            Map<String, Integer> demand = new LinkedHashMap<>();
            for (PlannedPool pool : pools) {
                demand.merge(pool.label(), pool.maxGpusPerZone() * pool.zones().size(), Integer::sum);
                GpuCap cap = caps.get(pool.label());
                if (cap != null && pool.maxGpusPerZone() > cap.max()) {
                    int fitting = cap.max() / pool.type().gpus();
                    problem("spec.gpuPools[name=" + pool.name() + "].maxReplicas",
                            pool.maxReplicas() + " nodes × " + pool.type().gpus() + " GPU = " + pool.maxGpusPerZone()
                                    + " GPUs exceeds the cluster-wide cap of " + cap.max() + " for " + pool.label()
                                    + " (spec.autoscaler.gpuLimits." + pool.label() + ")",
                            "lower maxReplicas to " + fitting + " or raise spec.autoscaler.gpuLimits." + pool.label() + " to " + pool.maxGpusPerZone());
                }
            }
            for (var e : demand.entrySet()) {
                GpuCap cap = caps.get(e.getKey());
                if (cap == null) {
                    caps.put(e.getKey(), new GpuCap(e.getKey(), e.getValue(), true));
                } else if (e.getValue() > cap.max()) {
                    warnings.add("pools labelled " + e.getKey() + " may ask for " + e.getValue() + " GPUs together; the cluster-wide cap of "
                            + cap.max() + " stops the autoscaler first");
                }
            }
            return new ArrayList<>(caps.values());
        }

        void autoscalerSettings(Autoscaler a) {
            if (a == null) return;
            String p = "spec.autoscaler";
            if (a.logVerbosity() != null && a.logVerbosity() < 0) problem(p + ".logVerbosity", "must not be negative", "use 1 (default) to 6; 4 for debugging");
            duration(a.maxNodeProvisionTime(), p + ".maxNodeProvisionTime");
            if (a.scaleDown() != null) {
                duration(a.scaleDown().delayAfterAdd(), p + ".scaleDown.delayAfterAdd");
                duration(a.scaleDown().delayAfterDelete(), p + ".scaleDown.delayAfterDelete");
                duration(a.scaleDown().delayAfterFailure(), p + ".scaleDown.delayAfterFailure");
                duration(a.scaleDown().unneededTime(), p + ".scaleDown.unneededTime");
            }
        }

        void duration(String value, String path) {
            if (value == null) return;
            if (!GO_DURATION.matcher(value).matches()) {
                problem(path, "'" + value + "' is not a duration", "write a Go duration such as 15m, 30s or 1h30m");
            } else {
                try {
                    Durations.parse(value, path);
                } catch (RhoaiException ignored) {
                    // fractions (1.5h) pass the autoscaler's pattern; rhoai does not need to compute them
                }
            }
        }

        /** The pod network must give every node it may ever run a /hostPrefix block. */
        void nodeCapacity(ClusterProfile.Spec spec, List<PlannedPool> pools) {
            Networking n = spec.networking();
            if (n == null || n.clusterNetwork() == null || n.clusterNetwork().isEmpty()) return;
            var cn = n.clusterNetwork().get(0);
            Cidr c = cn == null ? null : Cidr.parse(cn.cidr());
            if (c == null || cn.hostPrefix() == null || cn.hostPrefix() <= c.prefix() || !c.ipv4()) return;
            long capacity = 1L << Math.min(40, cn.hostPrefix() - c.prefix());
            long nodes = nz(spec.controlPlane() == null ? null : spec.controlPlane().replicas())
                    + nz(spec.compute() == null ? null : spec.compute().replicas());
            for (PlannedPool pool : pools) nodes += (long) pool.maxReplicas() * pool.zones().size();
            if (nodes > capacity) {
                problem("spec.networking.clusterNetwork[0].hostPrefix", "a /" + cn.hostPrefix() + " per node out of " + c.text() + " fits "
                        + capacity + " nodes, but the profile may run " + nodes, "lower hostPrefix or widen the cluster network");
            }
        }
    }

    private static long nz(Integer i) {
        return i == null ? 0 : i;
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
