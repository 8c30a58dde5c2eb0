package io.rhoai.cli.models;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.rhoai.cli.ExitCodes;
import io.rhoai.core.yaml.Mappers;
import io.rhoai.models.endpoint.EndpointTestReport;
import io.rhoai.testing.ApplyingCrudDispatcher;
import io.rhoai.testing.Cli;
import io.rhoai.testing.OpenAiStub;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code rhoai models test --model NAME -n NS}: the endpoint comes from the InferenceService's status.url, read from
 * fabric8's CRUD mock server ({@link ApplyingCrudDispatcher}; it stores the object as sent, status included, and does
 * not model KServe's controller). Asserts the cluster is read with exactly one GET and never written.
 */
class ModelsTestClusterTest {
    @TempDir Path tmp;
    ApplyingCrudDispatcher dispatcher;
    KubernetesMockServer server;
    KubernetesClient seed;
    OpenAiStub stub;
    Path kubeconfig;

    @BeforeEach
    void start() throws IOException {
        dispatcher = new ApplyingCrudDispatcher();
        server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(), dispatcher, false);
        server.init();
        seed = server.createClient();
        stub = new OpenAiStub();
        kubeconfig = tmp.resolve("kubeconfig");
        Files.writeString(kubeconfig, """
                apiVersion: v1
                kind: Config
                clusters:
                - name: mock
                  cluster:
                    server: %s
                users:
                - name: admin
                  user:
                    token: mock-token
                contexts:
                - name: mock-admin
                  context:
                    cluster: mock
                    user: admin
                    namespace: models
                current-context: mock-admin
                """.formatted(server.url("/").replaceAll("/$", "")));
    }

    @AfterEach
    void stop() {
        stub.close();
        seed.close();
        server.destroy();
    }

    void isvc(String name, String url) throws IOException {
        GenericKubernetesResource isvc = Mappers.yaml().readValue("""
                apiVersion: serving.kserve.io/v1beta1
                kind: InferenceService
                metadata:
                  name: %s
                  namespace: models
                spec:
                  predictor:
                    model:
                      modelFormat: {name: vLLM}
                      runtime: vllm-runtime
                      resources:
                        limits: {nvidia.com/gpu: "1"}
                """.formatted(name), GenericKubernetesResource.class);
        if (url != null) isvc.setAdditionalProperty("status", java.util.Map.of("url", url));
        seed.genericKubernetesResources(new io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext.Builder().withGroup("serving.kserve.io")
                        .withVersion("v1beta1").withKind("InferenceService").withPlural("inferenceservices").withNamespaced(true).build()).inNamespace("models").resource(isvc).create();
        dispatcher.clearRecorded();
    }

    @Test
    void theUrlIsTheInferenceServicesStatusUrlReadWithOneGet() throws IOException {
        isvc("granite-3-8b-instruct", stub.url());
        Cli.Result r = Cli.cli().run("models", "test", "--model", "granite-3-8b-instruct", "-n", "models", "--kubeconfig", kubeconfig.toString(),
                "--requests", "2", "-o", "json");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        EndpointTestReport rep = Mappers.json().readValue(r.stdout(), EndpointTestReport.class);
        assertThat(rep.url()).isEqualTo(stub.url() + "/v1");
        assertThat(rep.source()).isEqualTo("InferenceService models/granite-3-8b-instruct status.url");
        assertThat(rep.succeeded()).isEqualTo(2);
        assertThat(dispatcher.requests()).extracting(ApplyingCrudDispatcher.Recorded::method, ApplyingCrudDispatcher.Recorded::pathWithoutQuery)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("GET", "/apis/serving.kserve.io/v1beta1/namespaces/models/inferenceservices/granite-3-8b-instruct"));
    }

    @Test
    void theContextsNamespaceIsTheDefault() throws IOException {
        isvc("granite-3-8b-instruct", stub.url());
        Cli.Result r = Cli.cli().run("models", "test", "--model", "granite-3-8b-instruct", "--kubeconfig", kubeconfig.toString(), "--requests", "1");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.stdout()).contains("(InferenceService models/granite-3-8b-instruct status.url)");
    }

    @Test
    void aMissingOrNotReadyInferenceServiceIsAPreconditionWithAHint() throws IOException {
        Cli.Result missing = Cli.cli().run("models", "test", "--model", "nope", "-n", "models", "--kubeconfig", kubeconfig.toString());
        assertThat(missing.exitCode()).isEqualTo(ExitCodes.PRECONDITION);
        assertThat(missing.stderr()).contains("error: InferenceService models/nope does not exist", "hint: check the name and namespace");
        isvc("pending-model", null);
        Cli.Result pending = Cli.cli().run("models", "test", "--model", "pending-model", "-n", "models", "--kubeconfig", kubeconfig.toString());
        assertThat(pending.exitCode()).isEqualTo(ExitCodes.PRECONDITION);
        assertThat(pending.stderr()).contains("error: InferenceService models/pending-model has no status.url yet (not Ready)");
        assertThat(stub.calls()).isEmpty();
    }
}
