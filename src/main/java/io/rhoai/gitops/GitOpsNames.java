package io.rhoai.gitops;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.rhoai.gitops.BootstrapResult.AppState;
import io.rhoai.kube.Fields;

import java.util.List;

/** The fixed names of an OpenShift GitOps install. */
final class GitOpsNames {
    static final String PACKAGE = "openshift-gitops-operator";
    static final String MARKETPLACE = "openshift-marketplace";
    static final String ARGOCD_NAMESPACE = "openshift-gitops";
    static final String ARGOCD_NAME = "openshift-gitops";
    static final String SERVER_ROUTE = "openshift-gitops-server";
    /** The channel shown by --dry-run=client when none was given and no cluster is asked: the seed's. */
    static final String FALLBACK_CHANNEL = "latest";
    static final List<String> ARGOCD_CRDS = List.of("argocds.argoproj.io", "applications.argoproj.io",
            "appprojects.argoproj.io", "applicationsets.argoproj.io");

    private GitOpsNames() { }

    static AppState appState(GenericKubernetesResource app) {
        return new AppState(app.getMetadata().getName(), Fields.text(app, "spec", "project"),
                Fields.text(app, "status", "sync", "status"), Fields.text(app, "status", "health", "status"),
                Fields.text(app, "status", "sync", "revision"));
    }
}
