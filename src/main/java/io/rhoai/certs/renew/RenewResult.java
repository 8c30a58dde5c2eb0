package io.rhoai.certs.renew;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.rhoai.certs.acme.IssueResult;
import io.rhoai.certs.install.InstallResult;

import java.time.Instant;

/**
 * What renew did. {@code outcome}: renewed (a new certificate was issued, and installed unless --no-install),
 * installed (the stored certificate was fresh but the cluster did not serve it yet), not-due (nothing to do).
 * {@code notAfter}/{@code daysLeft} describe the stored certificate the decision was made on (null: none stored).
 */
@RegisterForReflection
public record RenewResult(String profileName, Outcome outcome, String reason, Instant notAfter, Long daysLeft,
        long renewBeforeDays, boolean dryRun, IssueResult issued, InstallResult installed) {

    @RegisterForReflection
    public enum Outcome {
        @JsonProperty("renewed") RENEWED,
        @JsonProperty("installed") INSTALLED,
        @JsonProperty("not-due") NOT_DUE;

        public String label() {
            return name().toLowerCase().replace('_', '-');
        }
    }
}
