package io.rhoai.certs.dns;

import java.util.Locale;

/**
 * One DNS-01 TXT record: {@code fqdn} is absolute with a trailing dot ({@code _acme-challenge.apps.dev.example.com.}),
 * {@code value} the challenge digest (public: it is published in DNS), {@code domain} the name being validated.
 * A wildcard and its apex share one fqdn with two values; providers must keep both.
 */
public record ChallengeRecord(String fqdn, String value, String domain) {
    public ChallengeRecord {
        fqdn = fqdn.toLowerCase(Locale.ROOT);
        if (!fqdn.endsWith(".")) fqdn = fqdn + ".";
    }

    /** The fqdn without the trailing dot, as APIs such as Route53 print it. */
    public String fqdnNoDot() {
        return fqdn.substring(0, fqdn.length() - 1);
    }
}
