package io.rhoai.models.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.rhoai.core.RhoaiException;
import io.rhoai.models.ModelSpec;
import io.rhoai.models.RuntimeSpec;
import io.rhoai.models.gateway.GatewayDeclaration.Entry;
import io.rhoai.models.gateway.GatewayDeclaration.RateLimit;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Renders the 3scale objects the seed keeps by hand for each declared model (Backend, Product, ActiveDoc,
 * ProxyConfigPromote, {@code capabilities.3scale.net/v1beta1}), from the InferenceService and its gateway entry. Pure and
 * deterministic: the same inputs give the same bytes. The seed's files are the reference (docs/models.md).
 */
public final class GatewayRenderer {
    public static final String API_VERSION = "capabilities.3scale.net/v1beta1";
    public static final String DEFAULT_NAMESPACE = "3scale";
    public static final int DEFAULT_UPSTREAM_TIMEOUT = 300;
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    /** The objects of one model; {@code activeDoc} is null when no documentation URL is declared. */
    @RegisterForReflection
    public record Rendered(String model, String product, String api, ObjectNode backend, ObjectNode productObject,
                           ObjectNode activeDoc, ObjectNode proxyConfigPromote) {
        /** File name → object, in apply order (the seed's script: backend, product, activedoc, promote). */
        public Map<String, ObjectNode> files() {
            Map<String, ObjectNode> m = new LinkedHashMap<>();
            m.put("backend.yaml", backend);
            m.put("product.yaml", productObject);
            if (activeDoc != null) m.put("activedoc.yaml", activeDoc);
            m.put("proxy-config-promote.yaml", proxyConfigPromote);
            return m;
        }
    }

    private record Rule(String method, String pattern, String ref, String friendly, String description) { }

    private static final Map<String, List<Rule>> RULES = Map.of(
            "openai", List.of(
                    new Rule("GET", "/health", "health", "Health Check", "Check the health of the model"),
                    new Rule("POST", "/tokenize", "tokenize", "Tokenize", "Tokenize the input text"),
                    new Rule("POST", "/detokenize", "detokenize", "Detokenize", "Detokenize the input text"),
                    new Rule("GET", "/v1/models", "models", "Models", "Get the list of models"),
                    new Rule("GET", "/version", "version", "Version Check", "Check the version of the model"),
                    new Rule("POST", "/v1/chat/completions", "chat/completions", "Chat Completions", "Get the completions for the input text"),
                    new Rule("POST", "/v1/completions", "completions", "Completions", "Get the completions for the input text"),
                    new Rule("POST", "/v1/embeddings", "embeddings", "Embeddings", "Get the embeddings for the input text")),
            "guardian", List.of(
                    new Rule("GET", "/health", "health", "Health Check", "Check the health of the model"),
                    new Rule("GET", "/v1/models", "models", "Models", "Get the list of models"),
                    new Rule("GET", "/version", "version", "Version Check", "Check the version of the model"),
                    new Rule("POST", "/v1/chat/completions", "chat/completions", "Chat Completions", "Get the completions for the input text")),
            "tei", List.of(
                    new Rule("POST", "/decode", "decode", "Decode", "Decode token ids"),
                    new Rule("POST", "/embed", "embed", "Embed", "Get embeddings"),
                    new Rule("POST", "/embed_all", "embed_all", "Embed All", "Get all token embeddings"),
                    new Rule("POST", "/embed_sparse", "embed_sparse", "Embed Sparse", "Get sparse embeddings"),
                    new Rule("GET", "/health", "health", "Health Check", "Check the health of the model"),
                    new Rule("GET", "/info", "info", "Info", "Model information"),
                    new Rule("POST", "/similarity", "similarity", "Similarity", "Sentence similarity"),
                    new Rule("POST", "/tokenize", "tokenize", "Tokenize", "Tokenize the input text"),
                    new Rule("POST", "/v1/embeddings", "embeddings", "Embeddings", "Get the embeddings for the input text")),
            "docling", List.of(
                    new Rule("GET", "/health", "health", "Health Check", "Check the health of the service"),
                    new Rule("POST", "/v1alpha/convert/source", "convert/source", "Convert Source", "Convert a document from a URL"),
                    new Rule("POST", "/v1alpha/convert/file", "convert/file", "Convert File", "Convert an uploaded document")),
            "sdxl", List.of(
                    new Rule("GET", "/health", "health", "Health Check", "Check the health of the model"),
                    new Rule("POST", "/generate", "generate", "Generate", "Generate an image"),
                    new Rule("GET", "/progress/{job_id}", "progress", "Progress", "Progress of a generation job")),
            "kserve-v2", List.of(
                    new Rule("POST", "/v2", "v2", "Inference", "KServe v2 inference")));

    /** Token metrics and the llm-metrics policy: the APIs whose responses carry OpenAI usage figures. */
    private static boolean tokens(String api) {
        return api.equals("openai") || api.equals("guardian") || api.equals("tei");
    }

    /** The API by model format when the entry names none: vLLM → openai, sBERT → tei, Docling, sdxl; else kserve-v2. */
    public static String defaultApi(ModelSpec m) {
        String f = m.format() == null ? "" : m.format().toLowerCase(Locale.ROOT);
        return switch (f) {
            case "vllm" -> "openai";
            case "sbert" -> "tei";
            case "docling" -> "docling";
            case "sdxl" -> "sdxl";
            default -> "kserve-v2";
        };
    }

    public Rendered render(ModelSpec m, RuntimeSpec runtime, Entry e, GatewayDeclaration d, String declarationFile) {
        String product = e.product() != null ? e.product() : m.name();
        String at = declarationFile + ": models." + m.name();
        if (m.namespace() == null) {
            throw RhoaiException.invalid(m.where() + ": metadata.namespace: not set; the Backend's URL needs the model's namespace",
                    "set metadata.namespace in the InferenceService");
        }
        String display = e.displayName() != null ? e.displayName() : m.displayName() != null ? m.displayName() : m.name();
        String api = e.api() != null ? e.api() : defaultApi(m);
        String ns = d.namespace() != null ? d.namespace() : DEFAULT_NAMESPACE;
        int port = port(m, runtime);

        ObjectNode backend = object("Backend", product, ns);
        ObjectNode bs = backend.putObject("spec");
        bs.put("name", display);
        bs.put("systemName", product);
        bs.put("privateBaseURL", "http://" + m.name() + "-predictor." + m.namespace() + ".svc.cluster.local:" + port);

        ObjectNode p = object("Product", product, ns);
        ObjectNode ps = p.putObject("spec");
        ps.put("name", display);
        ps.put("systemName", product);
        if (e.description() != null) ps.put("description", e.description().strip());
        ObjectNode userkey = ps.putObject("deployment").putObject("apicastHosted").putObject("authentication").putObject("userkey");
        userkey.put("authUserKey", "Authorization");
        userkey.put("credentials", "authorization");
        ps.putObject("backendUsages").putObject(product).put("path", "/");
        ObjectNode metrics = ps.putObject("metrics");
        metric(metrics, "hits", "Number of API hits", "Hits", "hit");
        if (tokens(api)) {
            metric(metrics, "total_tokens", "Number of total tokens", "Total Tokens", "token");
            metric(metrics, "prompt_tokens", "Number of prompt tokens", "Prompt Tokens", "token");
            metric(metrics, "completion_tokens", "Number of completion tokens", "Completion Tokens", "token");
        }
        List<Rule> rules = RULES.get(api);
        ObjectNode methods = ps.putObject("methods");
        for (Rule r : rules) {
            if (methods.has(r.ref())) continue;
            ObjectNode mm = methods.putObject(r.ref());
            mm.put("friendlyName", r.friendly());
            mm.put("description", r.description());
        }
        ArrayNode mapping = ps.putArray("mappingRules");
        for (Rule r : rules) {
            ObjectNode mr = mapping.addObject();
            mr.put("httpMethod", r.method());
            mr.put("pattern", r.pattern());
            mr.put("metricMethodRef", r.ref());
            mr.put("increment", 1);
        }
        ObjectNode plan = ps.putObject("applicationPlans").putObject("standard");
        plan.put("name", "Standard");
        // the seed's files also say default: true, which the Product CRD does not define (the API server prunes it)
        plan.put("appsRequireApproval", false);
        plan.put("published", true);
        List<RateLimit> limits = e.rateLimits() == null ? List.of() : e.rateLimits();
        if (!limits.isEmpty()) {
            ArrayNode l = plan.putArray("limits");
            for (int i = 0; i < limits.size(); i++) {
                RateLimit r = limits.get(i);
                if (!metrics.has(r.metric()) && !methods.has(r.metric())) {
                    throw RhoaiException.invalid(at + ".rateLimits[" + i + "].metric: '" + r.metric() + "' is not a metric or method of the "
                            + api + " product", "use one of " + String.join(", ", names(metrics, methods)));
                }
                ObjectNode limit = l.addObject();
                limit.put("period", r.period());
                limit.put("value", r.value());
                limit.putObject("metricMethodRef").put("systemName", r.metric());
            }
        }
        ps.set("policies", policies(api, e.upstreamTimeoutSeconds() == null ? DEFAULT_UPSTREAM_TIMEOUT : e.upstreamTimeoutSeconds()));

        ObjectNode doc = null;
        String docs = e.docs() != null ? e.docs() : d.docsBaseURL() == null ? null
                : d.docsBaseURL() + (d.docsBaseURL().endsWith("/") ? "" : "/") + product + "/apidoc.json";
        if (docs != null) {
            doc = object("ActiveDoc", product, ns);
            ObjectNode ds = doc.putObject("spec");
            ds.put("name", display + " API Documentation");
            ds.put("systemName", product.replaceAll("[-.]", ""));
            ds.putObject("activeDocOpenAPIRef").put("url", docs);
            ds.put("published", true);
            ds.put("skipSwaggerValidations", true);
            ds.put("productSystemName", product);
        }
        ObjectNode promote = object("ProxyConfigPromote", product, ns);
        ObjectNode pp = promote.putObject("spec");
        pp.put("productCRName", product);
        pp.put("production", true);
        pp.put("deleteCR", false);
        return new Rendered(m.name(), product, api, backend, p, doc, promote);
    }

    private static List<String> names(ObjectNode metrics, ObjectNode methods) {
        List<String> out = new ArrayList<>();
        metrics.fieldNames().forEachRemaining(out::add);
        methods.fieldNames().forEachRemaining(out::add);
        return out;
    }

    /** The port the predictor serves on: the custom container's, else the runtime's (8080 when neither says). */
    static int port(ModelSpec m, RuntimeSpec runtime) {
        if (m.customContainer()) {
            JsonNode port = m.source().body().path("spec").path("predictor").path("containers").path(0).path("ports").path(0).path("containerPort");
            return port.asInt(RuntimeSpec.DEFAULT_PORT);
        }
        return runtime == null ? RuntimeSpec.DEFAULT_PORT : runtime.port();
    }

    private static ObjectNode object(String kind, String name, String ns) {
        ObjectNode o = F.objectNode();
        o.put("apiVersion", API_VERSION);
        o.put("kind", kind);
        ObjectNode meta = o.putObject("metadata");
        meta.put("name", name);
        meta.put("namespace", ns);
        meta.putObject("labels").put("app.kubernetes.io/managed-by", "rhoai");
        return o;
    }

    private static void metric(ObjectNode metrics, String name, String description, String friendly, String unit) {
        ObjectNode m = metrics.putObject(name);
        m.put("description", description);
        m.put("friendlyName", friendly);
        m.put("unit", unit);
    }

    private static ArrayNode policies(String api, int timeout) {
        ArrayNode a = F.arrayNode();
        ObjectNode cors = policy(a, "cors", "builtin");
        ObjectNode cc = cors.putObject("configuration");
        cc.put("allow_origin", "*");
        cc.putArray("allow_headers").add("Authorization").add("Content-type").add("Accept");
        cc.putArray("allow_methods");
        if (timeout > 0) {
            ObjectNode up = policy(a, "upstream_connection", "builtin").putObject("configuration");
            up.put("connect_timeout", timeout);
            up.put("read_timeout", timeout);
            up.put("send_timeout", timeout);
        }
        if (tokens(api)) {
            ObjectNode llm = policy(a, "llm-metrics", "0.1").putObject("configuration");
            ArrayNode rules = llm.putArray("rules");
            for (String metric : List.of("total_tokens", "prompt_tokens", "completion_tokens")) {
                ObjectNode r = rules.addObject();
                r.put("increment", "{{ llm_usage." + metric + " }}");
                ObjectNode cond = r.putObject("condition");
                ObjectNode op = cond.putArray("operations").addObject();
                op.put("right_type", "plain");
                op.put("left_type", "liquid");
                op.put("left", "{{status}}");
                op.put("right", "200");
                op.put("op", "==");
                cond.put("combine_op", "and");
                r.put("metric", metric);
            }
            llm.put("enable_sse_support", true);
        }
        if (api.equals("sdxl")) policy(a, "websocket", "builtin").putObject("configuration");
        policy(a, "apicast", "builtin").putObject("configuration");
        return a;
    }

    private static ObjectNode policy(ArrayNode a, String name, String version) {
        ObjectNode p = a.addObject();
        p.put("name", name);
        p.put("version", version);
        p.put("enabled", true);
        return p;
    }
}
