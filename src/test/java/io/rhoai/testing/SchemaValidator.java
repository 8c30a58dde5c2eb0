package io.rhoai.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.rhoai.core.yaml.Mappers;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * Validates rendered objects against upstream schemas with a JSON-schema library: the openAPIV3Schema of a CRD
 * (picked by version), or a component of a Kubernetes OpenAPI v3 document. Stricter than the API server in one way,
 * on purpose: objects that declare properties reject unknown fields (the server would prune them silently, which is
 * how typos go unnoticed), unless the schema preserves unknown fields.
 */
public final class SchemaValidator {
    private static final Map<String, JsonSchema> CACHE = new ConcurrentHashMap<>();
    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4);

    private SchemaValidator() { }

    /** @return the violations; empty when valid */
    public static List<String> validateAgainstCrd(Path crdFile, String version, Object instance) {
        JsonSchema schema = CACHE.computeIfAbsent(crdFile + "#" + version, k -> crdSchema(crdFile, version));
        return validate(schema, instance);
    }

    /** @param component e.g. io.k8s.api.core.v1.Secret */
    public static List<String> validateAgainstOpenApi(Path openApiJson, String component, Object instance) {
        JsonSchema schema = CACHE.computeIfAbsent(openApiJson + "#" + component, k -> {
            try {
                ObjectNode doc = (ObjectNode) Mappers.json().readTree(Files.readString(openApiJson));
                strict(doc.path("components").path("schemas"));
                doc.put("$ref", "#/components/schemas/" + component);
                return FACTORY.getSchema(doc);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
        return validate(schema, instance);
    }

    private static List<String> validate(JsonSchema schema, Object instance) {
        JsonNode node = instance instanceof JsonNode n ? n : Mappers.json().valueToTree(instance);
        Set<ValidationMessage> messages = schema.validate(node);
        return messages.stream().map(ValidationMessage::getMessage).sorted().collect(Collectors.toCollection(ArrayList::new));
    }

    private static JsonSchema crdSchema(Path crdFile, String version) {
        try {
            JsonNode crd = Mappers.yaml().readTree(Files.readString(crdFile));
            for (JsonNode v : crd.path("spec").path("versions")) {
                if (v.path("name").asText().equals(version)) {
                    ObjectNode schema = (ObjectNode) v.path("schema").path("openAPIV3Schema").deepCopy();
                    strict(schema);
                    return FACTORY.getSchema(schema);
                }
            }
            throw new IllegalArgumentException("no version " + version + " in " + crdFile);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Adds additionalProperties:false wherever an object lists its properties and does not preserve unknown fields. */
    private static void strict(JsonNode node) {
        if (node.isObject()) {
            ObjectNode o = (ObjectNode) node;
            if (o.has("properties") && !o.has("additionalProperties")
                    && !o.path("x-kubernetes-preserve-unknown-fields").asBoolean(false)) {
                o.put("additionalProperties", false);
            }
            for (Iterator<JsonNode> it = o.elements(); it.hasNext(); ) strict(it.next());
        } else if (node.isArray()) {
            node.forEach(SchemaValidator::strict);
        }
    }
}
