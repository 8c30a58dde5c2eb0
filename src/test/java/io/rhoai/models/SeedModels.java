package io.rhoai.models;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A GitOps tree with the seed's model serving as it is at HEAD (../shared/reference/seed-cluster-repo.md §9): 15
 * InferenceServices in components/configs/maas/model-serving/base (14 on GPUs, 17 GPUs), 6 ServingRuntimes (three
 * vLLM in serving-runtimes/, TEI, Docling and SDXL next to their model), the runtime granite3-guardian-2b referenced
 * but not defined, namespaces set on two models only; and a profile whose pools are the seed's autoscaled ones (T4 and
 * L40 only), so nothing carries the A10G, L40S and L40S multi-GPU labels the models tolerate.
 */
public final class SeedModels {
    public static final String DIR = "components/configs/maas/model-serving/base";
    public static final String PROFILE = "seed-prod";

    private SeedModels() { }

    /** One InferenceService row of the seed's table (§9.2). */
    record Isvc(String file, String name, String ns, String display, String runtime, String format, String path, int gpus,
                String label, List<String> args) { }

    static final List<Isvc> MODELS = List.of(
            new Isvc("deepseek-r1-qwen-14b-w4a16.yaml", "deepseek-r1-qwen-14b-w4a16", null, "DeepSeek-R1-Distill-Qwen-14B-W4A16", "vllm-rhoai-2.21", "vLLM",
                    "RedHatAI/DeepSeek-R1-Distill-Qwen-14B-quantized.w4a16/", 1, "NVIDIA-L40S-PRIVATE",
                    List.of("--served-model-name=r1-qwen-14b-w4a16", "--max-model-len=40000")),
            new Isvc("granite-3.3-8b-instruct.yaml", "granite-3-3-8b-instruct", "llm-hosting", "Granite-3.3-8B-Instruct", "vllm-rhoai-2.21", "vLLM",
                    "ibm-granite/granite-3.3-8b-instruct/", 1, "NVIDIA-A10G-PRIVATE", List.of("--max-model-len=6144", "--served-model-name={{.Name}}")),
            new Isvc("granite-8b-lab.yaml", "granite-8b-lab-v1", "llm-hosting", "Granite-8b-lab-v1", "vllm-rhoai-2.21", "vLLM",
                    "ibm-granite/granite-8b-lab-v1/", 1, "NVIDIA-L40-PRIVATE", List.of("--served-model-name={{.Name}}")),
            new Isvc("granite-guardian-3.1-2b.yaml", "granite3-guardian-2b", null, "granite3-guardian-2b", "granite3-guardian-2b", "vLLM",
                    "ibm-granite/granite-guardian-3.1-2b/", 1, "Tesla-T4-PRIVATE", List.of("--served-model-name={{.Name}}")),
            new Isvc("granite-vision-3.2-2b.yaml", "granite-vision-3-2-2b", null, "Granite-Vision-3.2-2b", "vllm-rhoai-2.21", "vLLM",
                    "ibm-granite/granite-vision-3.2-2b/", 1, "NVIDIA-L40-PRIVATE", List.of("--served-model-name=granite-vision-3-2")),
            new Isvc("llama-3.2-3b.yaml", "llama-3-2-3b", null, "Llama-3.2-3B", "vllm-rhoai-2.21", "vLLM",
                    "meta-llama/Llama-3.2-3B-Instruct/", 1, "NVIDIA-L40-PRIVATE", List.of("--served-model-name={{.Name}}")),
            new Isvc("llama-4-scout-17b-16e-instruct-quantized-w4a16.yaml", "llama-4-scout-17b-16e-w4a16", null, "Llama-4-Scout-17B-16E-W4A16",
                    "vllm-rhoai-2.25", "vLLM", "RedHatAI/Llama-4-Scout-17B-16E-Instruct-quantized.w4a16/", 4, "NVIDIA-L40S-MULTI-PRIVATE",
                    List.of("--served-model-name={{.Name}}", "--tensor-parallel-size=4")),
            new Isvc("mistral-small-3.1-24b-quantized-w8a8.yaml", "mistral-small-24b-w8a8", null, "Mistral-Small-24B-W8A8", "vllm-rhoai-2.21", "vLLM",
                    "RedHatAI/Mistral-Small-3.1-24B-Instruct-2503-quantized.w8a8/", 1, "NVIDIA-L40S-PRIVATE", List.of("--served-model-name={{.Name}}")),
            new Isvc("phi-4.yaml", "phi-4", null, "Phi-4", "vllm-rhoai-2.21", "vLLM", "/microsoft/phi-4", 1, "NVIDIA-L40S-PRIVATE",
                    List.of("--served-model-name", "microsoft/phi-4")),
            new Isvc("qwen2.5-vl-7b-instruct-fp8-dynamic.yaml", "qwen25-vl-7b-instruct-fp8-dynamic", null, "Qwen2.5-VL-7B-Instruct-FP8-Dynamic",
                    "vllm-rhoai-2.21", "vLLM", "RedHatAI/Qwen2.5-VL-7B-Instruct-FP8-Dynamic/", 1, "NVIDIA-A10G-PRIVATE",
                    List.of("--served-model-name={{.Name}}")));

    /** Writes the repository (returned) and the profiles (repo/../profiles). */
    public static Path write(Path root) throws IOException {
        Path repo = root.resolve("repo");
        Path base = Files.createDirectories(repo.resolve(DIR));
        Path runtimes = Files.createDirectories(base.resolve("serving-runtimes"));
        for (String v : List.of("2.19", "2.21", "2.25")) {
            Files.writeString(runtimes.resolve("rhoai-" + v + "-vllm-sr.yaml"), runtime("vllm-rhoai-" + v, "vLLM", 8080));
        }
        for (Isvc m : MODELS) Files.writeString(base.resolve(m.file()), "---\n" + isvc(m));
        // runtime and model in one file, as the seed keeps them
        Files.writeString(base.resolve("docling.yaml"), "---\n" + runtime("docling-serve-v0.7.0", "Docling", 5001) + "---\n"
                + isvc(new Isvc(null, "docling-v0-7-0", null, "Docling Serve", "docling-serve-v0.7.0", "Docling", "dummy/", 1, "Tesla-T4-PRIVATE", List.of())));
        Files.writeString(base.resolve("nomic-embed-text-v1-5.yaml"), runtime("tei-1.6", "sBERT", 8080) + "---\n"
                + isvc(new Isvc(null, "nomic-embed-text-v1-5", null, "Nomic-embed-text-v1.5", "tei-1.6", "sBERT", "nomic-ai/nomic-embed-text-v1.5/", 1, "Tesla-T4-PRIVATE", List.of())));
        Files.writeString(base.resolve("sdxl-custom-runtime.yaml"), runtime("sdxl", "sdxl", 8080) + "---\n"
                + isvc(new Isvc(null, "sdxl", null, "SDXL-1.0", "sdxl", "sdxl", "/stabilityai/", 1, "NVIDIA-L40-PRIVATE", List.of("--device=cuda"))));
        Files.writeString(base.resolve("stable-diffusion-safety-checker-clip.yaml"), """
                ---
                apiVersion: serving.kserve.io/v1beta1
                kind: InferenceService
                metadata:
                  annotations:
                    openshift.io/display-name: safety-checker
                    serving.kserve.io/deploymentMode: RawDeployment
                  name: safety-checker
                spec:
                  predictor:
                    containers:
                      - args:
                          - '--model_name=safety-checker'
                        image: 'quay.io/rh-aiservices-bu/safety-checker:custom-0.1'
                        name: kserve-container
                        resources:
                          limits: {cpu: '1', memory: 14Gi, nvidia.com/gpu: '1'}
                          requests: {cpu: '1', memory: 14Gi, nvidia.com/gpu: '1'}
                    tolerations:
                      - effect: NoSchedule
                        key: nvidia.com/gpu
                        value: Tesla-T4-PRIVATE
                """);
        Files.writeString(base.resolve("tinyllama-1.1b-chat-v1.0-cpu.yaml"), """
                apiVersion: serving.kserve.io/v1beta1
                kind: InferenceService
                metadata:
                  annotations:
                    openshift.io/display-name: tinyllama-1b-cpu
                  name: tinyllama-1b-cpu
                spec:
                  predictor:
                    maxReplicas: 1
                    minReplicas: 1
                    containers:
                      - args: ['--model', 'TinyLlama/TinyLlama-1.1B-Chat-v1.0', '--max-model-len', '2048']
                        image: 'quay.io/rh-aiservices-bu/vllm-cpu-openai-ubi9:0.3'
                        name: kserve-container
                        ports: [{containerPort: 8080, protocol: TCP}]
                        resources:
                          limits: {cpu: '2', memory: 8Gi}
                          requests: {cpu: '1', memory: 4Gi}
                ---
                apiVersion: route.openshift.io/v1
                kind: Route
                metadata:
                  name: tinyllama-1b-cpu
                spec:
                  to: {kind: Service, name: tinyllama-1b-cpu-predictor}
                """);
        Path profiles = Files.createDirectories(root.resolve("profiles"));
        Files.writeString(profiles.resolve("_base.yaml"), """
                # the seed's autoscaled pools only (components/configs/autoscaling): nothing carries A10G or L40S
                apiVersion: rhoai.io/v1alpha1
                kind: ProfileBase
                spec:
                  cluster:
                    baseDomain: example.com
                  platform:
                    aws:
                      zones: [a, b, c]
                  controlPlane:
                    instanceType: m6i.4xlarge
                    replicas: 3
                  compute:
                    instanceType: m6i.4xlarge
                    replicas: 3
                  networking:
                    networkType: OVNKubernetes
                    clusterNetwork:
                      - cidr: 10.128.0.0/14
                        hostPrefix: 23
                    machineNetwork:
                      - cidr: 10.0.0.0/16
                    serviceNetwork:
                      - 172.30.0.0/16
                  gpuPools:
                    - name: t4-shared
                      instanceType: g4dn.2xlarge
                      access: SHARED
                      zones: [a]
                      minReplicas: 0
                      maxReplicas: 4
                    - name: t4-private
                      instanceType: g4dn.2xlarge
                      access: PRIVATE
                      zones: [a]
                      minReplicas: 0
                      maxReplicas: 10
                    - name: l4-private
                      instanceType: g6.2xlarge
                      access: PRIVATE
                      zones: [a]
                      minReplicas: 0
                      maxReplicas: 10
                  autoscaler:
                    gpuLimits:
                      Tesla-T4-SHARED: 4
                      Tesla-T4-PRIVATE: 10
                      NVIDIA-L40-PRIVATE: 10
                """);
        Files.writeString(profiles.resolve(PROFILE + ".yaml"), """
                # the prod cluster
                apiVersion: rhoai.io/v1alpha1
                kind: ClusterProfile
                metadata:
                  name: seed-prod
                base: _base.yaml
                spec:
                  cluster:
                    name: prod
                  platform:
                    aws:
                      region: us-east-1
                  gitops:
                    revision: main
                    overlayPath: clusters/overlays/seed-prod
                """);
        return repo;
    }

    static String isvc(Isvc m) {
        StringBuilder args = new StringBuilder();
        for (String a : List.of("--port=8080", "--model=/mnt/models")) args.append("        - '").append(a).append("'\n");
        for (String a : m.args()) args.append("        - '").append(a).append("'\n");
        String gpu = m.gpus() == 0 ? "" : "\n          nvidia.com/gpu: '" + m.gpus() + "'";
        return """
                apiVersion: serving.kserve.io/v1beta1
                kind: InferenceService
                metadata:
                  annotations:
                    openshift.io/display-name: %s
                    serving.kserve.io/deploymentMode: RawDeployment
                  name: %s%s
                  labels:
                    opendatahub.io/dashboard: 'true'
                spec:
                  predictor:
                    maxReplicas: 1
                    minReplicas: 1
                    model:
                      args:
                %s      modelFormat:
                        name: %s
                      name: ''
                      resources:
                        limits:
                          cpu: '8'
                          memory: 24Gi%s
                        requests:
                          cpu: '4'
                          memory: 16Gi%s
                      runtime: %s
                      storage:
                        key: aws-connection-models
                        path: %s
                    tolerations:
                      - effect: NoSchedule
                        key: nvidia.com/gpu
                        operator: Equal
                        value: %s
                """.formatted(m.display(), m.name(), m.ns() == null ? "" : "\n  namespace: " + m.ns(), args.toString().replace("        - ", "        - "),
                m.format(), gpu, gpu, m.runtime(), m.path(), m.label());
    }

    static String runtime(String name, String format, int port) {
        return """
                apiVersion: serving.kserve.io/v1alpha1
                kind: ServingRuntime
                metadata:
                  annotations:
                    opendatahub.io/apiProtocol: REST
                  name: %s
                  labels:
                    opendatahub.io/dashboard: 'true'
                spec:
                  containers:
                    - image: 'quay.io/example/%s:latest'
                      name: kserve-container
                      ports:
                        - containerPort: %d
                          protocol: TCP
                  multiModel: false
                  supportedModelFormats:
                    - autoSelect: true
                      name: %s
                """.formatted(name, name, port, format);
    }
}
