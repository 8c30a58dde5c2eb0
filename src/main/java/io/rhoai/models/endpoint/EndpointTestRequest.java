package io.rhoai.models.endpoint;

import io.rhoai.core.secret.Secret;
import io.rhoai.core.time.Deadline;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;

/**
 * What {@code models test} needs. The endpoint is a fixed URL or a lookup run within the same deadline (the
 * InferenceService's status.url); {@code model} picks the served model (null: the only one served); {@code kind} null
 * is auto; {@code apiKey} null sends no Authorization header; {@code caFile} null trusts the JDK's CAs.
 */
public record EndpointTestRequest(EndpointSource endpoint, String model, ModelKind kind, int requests, int concurrency, boolean stream,
                                  int maxTokens, String prompt, Secret apiKey, Path caFile, Duration timeout) {

    /** Where the endpoint's base URL comes from, and how to say so. */
    public interface EndpointSource {
        URI resolve(Deadline deadline);

        String describe();

        static EndpointSource fixed(URI url) {
            return new EndpointSource() {
                @Override
                public URI resolve(Deadline deadline) {
                    return url;
                }

                @Override
                public String describe() {
                    return "--url";
                }
            };
        }
    }
}
