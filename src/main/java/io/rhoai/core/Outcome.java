package io.rhoai.core;

import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;

/**
 * What happened to one object, the one vocabulary of every {@code -o json} result. A dry run reports the outcome the
 * real run would have, with {@code dryRun: true} on the result (never a "would-" prefix).
 *
 * <ul>
 *   <li>{@code created}, {@code configured}, {@code deleted}: the object was written (or would be, in a dry run);</li>
 *   <li>{@code unchanged}: it already was as wanted; nothing was sent, or the server stored nothing;</li>
 *   <li>{@code absent}: there was nothing to delete or change;</li>
 *   <li>{@code rendered}: not checked against a cluster (client dry run);</li>
 *   <li>{@code unvalidated}: a server dry run could not send it (its namespace or kind does not exist yet), so the API
 *       server did not validate it;</li>
 *   <li>{@code adopted}: an object another tool made is used as it is, and from now on counted as rhoai's;</li>
 *   <li>{@code scaled-down}: replicas set to 0 before a delete.</li>
 * </ul>
 */
public enum Outcome {
    CREATED, CONFIGURED, UNCHANGED, DELETED, ABSENT, RENDERED, UNVALIDATED, ADOPTED, SCALED_DOWN;

    @JsonValue
    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** True when the object was (or, in a dry run, would be) changed. */
    public boolean changes() {
        return this == CREATED || this == CONFIGURED || this == DELETED || this == SCALED_DOWN || this == ADOPTED;
    }

    @Override
    public String toString() {
        return label();
    }
}
