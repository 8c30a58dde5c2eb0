package io.rhoai.gpu;

import com.fasterxml.jackson.databind.DeserializationFeature;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.rhoai.core.yaml.Mappers;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The GPU instance types bundled in the binary ({@code catalog/gpus.yaml}): which GPU each type carries, how many,
 * and the accelerator label family its pools are labelled with. Immutable; {@link #bundled()} is loaded once.
 */
public final class GpuCatalog {
    public static final String RESOURCE = "catalog/gpus.yaml";
    public static final String SHARED = "SHARED";
    public static final String PRIVATE = "PRIVATE";
    public static final List<String> ACCESS_MODES = List.of(SHARED, PRIVATE);

    private static volatile GpuCatalog bundled;

    private final Map<String, GpuType> byInstanceType = new LinkedHashMap<>();

    @RegisterForReflection
    record CatalogFile(String apiVersion, String kind, List<GpuType> gpus) { }

    public GpuCatalog(List<GpuType> types) {
        for (GpuType t : types) byInstanceType.put(t.instanceType(), t);
    }

    public static GpuCatalog bundled() {
        GpuCatalog c = bundled;
        if (c == null) {
            try (InputStream in = GpuCatalog.class.getClassLoader().getResourceAsStream(RESOURCE)) {
                if (in == null) throw new IllegalStateException("the bundled GPU catalog " + RESOURCE + " is missing");
                // strict: a misspelled field in the catalog must fail the build's tests, not vanish
                CatalogFile file = Mappers.yaml().copy().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                        .readValue(in, CatalogFile.class);
                c = new GpuCatalog(file.gpus());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the bundled GPU catalog", e);
            }
            bundled = c;
        }
        return c;
    }

    public List<GpuType> all() {
        return List.copyOf(byInstanceType.values());
    }

    public Optional<GpuType> find(String instanceType) {
        return Optional.ofNullable(instanceType == null ? null : byInstanceType.get(instanceType));
    }

    /** Every valid accelerator label value: each family with -SHARED and -PRIVATE, sorted. */
    public Set<String> labels() {
        Set<String> out = new TreeSet<>();
        for (GpuType t : byInstanceType.values()) for (String a : ACCESS_MODES) out.add(t.label(a));
        return out;
    }

    /** The GPUs per node for a label, or empty when no catalog type carries that label. */
    public Optional<GpuType> anyWithLabel(String label) {
        return byInstanceType.values().stream().filter(t -> ACCESS_MODES.stream().anyMatch(a -> t.label(a).equals(label))).findFirst();
    }
}
