package io.rhoai.oauth;

import io.rhoai.core.secret.Secret;
import io.rhoai.kube.Applier.DryRun;

import java.time.Duration;

/**
 * Input of {@code rhoai oauth google}.
 *
 * @param clientSecret    null: keep the value already in the cluster's Secret (re-runs that only change the provider)
 * @param hostedDomain    null or empty: any Google account may sign in (warned)
 * @param clusterName     profile spec.cluster.name, for the redirect URI when the cluster's route cannot be read
 * @param baseDomain      profile spec.cluster.baseDomain, likewise
 * @param timeout         the whole run's budget (--timeout): reads, writes and the --wait for the rollout
 */
public record GoogleIdpRequest(String providerName, String clientId, Secret clientSecret, String secretName,
                               String hostedDomain, String mappingMethod, String clusterName, String baseDomain,
                               DryRun dryRun, boolean waitForRollout, Duration timeout) {
    public static final String DEFAULT_PROVIDER_NAME = "RedHat-Google-Auth";
    public static final String DEFAULT_SECRET_NAME = "google-client-secret";
    public static final String DEFAULT_MAPPING_METHOD = "claim";
}
