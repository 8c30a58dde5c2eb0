package io.rhoai.models.gateway;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.rhoai.core.RhoaiException;
import io.rhoai.core.io.InputFiles;
import io.rhoai.core.yaml.Mappers;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * {@code gateway.yaml} beside the models: how each InferenceService is published through 3scale (docs/models.md,
 * "The gateway declaration"). Everything but the model's key has a default taken from the InferenceService.
 */
@RegisterForReflection
public record GatewayDeclaration(String apiVersion, String kind, String namespace, String docsBaseURL,
                                 Map<String, Entry> models) {
    public static final String FILE = "gateway.yaml";
    public static final String KIND = "ModelGateway";
    public static final String API_VERSION = "rhoai.io/v1alpha1";
    /** The mapping-rule sets the seed's products use. */
    public static final Set<String> APIS = Set.of("openai", "guardian", "tei", "docling", "sdxl", "kserve-v2");
    public static final Set<String> PERIODS = Set.of("eternity", "year", "month", "week", "day", "hour", "minute");
    private static final Pattern NAME = Pattern.compile("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$");

    /**
     * One published model, keyed by its InferenceService name. {@code product}: the Product/Backend name (default the
     * InferenceService's); {@code api}: the mapping-rule set (default from the model format); {@code docs}: the OpenAPI
     * document URL (default docsBaseURL + product + "/apidoc.json").
     */
    @RegisterForReflection
    public record Entry(String product, String displayName, String description, String api, String servedModelName,
                        List<RateLimit> rateLimits, String docs, Integer upstreamTimeoutSeconds) { }

    /** An application-plan limit: {@code metric} (hits, total_tokens…) may be used {@code value} times per {@code period}. */
    @RegisterForReflection
    public record RateLimit(String metric, String period, Long value) { }

    /** The declaration in {@code file} (path as shown in messages: {@code display}). */
    public static GatewayDeclaration read(Path file, String display) {
        String text = InputFiles.readText(file, "gateway declaration", "--gateway", 1024 * 1024);
        ObjectMapper strict = Mappers.yaml().copy().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT);
        GatewayDeclaration d;
        try {
            d = strict.readValue(text, GatewayDeclaration.class);
        } catch (JsonMappingException e) {
            String path = e.getPath().stream().map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                    .reduce((a, b) -> b.startsWith("[") ? a + b : a + "." + b).orElse("(top)");
            throw RhoaiException.invalid(display + ": " + path + ": " + e.getOriginalMessage().lines().findFirst().orElse(""),
                    "see docs/models.md for the gateway.yaml format");
        } catch (JsonProcessingException e) {
            throw RhoaiException.invalid(display + ": not valid YAML: " + e.getOriginalMessage().lines().findFirst().orElse(""),
                    "fix the file");
        }
        if (d == null) throw RhoaiException.invalid(display + ": is empty", "see docs/models.md for the gateway.yaml format");
        if (!API_VERSION.equals(d.apiVersion()) || !KIND.equals(d.kind())) {
            throw RhoaiException.invalid(display + ": apiVersion/kind must be " + API_VERSION + " / " + KIND,
                    "start the file with apiVersion: " + API_VERSION + " and kind: " + KIND);
        }
        Map<String, Entry> models = new TreeMap<>();
        for (var e : (d.models() == null ? Map.<String, Entry>of() : d.models()).entrySet()) {
            String at = "models." + e.getKey();
            Entry m = e.getValue() == null ? new Entry(null, null, null, null, null, null, null, null) : e.getValue();
            if (m.product() != null && !NAME.matcher(m.product()).matches()) {
                throw RhoaiException.invalid(display + ": " + at + ".product: '" + m.product() + "' is not a valid object name", "use lower-case letters, digits and dashes");
            }
            if (m.api() != null && !APIS.contains(m.api())) {
                throw RhoaiException.invalid(display + ": " + at + ".api: '" + m.api() + "' is not a known API", "use one of " + String.join(", ", APIS.stream().sorted().toList()));
            }
            List<RateLimit> limits = m.rateLimits() == null ? List.of() : m.rateLimits();
            for (int i = 0; i < limits.size(); i++) {
                RateLimit r = limits.get(i);
                String f = display + ": " + at + ".rateLimits[" + i + "]";
                if (r == null || r.metric() == null || r.period() == null || r.value() == null) {
                    throw RhoaiException.invalid(f + ": metric, period and value are required", "e.g. {metric: hits, period: minute, value: 60}");
                }
                if (!PERIODS.contains(r.period())) {
                    throw RhoaiException.invalid(f + ".period: '" + r.period() + "' is not a 3scale period", "use one of " + String.join(", ", PERIODS.stream().sorted().toList()));
                }
                if (r.value() < 0) throw RhoaiException.invalid(f + ".value: must not be negative", "write a count");
            }
            models.put(e.getKey(), m);
        }
        return new GatewayDeclaration(d.apiVersion(), d.kind(), d.namespace(), d.docsBaseURL(), models);
    }

    /** The first {@code gateway.yaml} directly in one of the model directories, or null. */
    public static Path find(Path repo, List<String> dirs) {
        for (String d : dirs) {
            Path p = repo.resolve(d).resolve(FILE);
            if (Files.isRegularFile(p)) return p;
        }
        return null;
    }
}
