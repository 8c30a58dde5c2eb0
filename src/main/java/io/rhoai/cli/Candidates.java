package io.rhoai.cli;

import io.quarkus.runtime.annotations.RegisterForReflection;
import io.rhoai.certs.acme.CertificateIssuer;
import io.rhoai.certs.dns.DnsProviders;
import io.rhoai.certs.dns.DnsProviderInfo;
import io.rhoai.gpu.GpuCatalog;
import io.rhoai.gpu.GpuType;

import java.util.Iterator;
import java.util.List;

/**
 * Completion candidates ({@code completionCandidates} of an option) for values from a closed set or a catalog. picocli
 * evaluates them when {@code rhoai completion} writes the script (and when a help text names
 * {@code ${COMPLETION-CANDIDATES}}), not on a normal run. Profile names: {@link ProfileNames}.
 */
public final class Candidates {
    private Candidates() { }

    /** The instance types of the bundled GPU catalog ({@code rhoai gpu catalog}). */
    @RegisterForReflection
    public static final class InstanceTypes implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return GpuCatalog.bundled().all().stream().map(GpuType::instanceType).iterator();
        }
    }

    /** A GPU pool's access: the accelerator label suffix, as typed on the command line. */
    @RegisterForReflection
    public static final class AccessModes implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return GpuCatalog.ACCESS_MODES.stream().map(m -> m.toLowerCase(java.util.Locale.ROOT)).iterator();
        }
    }

    /** The registered DNS providers ({@code rhoai certs dns-providers}). */
    @RegisterForReflection
    public static final class DnsProviderNames implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return DnsProviders.all().stream().map(DnsProviderInfo::name).iterator();
        }
    }

    @RegisterForReflection
    public static final class KeyTypes implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return CertificateIssuer.KEY_TYPES.iterator();
        }
    }

    /** The named ACME servers (any directory URL is accepted too). */
    @RegisterForReflection
    public static final class AcmeServers implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return List.of("letsencrypt", "letsencrypt-staging").iterator();
        }
    }

    @RegisterForReflection
    public static final class WaitModes implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return List.of("watch", "poll").iterator();
        }
    }

    @RegisterForReflection
    public static final class DryRunModes implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            // the modes --dry-run takes besides none (the default): Applier.DryRun's own spelling
            return java.util.Arrays.stream(io.rhoai.kube.Applier.DryRun.values()).filter(m -> m != io.rhoai.kube.Applier.DryRun.NONE)
                    .map(m -> m.name().toLowerCase(java.util.Locale.ROOT)).iterator();
        }
    }

    /**
     * Examples of Go durations, for every option of type Duration: {@link CompletionCommand} gives them to each such
     * option when it writes the script (one place, instead of an attribute on every --timeout).
     */
    @RegisterForReflection
    public static final class DurationExamples implements Iterable<String> {
        static final List<String> EXAMPLES = List.of("30s", "90s", "2m", "10m", "30m", "1h", "1h30m", "24h", "720h");

        @Override
        public Iterator<String> iterator() {
            return EXAMPLES.iterator();
        }
    }
}
