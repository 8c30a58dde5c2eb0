package io.rhoai.kube;

import io.fabric8.kubernetes.api.model.NamedCluster;
import io.fabric8.kubernetes.api.model.NamedContext;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.internal.KubeConfigUtils;
import io.rhoai.core.RhoaiException;
import io.rhoai.core.io.InputFiles;
import io.rhoai.core.secret.Redactor;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.net.URI;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedDeque;

/**
 * Builds a Kubernetes client from a {@link KubeTarget}. Kubeconfig files are only read: the user's current
 * context is never changed. Without any kubeconfig (no --kubeconfig, no KUBECONFIG, no ~/.kube/config), in-cluster
 * service-account configuration is used, and outside a cluster that is an error naming what is missing: fabric8 would
 * otherwise fall back to https://kubernetes.default.svc and the run would fail later with an unrelated DNS error.
 * A kubeconfig whose current-context is unset or names no context is rejected the same way.
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

    /** Where a pod finds its service account; with KUBERNETES_SERVICE_HOST it means "running in a cluster". */
    static final Path SERVICE_ACCOUNT_TOKEN = Path.of("/var/run/secrets/kubernetes.io/serviceaccount/token");

    /**
     * API servers of the clients built here, the newest first. A client error does not say which server it came from
     * (a refused connection carries only an address), so error messages find the server here ({@link #serverOf}).
     */
    private static final Deque<String> SERVERS = new ConcurrentLinkedDeque<>();

    private KubeClients() { }

    public static KubernetesClient connect(KubeTarget target) {
        Config config = config(target);
        remember(config.getMasterUrl());
        return new KubernetesClientBuilder().withConfig(config).withHttpClientFactory(httpClientFactory()).build();
    }

    /**
     * The API server a failure came from, for messages: the server whose host and port the error text names, else
     * the one connected to last (rhoai talks to one cluster per run; promote's gate reads a second one), else null.
     */
    public static String serverOf(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            String m = t.getMessage();
            if (m == null) continue;
            for (String server : SERVERS) {
                URI u = URI.create(server);
                if (m.contains(server) || (u.getHost() != null && m.contains(u.getHost() + ":" + u.getPort()))) return server;
            }
        }
        return SERVERS.peekFirst();
    }

    private static void remember(String masterUrl) {
        if (masterUrl == null) return;
        String server = masterUrl.endsWith("/") ? masterUrl.substring(0, masterUrl.length() - 1) : masterUrl;
        SERVERS.remove(server);
        SERVERS.addFirst(server);
        while (SERVERS.size() > 8) SERVERS.pollLast();
    }

    public static Config config(KubeTarget target) {
        List<File> files = kubeconfigFiles(target);
        // each file read and parsed once; a parse error names the file and line, never quotes it (KubeconfigCheck)
        Map<File, io.fabric8.kubernetes.api.model.Config> parsed = new LinkedHashMap<>();
        for (File f : files) parsed.put(f, parse(f, KubeconfigCheck.check(f.toPath())));
        Config config;
        if (files.isEmpty()) {
            config = inCluster(target);
        } else {
            // kubectl's rule for a KUBECONFIG list: the first file that sets current-context decides it
            File file = files.stream().filter(f -> hasCurrentContext(parsed.get(f))).findFirst().orElse(files.get(0));
            if (target.context() != null) {
                file = files.stream().filter(f -> hasContext(parsed.get(f), target.context())).findFirst()
                        .orElseThrow(() -> RhoaiException.invalid("--context: no context '" + target.context() + "' in "
                                + files, "list contexts with: kubectl config get-contexts"));
            }
            checkContext(file, parsed.get(file), target.context());
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

    /** In-cluster configuration, or an error naming every place a kubeconfig was looked for. */
    private static Config inCluster(KubeTarget target) {
        String host = target.env() == null ? null : target.env().get("KUBERNETES_SERVICE_HOST");
        if (host == null || host.isBlank() || !Files.isRegularFile(SERVICE_ACCOUNT_TOKEN)) {
            throw RhoaiException.invalid("no kubeconfig: --kubeconfig not given, KUBECONFIG not set, " + defaultKubeconfig(target)
                            + " does not exist, and not running in a cluster (no service account)",
                    "pass --kubeconfig FILE (and --context NAME), set KUBECONFIG, or log in with 'oc login'");
        }
        return Config.autoConfigure(target.context());
    }

    /** ~/.kube/config, with HOME from the run's environment (the JVM's user.home otherwise). */
    private static Path defaultKubeconfig(KubeTarget target) {
        String home = target.env() == null ? null : target.env().get("HOME");
        if (home == null || home.isBlank()) home = System.getProperty("user.home");
        return Path.of(home, ".kube", "config");
    }

    /** The context to use must exist and name a cluster with a server; fabric8 would silently use a default server. */
    private static io.fabric8.kubernetes.api.model.Config parse(File file, String text) {
        try {
            return KubeConfigUtils.parseConfigFromString(text);
        } catch (RuntimeException e) {
            throw RhoaiException.invalid("kubeconfig " + file + " is not a kubeconfig", "check the file, or pass another --kubeconfig");
        }
    }

    private static void checkContext(File file, io.fabric8.kubernetes.api.model.Config kc, String explicit) {
        String name = explicit != null ? explicit : kc.getCurrentContext();
        if (name == null || name.isBlank()) {
            throw RhoaiException.invalid("kubeconfig " + file + " sets no current-context",
                    "pass --context NAME (kubectl config get-contexts lists them)");
        }
        NamedContext context = kc.getContexts() == null ? null
                : kc.getContexts().stream().filter(c -> name.equals(c.getName())).findFirst().orElse(null);
        if (context == null || context.getContext() == null) {
            throw RhoaiException.invalid("kubeconfig " + file + ": current-context '" + name + "' is not one of its contexts",
                    "pass --context NAME (kubectl config get-contexts lists them), or fix current-context");
        }
        String clusterName = context.getContext().getCluster();
        NamedCluster cluster = kc.getClusters() == null ? null
                : kc.getClusters().stream().filter(c -> c.getName().equals(clusterName)).findFirst().orElse(null);
        if (cluster == null || cluster.getCluster() == null || cluster.getCluster().getServer() == null
                || cluster.getCluster().getServer().isBlank()) {
            throw RhoaiException.invalid("kubeconfig " + file + ": context '" + name + "' names cluster '" + clusterName
                    + "', which has no server in it", "fix the kubeconfig, or pass another --context");
        }
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
            return files;
        }
        Path home = defaultKubeconfig(target);
        if (Files.isRegularFile(home)) files.add(home.toFile());
        return files;
    }

    private static boolean hasCurrentContext(io.fabric8.kubernetes.api.model.Config kc) {
        return kc.getCurrentContext() != null && !kc.getCurrentContext().isBlank();
    }

    private static boolean hasContext(io.fabric8.kubernetes.api.model.Config kc, String context) {
        return kc.getContexts() != null && kc.getContexts().stream().anyMatch(c -> context.equals(c.getName()));
    }
}
