package io.rhoai.fleet;

import io.quarkus.runtime.annotations.RegisterForReflection;

import java.util.SortedMap;

/**
 * One cluster of a fleet, from its profile.
 *
 * @param name        the profile name; also the Argo CD cluster name the hub knows it by
 * @param labels      {@code metadata.labels} (ring, region, env, …), sorted
 * @param ring        the {@code ring} label, or the default ring ({@code main})
 * @param repoURL     {@code spec.gitops.repoURL}, or null when the profile has no GitOps section
 * @param revision    {@code spec.gitops.revision}, or null
 * @param overlayPath the overlay its root Application syncs ({@code clusters/overlays/<name>} unless set)
 * @param apiServer   {@code https://api.<cluster>.<baseDomain>:6443} from {@code spec.cluster}
 */
@RegisterForReflection
public record Member(String name, SortedMap<String, String> labels, String ring, String repoURL, String revision,
                     String overlayPath, String apiServer) { }
