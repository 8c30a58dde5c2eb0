package io.rhoai.profile;

import java.util.List;

/**
 * A profile as loaded: the bound record, the files it came from (base first) and the merged tree as canonical
 * YAML, which is what input digests are computed from.
 */
public record LoadedProfile(ClusterProfile profile, List<String> files, String canonicalYaml) { }
