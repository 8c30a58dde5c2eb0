package io.rhoai.profile.rules;

import io.rhoai.core.RhoaiException;
import io.rhoai.gpu.GpuCatalog;
import io.rhoai.gpu.GpuType;
import io.rhoai.profile.ValidatedProfile.PlannedPool;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The rules a GPU pool obeys wherever it comes from: a profile's {@code spec.gpuPools} (checked by the
 * {@code ProfileValidator}, which collects every problem) or the flags of {@code gpu pools add} (checked here, failing
 * on the first). One name rule: a DNS label whose MachineSet name {@code <infraID>-gpu-<pool>-<zone>} fits the 63
 * characters of a label value.
 */
public final class GpuPoolRules {
    public static final Pattern DNS_LABEL = Pattern.compile("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$");
    public static final int MAX_LABEL_VALUE = 63;
    private static final Pattern ZONE = Pattern.compile("[a-z]{2}(-[a-z]+)+-\\d[a-z]");

    private GpuPoolRules() { }

    public static boolean validName(String name) {
        return name != null && DNS_LABEL.matcher(name).matches();
    }

    /** The length of the MachineSet name {@code <infraID>-gpu-<pool>-<zone>}, given the infrastructure ID's length. */
    public static int machineSetNameLength(int infraIdLength, String pool, String zone) {
        return infraIdLength + "-gpu-".length() + pool.length() + 1 + zone.length();
    }

    /** An ad-hoc pool from flags, validated against the catalog; the first problem is INVALID_INPUT naming the flag. */
    public static PlannedPool adHocPool(GpuCatalog catalog, String name, String instanceType, String access, String zone,
                                        int min, int max, boolean spot) {
        if (!validName(name)) {
            throw RhoaiException.invalid("--pool: '" + name + "' is not a valid Kubernetes name",
                    "use lower-case letters, digits and '-', e.g. --pool t4-shared");
        }
        GpuType type = catalog.find(instanceType).orElseThrow(() -> RhoaiException.invalid(
                "--instance-type: '" + instanceType + "' is not in the GPU catalog", "pick one from 'rhoai gpu catalog', e.g. g4dn.2xlarge"));
        String mode = access == null ? GpuCatalog.SHARED : access.toUpperCase(Locale.ROOT);
        if (!GpuCatalog.ACCESS_MODES.contains(mode)) {
            throw RhoaiException.invalid("--access: '" + access + "' is not shared or private", "use --access shared or --access private");
        }
        if (zone == null || !ZONE.matcher(zone).matches()) {
            throw RhoaiException.invalid("--zone: '" + zone + "' is not a full availability zone name", "use e.g. --zone us-west-2a");
        }
        if (min < 0 || max < 1 || min > max) {
            throw RhoaiException.invalid("--min " + min + " / --max " + max + ": need 0 <= min <= max and max >= 1", "e.g. --min 0 --max 2");
        }
        return new PlannedPool(name, type, mode, type.label(mode), List.of(zone), min, max, spot);
    }

    /** Refuses a pool whose MachineSet name in this cluster would not fit a label value. */
    public static void checkMachineSetName(String machineSetName, String pool) {
        if (machineSetName.length() > MAX_LABEL_VALUE) {
            throw RhoaiException.invalid("--pool: the MachineSet name " + machineSetName + " has " + machineSetName.length()
                            + " characters, over the " + MAX_LABEL_VALUE + " a label value allows",
                    "shorten the pool name '" + pool + "' by " + (machineSetName.length() - MAX_LABEL_VALUE) + " character(s)");
        }
    }
}
