package io.rhoai.models.check;

import io.rhoai.gpu.GpuCatalog;
import io.rhoai.gpu.GpuType;
import io.rhoai.models.Capacity;
import io.rhoai.models.Capacity.LabelCapacity;
import io.rhoai.models.ModelSpec;
import io.rhoai.models.ModelsLoader;
import io.rhoai.models.RuntimeSpec;
import io.rhoai.models.check.ModelsCheck.Finding;
import io.rhoai.models.check.ModelsCheck.ModelReport;
import io.rhoai.models.gateway.GatewayDeclaration;
import io.rhoai.models.tree.ModelTree;
import io.rhoai.profile.ValidatedProfile;
import io.rhoai.profile.ValidatedProfile.PlannedPool;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

import static io.rhoai.models.check.ModelsCheck.FAIL;
import static io.rhoai.models.check.ModelsCheck.NOT_APPLICABLE;
import static io.rhoai.models.check.ModelsCheck.OK;
import static io.rhoai.models.check.ModelsCheck.UNKNOWN;
import static io.rhoai.models.check.ModelsCheck.WARN;

/**
 * Checks every InferenceService of a tree against its runtimes, the profile's GPU pools and caps, and the gateway
 * declaration (docs/models.md lists the checks). Pure: plain inputs in, one record out, nothing printed.
 */
public final class ModelChecker {
    /** Weights must fit the GPUs' memory with this share left over (KV cache, activations, CUDA context). */
    public static final double MEMORY_MARGIN = 0.20;

    /**
     * What one check needs: the tree and the models read from its InferenceServices. {@code gateway} and
     * {@code gatewayFile} are null when there is no declaration.
     */
    public record Input(String profileName, String repoDir, ModelTree tree, List<ModelSpec> models, ValidatedProfile profile,
                        GpuCatalog catalog, GatewayDeclaration gateway, String gatewayFile) {
        public static Input of(ModelsLoader.Loaded l, GpuCatalog catalog) {
            return new Input(l.profileName(), l.repoDir().toString(), l.tree(), l.models(), l.profile(), catalog, l.gateway(),
                    l.gatewayFile());
        }
    }

    public ModelsCheck check(Input in) {
        List<ModelSpec> models = new ArrayList<>(in.models());
        models.sort(Comparator.comparing(ModelSpec::name).thenComparing(m -> Objects.toString(m.namespace(), "")));
        List<RuntimeSpec> runtimes = in.tree().runtimes().stream().map(RuntimeSpec::of).toList();
        List<LabelCapacity> capacity = Capacity.of(models, in.profile());

        List<ModelReport> reports = new ArrayList<>();
        int failed = 0, warnings = 0;
        for (ModelSpec m : models) {
            List<Finding> f = new ArrayList<>();
            f.add(namespace(m));
            f.add(runtime(m, runtimes));
            PlannedPool pool = gpu(m, in, f);
            f.add(capacity(m, capacity));
            f.add(memory(m, in.catalog()));
            f.add(storage(m));
            f.add(servedName(m, in.gateway(), in.gatewayFile()));
            for (Finding x : f) {
                if (x.status().equals(FAIL)) failed++;
                if (x.status().equals(WARN)) warnings++;
            }
            reports.add(new ModelReport(m.name(), m.namespace(), m.where(), m.runtime(), m.gpus(), m.gpuResource(), m.label(),
                    pool == null ? null : pool.name(), List.copyOf(f)));
        }
        return new ModelsCheck(in.profileName(), in.repoDir(), in.tree().sources(), in.gatewayFile(), List.copyOf(reports),
                capacity, failed, warnings);
    }

    private static Finding namespace(ModelSpec m) {
        if (m.namespace() != null) return new Finding("namespace", OK, m.where(), "metadata.namespace", m.namespace());
        return new Finding("namespace", FAIL, m.where(), "metadata.namespace",
                "not set: the model lands in whatever namespace the person applying it has selected");
    }

    private static Finding runtime(ModelSpec m, List<RuntimeSpec> runtimes) {
        String field = "spec.predictor.model.runtime";
        if (m.customContainer()) return new Finding("runtime", NOT_APPLICABLE, m.where(), "spec.predictor.containers", "custom container, no ServingRuntime");
        if (m.format() == null) return new Finding("runtime", FAIL, m.where(), "spec.predictor.model.modelFormat.name", "no model format: no runtime can be selected");
        if (m.runtime() == null) {
            for (RuntimeSpec r : runtimes) {
                if (visible(r, m) && r.formats().stream().anyMatch(f -> f.autoSelect() && f.name().equalsIgnoreCase(m.format()))) {
                    return new Finding("runtime", OK, m.where(), field, "auto-selected " + r.name() + " (" + r.source().where() + ") for format " + m.format());
                }
            }
            return new Finding("runtime", FAIL, m.where(), field, "no runtime named and none auto-selects format " + m.format());
        }
        RuntimeSpec found = runtimes.stream().filter(r -> !r.cluster() && r.name().equals(m.runtime()) && visible(r, m)).findFirst()
                .orElseGet(() -> runtimes.stream().filter(r -> r.cluster() && r.name().equals(m.runtime())).findFirst().orElse(null));
        if (found == null) {
            return new Finding("runtime", FAIL, m.where(), field, "ServingRuntime '" + m.runtime() + "' is not defined"
                    + (m.namespace() == null ? "" : " in namespace " + m.namespace()) + " and there is no ClusterServingRuntime of that name");
        }
        if (!found.supports(m.format(), m.formatVersion())) {
            return new Finding("runtime", FAIL, m.where(), "spec.predictor.model.modelFormat.name", (found.cluster() ? "ClusterServingRuntime " : "ServingRuntime ")
                    + found.name() + " (" + found.source().where() + ") does not support format " + m.format()
                    + (m.formatVersion() == null ? "" : " version " + m.formatVersion()) + " (it supports " + String.join(", ", found.formatNames()) + ")");
        }
        return new Finding("runtime", OK, m.where(), field, found.name() + " (" + found.source().where() + ") supports " + m.format());
    }

    /** A namespaced runtime serves the model when both are in the same namespace, or the runtime leaves it open. */
    private static boolean visible(RuntimeSpec r, ModelSpec m) {
        return r.cluster() || r.namespace() == null || r.namespace().equals(m.namespace());
    }

    /** Adds the gpu finding; returns the pool that can run the model, if any. */
    private static PlannedPool gpu(ModelSpec m, Input in, List<Finding> f) {
        if (m.gpus() == 0) {
            f.add(new Finding("gpu", NOT_APPLICABLE, m.where(), m.gpusField() == null ? "resources" : m.gpusField(), "no accelerator requested"));
            return null;
        }
        GpuCatalog catalog = in.catalog();
        if (catalog.all().stream().noneMatch(t -> t.resourceName().equals(m.gpuResource()))) {
            f.add(new Finding("gpu", FAIL, m.where(), m.gpusField(), "no GPU catalog type provides " + m.gpuResource()));
            return null;
        }
        if (m.label() == null) {
            if (m.toleratesAnyGpu()) {
                f.add(new Finding("gpu", WARN, m.where(), "spec.predictor.tolerations", "tolerates every " + m.gpuResource()
                        + " taint: it may land on any pool (name one with the toleration's value)"));
            } else {
                f.add(new Finding("gpu", FAIL, m.where(), "spec.predictor.tolerations", "asks for " + m.gpus() + " " + m.gpuResource()
                        + " but tolerates no GPU taint and selects no " + ModelSpec.ACCELERATOR_LABEL + ": every GPU pool is tainted, the pod stays Pending"));
            }
            return null;
        }
        GpuType family = catalog.anyWithLabel(m.label()).orElseThrow();
        if (!family.resourceName().equals(m.gpuResource())) {
            f.add(new Finding("gpu", FAIL, m.where(), m.gpusField(), m.label() + " nodes offer " + family.resourceName() + ", the model asks for " + m.gpuResource()));
            return null;
        }
        List<PlannedPool> pools = in.profile().pools().stream().filter(p -> p.label().equals(m.label())).toList();
        if (pools.isEmpty()) {
            f.add(new Finding("gpu", FAIL, m.where(), m.labelField(), "no GPU pool of profile " + in.profileName() + " carries " + m.label()
                    + ": the pod stays Pending (rhoai models plan prints the pool to add)"));
            return null;
        }
        PlannedPool fit = pools.stream().filter(p -> p.type().gpus() >= m.gpus()).findFirst().orElse(null);
        if (fit == null) {
            int most = pools.stream().mapToInt(p -> p.type().gpus()).max().orElse(0);
            f.add(new Finding("gpu", FAIL, m.where(), m.gpusField(), "asks for " + m.gpus() + " GPUs on one node; the pools carrying " + m.label()
                    + " have at most " + most + " per node"));
            return null;
        }
        f.add(new Finding("gpu", OK, m.where(), m.labelField(), m.gpus() + "× " + m.gpuResource() + " on pool " + fit.name() + " ("
                + fit.type().instanceType() + ", " + fit.type().gpus() + "× " + fit.type().vendor() + " " + fit.type().model() + " per node)"));
        return fit;
    }

    private static Finding capacity(ModelSpec m, List<LabelCapacity> capacity) {
        String field = "spec.predictor.minReplicas";
        if (m.gpus() == 0 || m.label() == null) return new Finding("capacity", NOT_APPLICABLE, m.where(), field, "no GPU pool involved");
        LabelCapacity c = capacity.stream().filter(x -> x.label().equals(m.label())).findFirst().orElseThrow();
        String supply = "pools hold " + c.poolsMax() + (c.cap() == null ? "" : ", cap " + c.cap() + (Boolean.TRUE.equals(c.capDerived()) ? " (derived)" : ""));
        return switch (c.status()) {
            case Capacity.MISSING -> new Finding("capacity", NOT_APPLICABLE, m.where(), m.labelField(), "no pool for " + c.label()
                    + " (see gpu); the models on it need " + c.demandMin() + " GPUs at minReplicas");
            case Capacity.TOO_SMALL -> new Finding("capacity", FAIL, m.where(), field, c.label() + ": the models need " + c.demandMin()
                    + " GPUs at minReplicas together; " + supply);
            case Capacity.NO_HEADROOM -> new Finding("capacity", WARN, m.where(), "spec.predictor.maxReplicas", c.label() + ": "
                    + c.demandMin() + " GPUs at minReplicas, " + c.demandMax() + " at maxReplicas, " + c.target() + " with one rolling update; " + supply);
            default -> new Finding("capacity", OK, m.where(), field, c.label() + ": " + c.demandMin() + "/" + c.available()
                    + " GPUs at minReplicas, headroom " + c.headroomAtMin() + " (" + c.target() + " needed at maxReplicas with one rolling update)");
        };
    }

    private static Finding memory(ModelSpec m, GpuCatalog catalog) {
        if (m.gpus() == 0 || m.label() == null) return new Finding("memory", NOT_APPLICABLE, m.where(), "metadata.annotations", "no GPU to fit");
        if (m.weightsBytes() == null) {
            return new Finding("memory", UNKNOWN, m.where(), "metadata.annotations", "no size declared (" + ModelSpec.ANNOTATION_PARAMETERS
                    + " + " + ModelSpec.ANNOTATION_BYTES_PER_PARAMETER + ", or " + ModelSpec.ANNOTATION_WEIGHTS_SIZE + ")");
        }
        GpuType t = catalog.anyWithLabel(m.label()).orElseThrow();
        long gpuBytes = (long) m.gpus() * t.gpuMemoryGiB() * (1L << 30);
        double needed = m.weightsBytes() * (1 + MEMORY_MARGIN);
        String figures = String.format(Locale.ROOT, "weights %.1f GiB (%s) + %d%% = %.1f GiB; %d× %s %d GiB = %d GiB",
                m.weightsBytes() / (double) (1L << 30), m.sizeDeclaration(), Math.round(MEMORY_MARGIN * 100), needed / (1L << 30),
                m.gpus(), t.model(), t.gpuMemoryGiB(), gpuBytes >> 30);
        return new Finding("memory", needed <= gpuBytes ? OK : FAIL, m.where(), m.weightsField(), needed <= gpuBytes ? figures : figures + ": does not fit");
    }

    private static Finding storage(ModelSpec m) {
        if (m.customContainer()) return new Finding("storage", NOT_APPLICABLE, m.where(), "spec.predictor.containers", "custom container fetches its own model");
        if (m.storageKey() != null) return new Finding("storage", OK, m.where(), m.storageField() + ".key", "secret " + m.storageKey() + (m.storagePath() == null ? "" : ", path " + m.storagePath()));
        if (m.storageUri() != null) {
            boolean bucket = m.storageUri().startsWith("s3://") || m.storageUri().startsWith("gs://");
            return new Finding("storage", bucket ? WARN : OK, m.where(), "spec.predictor.model.storageUri", m.storageUri()
                    + (bucket ? ": a bucket with no storage secret named (the service account must carry its credentials)" : ""));
        }
        if (m.storagePath() != null) return new Finding("storage", FAIL, m.where(), m.storageField() + ".key", "storage.path without storage.key: no secret names the bucket");
        return new Finding("storage", FAIL, m.where(), m.storageField(), "no model storage (storage.key + path, or storageUri)");
    }

    private static Finding servedName(ModelSpec m, GatewayDeclaration gateway, String gatewayFile) {
        String field = m.servedModelField() == null ? (m.customContainer() ? "spec.predictor.containers[0].args" : "spec.predictor.model.args") : m.servedModelField();
        GatewayDeclaration.Entry e = gateway == null ? null : gateway.models().get(m.name());
        if (e == null) {
            return new Finding("served-model-name", NOT_APPLICABLE, m.where(), field, gateway == null ? "no gateway declaration" : "not in " + gatewayFile);
        }
        if (e.servedModelName() == null) {
            return new Finding("served-model-name", OK, m.where(), field, "gateway entry declares no name; serving " + (m.servedModelName() == null ? "the runtime's default" : m.servedModelName()));
        }
        if (e.servedModelName().equals(m.servedModelName())) {
            return new Finding("served-model-name", OK, m.where(), field, m.servedModelName() + ", as " + gatewayFile + " declares");
        }
        return new Finding("served-model-name", FAIL, m.where(), field, "serves " + (m.servedModelName() == null ? "no --served-model-name (the runtime's default)" : "'" + m.servedModelName() + "'")
                + " but " + gatewayFile + " models." + m.name() + ".servedModelName is '" + e.servedModelName() + "'");
    }
}
