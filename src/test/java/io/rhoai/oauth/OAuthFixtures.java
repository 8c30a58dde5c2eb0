package io.rhoai.oauth;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Profiles and seed objects shared by the OAuth tests. */
final class OAuthFixtures {
    static final String CLIENT_ID = "1234-abcdef.apps.googleusercontent.com";
    /** Long and unusual, so "never appears" assertions cannot pass by accident. */
    static final String CLIENT_SECRET = "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7d";

    private OAuthFixtures() { }

    static Path profile(Path dir, String name, String hostedDomain) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve(name + ".yaml"), """
                apiVersion: rhoai.io/v1alpha1
                kind: ClusterProfile
                metadata:
                  name: %s
                spec:
                  cluster:
                    name: dev
                    baseDomain: example.com
                  oauth:
                    google:
                      providerName: RedHat-Google-Auth
                      clientID: %s
                      hostedDomain: %s
                      mappingMethod: claim
                    admins:
                      users: [jane@redhat.com]
                      groups: [rhoai-admins]
                """.formatted(name, CLIENT_ID, hostedDomain == null ? "\"\"" : "\"" + hostedDomain + "\""));
        return dir;
    }

    static Path secretFile(Path dir) throws IOException {
        Path f = dir.resolve("google-client-secret");
        Files.writeString(f, CLIENT_SECRET + "\n");
        return f;
    }

    /** The seed's OAuth/cluster: HTPasswd first, plus a provider someone added by hand with fields in an odd order. */
    static void seedOAuth(OpenShiftMock mock) {
        mock.put("/apis/config.openshift.io/v1/oauths", """
                apiVersion: config.openshift.io/v1
                kind: OAuth
                metadata:
                  name: cluster
                spec:
                  identityProviders:
                  - name: RHOAI-Test-Users
                    type: HTPasswd
                    mappingMethod: claim
                    htpasswd:
                      fileData:
                        name: htpass-secret
                  - type: GitHub
                    name: hand-added-github
                    mappingMethod: lookup
                    github:
                      teams: [org/admins, org/devs]
                      clientSecret:
                        name: github-secret
                      clientID: gh-client
                      organizations: []
                  tokenConfig:
                    accessTokenMaxAgeSeconds: 86400
                """);
        mock.put("/api/v1/namespaces/openshift-config/secrets", """
                apiVersion: v1
                kind: Secret
                metadata:
                  name: htpass-secret
                  namespace: openshift-config
                data:
                  htpasswd: dXNlcjE6JDJ5JDA1JGFiYw==
                """);
    }

    static void seedRoute(OpenShiftMock mock, String host) {
        mock.put("/apis/route.openshift.io/v1/namespaces/openshift-authentication/routes", """
                apiVersion: route.openshift.io/v1
                kind: Route
                metadata:
                  name: oauth-openshift
                  namespace: openshift-authentication
                spec:
                  host: %s
                  to:
                    kind: Service
                    name: oauth-openshift
                """.formatted(host));
    }
}
