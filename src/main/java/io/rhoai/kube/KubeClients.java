package io.rhoai.kube;

import io.fabric8.kubernetes.api.model.NamedContext;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.internal.KubeConfigUtils;
import io.rhoai.core.RhoaiException;
import io.rhoai.core.io.InputFiles;
import io.rhoai.core.secret.Redactor;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds a Kubernetes client from a {@link KubeTarget}. Kubeconfig files are only read: the user's current
 * context is never changed. Without any kubeconfig, in-cluster service-account configuration is used.
 */
public final class KubeClients {
    /**
     * One HTTP client factory (one Vert.x event loop) for the whole process: a factory per client would leave a
     * Vert.x instance and its threads behind for every client built, which piles up when engines run in-process.
     */
    private static volatile io.fabric8.kubernetes.client.http.HttpClient.Factory sharedFactory;

    private static io.fabric8.kubernetes.client.http.HttpClient.Factory httpClientFactory() {
        if (sharedFactory == null) {
            synchronized (KubeClients.class) {
                if (sharedFactory == null) sharedFactory = new io.fabric8.kubernetes.client.vertx.VertxHttpClientFactory();
            }
        }
        return sharedFactory;
    }

    public static final String USER_AGENT = "rhoai";

    private KubeClients() { }

    public static KubernetesClient connect(KubeTarget target) {
        Config config = config(target);
        return new KubernetesClientBuilder().withConfig(config).withHttpClientFactory(httpClientFactory()).build();
    }

    public static Config config(KubeTarget target) {
        List<File> files = kubeconfigFiles(target);
        KubeconfigCheck.check(files, target.env());   // a parse error must name the file and line, never quote it
        Config config;
        if (files.isEmpty()) {
            config = Config.autoConfigure(target.context());   // in-cluster, or ~/.kube/config
        } else {
            // kubectl's rule for a KUBECONFIG list: the first file that sets current-context decides it
            File file = files.stream().filter(KubeClients::hasCurrentContext).findFirst().orElse(files.get(0));
            if (target.context() != null) {
                file = files.stream().filter(f -> hasContext(f, target.context())).findFirst()
                        .orElseThrow(() -> RhoaiException.invalid("--context: no context '" + target.context() + "' in "
                                + files, "list contexts with: kubectl config get-contexts"));
            }
            config = Config.fromKubeconfig(target.context(), file);
        }
        // the kubeconfig's own credentials are secrets too: a server that reflects headers must not show them
        // (fabric8 7 keeps a kubeconfig's token as the "auto" OAuth token)
        for (String s : new String[] {config.getOauthToken(), config.getAutoOAuthToken(), config.getPassword(), config.getClientKeyData()}) Redactor.register(s);
        if (target.requestTimeout() != null) {
            config.setRequestTimeout((int) target.requestTimeout().toMillis());
        }
        // waits and retries are rhoai's, bounded by --timeout; the client must not retry on its own for minutes
        config.setRequestRetryBackoffLimit(0);
        // lets audit logs (and the benchmarks) tell rhoai's requests apart from other clients'
        config.setUserAgent(USER_AGENT);
        return config;
    }

    private static List<File> kubeconfigFiles(KubeTarget target) {
        List<File> files = new ArrayList<>();
        if (target.kubeconfig() != null) {
            Path p = target.kubeconfig();
            InputFiles.check(p, "kubeconfig", "--kubeconfig", InputFiles.KUBECONFIG_MAX);   // a pasted token is not echoed
            files.add(p.toFile());
            return files;
        }
        String env = target.env() == null ? null : target.env().get("KUBECONFIG");
        if (env != null && !env.isBlank()) {
            for (String part : env.split(File.pathSeparator)) {
                if (!part.isBlank() && Files.isRegularFile(Path.of(part))) files.add(new File(part));
            }
            if (files.isEmpty()) {
                throw RhoaiException.invalid("KUBECONFIG: none of " + env + " is a file", "unset KUBECONFIG or point it at a kubeconfig file");
            }
        }
        return files;
    }

    private static boolean hasCurrentContext(File file) {
        try {
            String current = KubeConfigUtils.parseConfigFromString(Files.readString(file.toPath())).getCurrentContext();
            return current != null && !current.isBlank();
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    private static boolean hasContext(File file, String context) {
        try {
            String text = Files.readString(file.toPath());
            for (NamedContext c : KubeConfigUtils.parseConfigFromString(text).getContexts()) {
                if (context.equals(c.getName())) return true;
            }
            return false;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }
}
