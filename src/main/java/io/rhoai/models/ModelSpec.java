package io.rhoai.models;

import com.fasterxml.jackson.databind.JsonNode;
import io.rhoai.core.RhoaiException;
import io.rhoai.gpu.GpuCatalog;
import io.rhoai.gpu.GpuType;
import io.rhoai.models.tree.SourceObject;

import java.math.BigDecimal;
import java.util.Iterator;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What rhoai reads from one InferenceService, each value with the field it came from (for findings). Built by
 * {@link #of}, which rejects what cannot be read at all (a GPU count of "abc", a toleration for a label no catalog
 * type carries, a malformed size annotation) with one error naming the file and the field (exit 3).
 */
public record ModelSpec(SourceObject source, String name, String namespace, String displayName, boolean customContainer,
                        String runtime, String format, String formatVersion,
                        String gpuResource, int gpus, String gpusField,
                        String label, String labelField, boolean toleratesAnyGpu,
                        int minReplicas, int maxReplicas,
                        String storageKey, String storageUri, String storagePath, String storageField,
                        String servedModelName, String servedModelField,
                        Long weightsBytes, String weightsField, String sizeDeclaration) {

    /** Size annotations (docs/models.md): parameters × bytes per parameter, or the weights' size. */
    public static final String ANNOTATION_PARAMETERS = "rhoai.io/model-parameters";
    public static final String ANNOTATION_BYTES_PER_PARAMETER = "rhoai.io/bytes-per-parameter";
    public static final String ANNOTATION_WEIGHTS_SIZE = "rhoai.io/weights-size";
    /** The node label a pool's nodes carry, and a nodeSelector may name. */
    public static final String ACCELERATOR_LABEL = "cluster-api/accelerator";

    private static final Pattern COUNT = Pattern.compile("^[0-9]+$");
    private static final Pattern PARAMETERS = Pattern.compile("^([0-9]+(?:\\.[0-9]+)?)([KMBT]?)$");
    private static final Pattern QUANTITY = Pattern.compile("^([0-9]+(?:\\.[0-9]+)?)(Ki|Mi|Gi|Ti|K|M|G|T)?$");
    private static final Pattern SERVED = Pattern.compile("^--served-model-name(?:=(.*))?$");

    public String where() {
        return source.where();
    }

    /** The InferenceService's resolved name of what clients send as "model" (KServe's {{.Name}} replaced). */
    public static ModelSpec of(SourceObject o, GpuCatalog catalog) {
        JsonNode body = o.body();
        String file = o.where();
        JsonNode meta = body.path("metadata");
        String name = o.name();
        if (name.isBlank()) throw invalid(file, "metadata.name", "is required", "name the InferenceService");
        JsonNode predictor = body.path("spec").path("predictor");
        JsonNode model = predictor.path("model");
        boolean custom = model.isMissingNode() && predictor.path("containers").isArray();
        String base = custom ? "spec.predictor.containers[0]" : "spec.predictor.model";
        JsonNode container = custom ? predictor.path("containers").path(0) : model;

        String runtime = text(model.path("runtime"));
        String format = text(model.path("modelFormat").path("name"));
        String formatVersion = text(model.path("modelFormat").path("version"));

        // GPU request: limits (what the device plugin allocates), else requests
        String gpuResource = null, gpusField = null;
        int gpus = 0;
        for (String section : new String[] {"limits", "requests"}) {
            JsonNode res = container.path("resources").path(section);
            Iterator<Map.Entry<String, JsonNode>> it = res.fields();
            while (it.hasNext()) {
                var e = it.next();
                if (!accelerator(e.getKey(), catalog)) continue;
                String field = base + ".resources." + section + "[" + e.getKey() + "]";
                String v = e.getValue().asText("").strip();
                if (!COUNT.matcher(v).matches()) {
                    throw invalid(file, field, "'" + v + "' is not a whole number of devices", "write a count such as '1'");
                }
                if (gpuResource == null) {
                    gpuResource = e.getKey();
                    gpus = Integer.parseInt(v);
                    gpusField = field;
                }
            }
            if (gpuResource != null) break;
        }

        // placement: the toleration of the GPU taint (key = the resource name, value = the accelerator label), or a nodeSelector
        String label = null, labelField = null;
        boolean any = false;
        JsonNode tolerations = predictor.path("tolerations");
        for (int i = 0; i < tolerations.size(); i++) {
            JsonNode t = tolerations.get(i);
            String key = text(t.path("key"));
            if (key == null || !catalogResource(key, catalog)) continue;
            String value = text(t.path("value"));
            String op = text(t.path("operator"));
            if ("Exists".equals(op) || value == null) {
                any = true;
                continue;
            }
            String field = "spec.predictor.tolerations[" + i + "].value";
            if (!catalog.labels().contains(value)) {
                throw invalid(file, field, "'" + value + "' is not an accelerator label of the GPU catalog",
                        "use one of " + String.join(", ", catalog.labels()) + " (rhoai gpu catalog)");
            }
            if (label == null) {
                label = value;
                labelField = field;
            }
        }
        String selected = text(predictor.path("nodeSelector").path(ACCELERATOR_LABEL));
        if (selected != null) {
            String field = "spec.predictor.nodeSelector[" + ACCELERATOR_LABEL + "]";
            if (!catalog.labels().contains(selected)) {
                throw invalid(file, field, "'" + selected + "' is not an accelerator label of the GPU catalog",
                        "use one of " + String.join(", ", catalog.labels()) + " (rhoai gpu catalog)");
            }
            if (label == null || any) {
                label = selected;
                labelField = field;
            }
        }

        int min = intField(file, predictor.path("minReplicas"), "spec.predictor.minReplicas", 1);
        int max = Math.max(min, intField(file, predictor.path("maxReplicas"), "spec.predictor.maxReplicas", min));

        JsonNode storage = model.path("storage");
        String storageKey = text(storage.path("key"));
        String storagePath = text(storage.path("path"));
        String storageUri = text(model.path("storageUri"));

        // served model name: vLLM's --served-model-name, KServe's {{.Name}} replaced by the InferenceService's name
        String served = null, servedField = null;
        JsonNode args = container.path("args");
        for (int i = 0; i < args.size(); i++) {
            Matcher m = SERVED.matcher(args.get(i).asText(""));
            if (!m.matches()) continue;
            String v = m.group(1) != null ? m.group(1) : args.path(i + 1).asText(null);
            if (v != null) {
                served = v.replace("{{.Name}}", name).strip();
                servedField = base + ".args[" + i + "]";
            }
            break;
        }

        // size: parameters × bytes per parameter, or the weights' size
        JsonNode ann = meta.path("annotations");
        Long weights = null;
        String weightsField = null, declaration = null;
        String params = text(ann.path(ANNOTATION_PARAMETERS)), bpp = text(ann.path(ANNOTATION_BYTES_PER_PARAMETER));
        String size = text(ann.path(ANNOTATION_WEIGHTS_SIZE));
        if (size != null) {
            weightsField = "metadata.annotations[" + ANNOTATION_WEIGHTS_SIZE + "]";
            weights = quantity(file, weightsField, size);
            declaration = ANNOTATION_WEIGHTS_SIZE + "=" + size;
        } else if (params != null || bpp != null) {
            if (params == null || bpp == null) {
                String missing = params == null ? ANNOTATION_PARAMETERS : ANNOTATION_BYTES_PER_PARAMETER;
                throw invalid(file, "metadata.annotations[" + missing + "]", "is missing: the size needs both "
                        + ANNOTATION_PARAMETERS + " and " + ANNOTATION_BYTES_PER_PARAMETER, "add it (e.g. '8B' and '2' for 8B parameters in FP16), or use " + ANNOTATION_WEIGHTS_SIZE);
            }
            weightsField = "metadata.annotations[" + ANNOTATION_PARAMETERS + "]";
            BigDecimal p = parameters(file, weightsField, params);
            BigDecimal b;
            try {
                b = new BigDecimal(bpp.strip());
            } catch (NumberFormatException e) {
                throw invalid(file, "metadata.annotations[" + ANNOTATION_BYTES_PER_PARAMETER + "]", "'" + bpp + "' is not a number",
                        "write e.g. '2' (FP16/BF16), '1' (FP8/INT8) or '0.5' (4-bit)");
            }
            if (b.signum() <= 0 || b.compareTo(BigDecimal.valueOf(8)) > 0) {
                throw invalid(file, "metadata.annotations[" + ANNOTATION_BYTES_PER_PARAMETER + "]", "'" + bpp + "' is outside (0, 8]",
                        "write e.g. '2' (FP16/BF16), '1' (FP8/INT8) or '0.5' (4-bit)");
            }
            weights = p.multiply(b).longValue();
            declaration = ANNOTATION_PARAMETERS + "=" + params + " × " + ANNOTATION_BYTES_PER_PARAMETER + "=" + bpp;
        }

        return new ModelSpec(o, name, o.namespace(), text(meta.path("annotations").path("openshift.io/display-name")), custom,
                runtime, format, formatVersion, gpuResource, gpus, gpusField, label, labelField, any, min, max,
                storageKey, storageUri, storagePath, custom ? null : "spec.predictor.model.storage",
                served, servedField, weights, weightsField, declaration);
    }

    /** A resource name that is an accelerator: one the catalog's types provide, or any *gpu* / gaudi resource. */
    static boolean accelerator(String resource, GpuCatalog catalog) {
        return catalogResource(resource, catalog) || resource.contains("gpu") || resource.contains("gaudi");
    }

    static boolean catalogResource(String resource, GpuCatalog catalog) {
        for (GpuType t : catalog.all()) if (t.resourceName().equals(resource)) return true;
        return false;
    }

    private static int intField(String file, JsonNode n, String field, int dflt) {
        if (n.isMissingNode() || n.isNull()) return dflt;
        if (n.isInt() && n.asInt() >= 0) return n.asInt();
        if (n.isTextual() && COUNT.matcher(n.asText()).matches()) return Integer.parseInt(n.asText());
        throw invalid(file, field, "'" + n.asText() + "' is not a whole number", "write a count such as 1");
    }

    static long quantity(String file, String field, String v) {
        Matcher m = QUANTITY.matcher(v.strip());
        if (!m.matches()) throw invalid(file, field, "'" + v + "' is not a size", "write a Kubernetes quantity such as '16Gi' or '15G'");
        long mult = switch (m.group(2) == null ? "" : m.group(2)) {
            case "Ki" -> 1L << 10;
            case "Mi" -> 1L << 20;
            case "Gi" -> 1L << 30;
            case "Ti" -> 1L << 40;
            case "K" -> 1_000L;
            case "M" -> 1_000_000L;
            case "G" -> 1_000_000_000L;
            case "T" -> 1_000_000_000_000L;
            default -> 1L;
        };
        return new BigDecimal(m.group(1)).multiply(BigDecimal.valueOf(mult)).longValue();
    }

    static BigDecimal parameters(String file, String field, String v) {
        Matcher m = PARAMETERS.matcher(v.strip());
        if (!m.matches()) throw invalid(file, field, "'" + v + "' is not a parameter count", "write e.g. '8B', '1.1B', '350M' or a plain number");
        long mult = switch (m.group(2)) {
            case "K" -> 1_000L;
            case "M" -> 1_000_000L;
            case "B" -> 1_000_000_000L;
            case "T" -> 1_000_000_000_000L;
            default -> 1L;
        };
        return new BigDecimal(m.group(1)).multiply(BigDecimal.valueOf(mult));
    }

    private static String text(JsonNode n) {
        return n.isValueNode() && !n.asText().isBlank() ? n.asText() : null;
    }

    static RhoaiException invalid(String file, String field, String problem, String hint) {
        return RhoaiException.invalid(file + ": " + field + ": " + problem, hint);
    }
}
