package io.rhoai.certs.acme;

import io.quarkus.runtime.annotations.RegisterForReflection;
import io.rhoai.certs.store.StoredCertificate;

import java.time.Duration;
import java.util.List;

/** The outcome of {@code certs issue}: never holds key material; {@code account} is the account URL only. */
@RegisterForReflection
public record IssueResult(String profileName, List<String> domains, StoredCertificate certificate, boolean dryRun,
        String acmeServer, String account, Duration elapsed, List<String> plan) { }
