package io.rhoai.testing.acme;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.Type;
import org.xbill.DNS.ZoneTransferIn;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.io.IOException;
import java.io.StringWriter;
import java.math.BigInteger;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A real ACME server and a real authoritative DNS server on loopback, for the certificate tests: BIND9 ({@code named})
 * authoritative for {@value #ZONE} accepting RFC 2136 updates of TXT records signed with TSIG key {@value #TSIG_KEY}
 * (and a valid key {@value #NARROW_KEY} whose policy only covers other.{@value #ZONE}, to provoke REFUSED), and Pebble
 * validating DNS-01 against that BIND only. Free ports, a temp dir, processes stopped in afterAll.
 * After every test it fails the test if any {@code _acme-challenge} TXT record is left in the zone (AXFR).
 * Skips (not fails) the tests when the binaries are missing; {@code scripts/install-test-deps.sh} installs them.
 */
public final class AcmeTestBed implements BeforeAllCallback, AfterAllCallback, AfterEachCallback {
    public static final String ZONE = "example.test";
    public static final String TSIG_KEY = "acme-update.";
    public static final String NARROW_KEY = "acme-narrow.";
    public static final String WILDCARD = "*.apps.dev." + ZONE;
    public static final String API = "api.dev." + ZONE;

    /** An EAB key pair Pebble accepts when {@link #requiringEab()} is used (HMAC key base64url, as CAs hand them out). */
    public static final String EAB_KID = "kid-1";
    public static final String EAB_HMAC = "zWNDZM6eQGHWpSRTPal5eIUYFTu7EajVIoguysqZ9wG44nMEtx3MUAsUDkMTQ12W";

    private final Map<String, String> pebbleEnv;
    private boolean eabRequired;
    private Path dir;
    private int dnsPort, acmePort, mgmtPort;
    private String updateSecret, narrowSecret;
    private Process named, pebble;
    private Path caPem;
    private X509Certificate issuingRoot;
    private SSLContext trust;

    private AcmeTestBed(Map<String, String> pebbleEnv) {
        this.pebbleEnv = pebbleEnv;
    }

    /** Pebble's defaults for a test server: no validation sleep, no nonce rejection, no authz reuse. */
    public static AcmeTestBed baseline() {
        return new AcmeTestBed(Map.of("PEBBLE_VA_NOSLEEP", "1", "PEBBLE_WFE_NONCEREJECT", "0", "PEBBLE_AUTHZREUSE", "0"));
    }

    /** Faults: {@code nonceRejectPercent} of good nonces rejected, random validation sleep up to {@code sleepSeconds}, no authz reuse. */
    public static AcmeTestBed faults(int nonceRejectPercent, int sleepSeconds) {
        return new AcmeTestBed(Map.of("PEBBLE_WFE_NONCEREJECT", String.valueOf(nonceRejectPercent),
                "PEBBLE_VA_SLEEPTIME", String.valueOf(sleepSeconds), "PEBBLE_AUTHZREUSE", "0"));
    }

    /** Pebble requiring External Account Binding with {@link #EAB_KID}/{@link #EAB_HMAC}. */
    public static AcmeTestBed requiringEab() {
        AcmeTestBed bed = baseline();
        bed.eabRequired = true;
        return bed;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        List<String> missing = new ArrayList<>();
        for (String bin : List.of("pebble", "named")) if (!onPath(bin)) missing.add(bin);
        Assumptions.assumeTrue(missing.isEmpty(), "SKIPPED: " + missing + " not installed — run scripts/install-test-deps.sh "
                + "(Debian packages pebble, bind9, bind9-utils, bind9-dnsutils)");
        dir = Files.createTempDirectory("rhoai-acme-testbed");
        startBind();
        startPebble();
    }

    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        if (named == null) return;
        List<String> left = challengeRecords();
        if (!left.isEmpty()) throw new AssertionError("challenge TXT records left in BIND after the test: " + left);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        stop(pebble);
        stop(named);
        if (dir != null && System.getenv("RHOAI_KEEP_TESTBED") == null) deleteTree(dir);
    }

    // ---- what tests use -------------------------------------------------------------------------------------------

    public String directoryUrl() { return "https://127.0.0.1:" + acmePort + "/dir"; }

    public Path caPem() { return caPem; }

    public X509Certificate issuingRoot() { return issuingRoot; }

    public int dnsPort() { return dnsPort; }

    public String updateSecret() { return updateSecret; }

    public Path dir() { return dir; }

    /** Environment for the rfc2136 provider and the authoritative check, pointing at this BIND. */
    public Map<String, String> rfc2136Env(boolean narrowKey) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("RFC2136_NAMESERVER", "127.0.0.1:" + dnsPort);
        env.put("RFC2136_TSIG_KEY", narrowKey ? NARROW_KEY : TSIG_KEY);
        env.put("RFC2136_TSIG_SECRET", narrowKey ? narrowSecret : updateSecret);
        env.put("RFC2136_POLLING_INTERVAL", "50ms");
        env.put("RFC2136_PROPAGATION_TIMEOUT", "30s");
        env.put("RHOAI_DNS_RESOLVERS", "127.0.0.1:" + dnsPort);
        env.put("RHOAI_DNS_AUTHORITATIVE_PORT", String.valueOf(dnsPort));
        return env;
    }

    /** Every {@code _acme-challenge} TXT record in the zone, read by AXFR. */
    public List<String> challengeRecords() throws Exception {
        ZoneTransferIn xfr = ZoneTransferIn.newAXFR(Name.fromString(ZONE + "."), new InetSocketAddress("127.0.0.1", dnsPort), null);
        xfr.setTimeout(Duration.ofSeconds(5));
        xfr.run();
        List<String> out = new ArrayList<>();
        for (Record r : xfr.getAXFR()) {
            if (r instanceof TXTRecord && r.getName().toString().startsWith("_acme-challenge")) out.add(r.toString());
        }
        return out;
    }

    /** TXT values of one name straight from BIND (recursion off). */
    public List<String> txt(String fqdn) throws IOException {
        SimpleResolver r = new SimpleResolver(new InetSocketAddress("127.0.0.1", dnsPort));
        Message m = r.send(Message.newQuery(Record.newRecord(Name.fromString(fqdn.endsWith(".") ? fqdn : fqdn + "."), Type.TXT, DClass.IN)));
        List<String> out = new ArrayList<>();
        for (Record rec : m.getSection(Section.ANSWER)) if (rec instanceof TXTRecord t) out.addAll(t.getStrings());
        return out;
    }

    // ---- BIND9 ------------------------------------------------------------------------------------------------------

    private void startBind() throws Exception {
        Path b = Files.createDirectories(dir.resolve("bind"));
        dnsPort = freeUdpAndTcpPort();
        updateSecret = randomSecret();
        narrowSecret = randomSecret();
        Files.writeString(b.resolve("db." + ZONE), String.join("\n",
                "$TTL 60",
                "@ IN SOA ns1." + ZONE + ". hostmaster." + ZONE + ". ( " + (Instant.now().getEpochSecond()) + " 60 30 3600 1 )",
                "  IN NS ns1." + ZONE + ".",
                "ns1 IN A 127.0.0.1",
                "api.dev IN A 127.0.0.1",
                "*.apps.dev IN A 127.0.0.1", ""));
        Files.writeString(b.resolve("named.conf"), String.join("\n",
                "key \"" + TSIG_KEY + "\" { algorithm hmac-sha256; secret \"" + updateSecret + "\"; };",
                "key \"" + NARROW_KEY + "\" { algorithm hmac-sha256; secret \"" + narrowSecret + "\"; };",
                "options {",
                "  directory \"" + b + "\";",
                "  pid-file \"" + b.resolve("named.pid") + "\";",
                "  session-keyfile \"" + b.resolve("session.key") + "\";",
                "  managed-keys-directory \"" + b + "\";",
                "  listen-on port " + dnsPort + " { 127.0.0.1; };",
                "  listen-on-v6 { none; };",
                "  recursion no;",
                "  allow-query { 127.0.0.1; };",
                "  allow-transfer { 127.0.0.1; };",
                "  notify no;",
                "  dnssec-validation no;",
                "};",
                "controls { };",
                "logging { channel main { file \"" + b.resolve("named.log") + "\"; print-time yes; severity info; };",
                "  category default { main; }; category update { main; }; category update-security { main; }; category lame-servers { null; }; };",
                "zone \"" + ZONE + "\" {",
                "  type primary;",
                "  file \"" + b.resolve("db." + ZONE) + "\";",
                "  update-policy {",
                "    grant " + TSIG_KEY + " subdomain " + ZONE + ". TXT;",
                "    grant " + NARROW_KEY + " subdomain other." + ZONE + ". TXT;",
                "  };",
                "};", ""));
        List<String> cmd = new ArrayList<>(List.of("named", "-f", "-c", b.resolve("named.conf").toString(), "-n", "1"));
        // As root, named would switch to user "bind" only with -u; we keep the invoking user so it can write its
        // journal in our temp dir.
        named = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(b.resolve("named.out").toFile()).start();
        Instant deadline = Instant.now().plusSeconds(15);
        while (true) {
            try {
                SimpleResolver r = new SimpleResolver(new InetSocketAddress("127.0.0.1", dnsPort));
                r.setTimeout(Duration.ofMillis(300));
                Message m = r.send(Message.newQuery(Record.newRecord(Name.fromString(ZONE + "."), Type.SOA, DClass.IN)));
                if (m.getSection(Section.ANSWER).size() > 0) return;
            } catch (IOException notYet) {
                // keep trying
            }
            if (!named.isAlive() || Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("named did not start: " + tail(b.resolve("named.out")) + tail(b.resolve("named.log")));
            }
            Thread.sleep(50);
        }
    }

    // ---- Pebble -----------------------------------------------------------------------------------------------------

    private void startPebble() throws Exception {
        Path p = Files.createDirectories(dir.resolve("pebble"));
        writeTransportTls(p);
        acmePort = freeTcpPort();
        mgmtPort = freeTcpPort();
        Files.writeString(p.resolve("pebble-config.json"), """
                {"pebble": {
                  "listenAddress": "127.0.0.1:%d",
                  "managementListenAddress": "127.0.0.1:%d",
                  "certificate": "%s",
                  "privateKey": "%s",
                  "httpPort": %d,
                  "tlsPort": %d,
                  "ocspResponderURL": "",
                  "externalAccountBindingRequired": %b,
                  "externalAccountMACKeys": {"%s": "%s"},
                  "certificateValidityPeriod": 7776000
                }}
                """.formatted(acmePort, mgmtPort, p.resolve("cert.pem"), p.resolve("key.pem"), freeTcpPort(), freeTcpPort(), eabRequired, EAB_KID, EAB_HMAC));
        ProcessBuilder pb = new ProcessBuilder("pebble", "-config", p.resolve("pebble-config.json").toString(),
                "-dnsserver", "127.0.0.1:" + dnsPort, "-strict=false")
                .redirectErrorStream(true).redirectOutput(p.resolve("pebble.log").toFile());
        pb.environment().keySet().removeIf(k -> k.startsWith("PEBBLE_"));
        pb.environment().putAll(pebbleEnv);
        pebble = pb.start();
        HttpClient http = HttpClient.newBuilder().sslContext(trust).connectTimeout(Duration.ofSeconds(2)).build();
        Instant deadline = Instant.now().plusSeconds(20);
        while (true) {
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(directoryUrl())).build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) break;
            } catch (IOException notYet) {
                // keep trying
            }
            if (!pebble.isAlive() || Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("pebble did not start: " + tail(p.resolve("pebble.log")));
            }
            Thread.sleep(50);
        }
        // the issuing root is regenerated at every start: fetch it for chain checks
        String root = http.send(HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + mgmtPort + "/roots/0")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        issuingRoot = (X509Certificate) java.security.cert.CertificateFactory.getInstance("X.509")
                .generateCertificate(new java.io.ByteArrayInputStream(root.getBytes()));
    }

    /** Pebble's own HTTPS certificate (transport only; not the issuing CA): a throwaway CA and a leaf for 127.0.0.1. */
    private void writeTransportTls(Path p) throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair caKey = g.generateKeyPair(), leafKey = g.generateKeyPair();
        Date from = Date.from(Instant.now().minusSeconds(3600)), to = Date.from(Instant.now().plus(Duration.ofDays(30)));
        X500Name caName = new X500Name("CN=rhoai test transport CA");
        var caBuilder = new JcaX509v3CertificateBuilder(caName, BigInteger.ONE, from, to, caName, caKey.getPublic())
                .addExtension(Extension.basicConstraints, true, new BasicConstraints(true))
                .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
        X509Certificate ca = new JcaX509CertificateConverter().getCertificate(
                caBuilder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(caKey.getPrivate())));
        var leafBuilder = new JcaX509v3CertificateBuilder(caName, BigInteger.TWO, from, to, new X500Name("CN=localhost"), leafKey.getPublic())
                .addExtension(Extension.basicConstraints, false, new BasicConstraints(false))
                .addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth))
                .addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
                        new GeneralName(GeneralName.dNSName, "localhost"), new GeneralName(GeneralName.iPAddress, "127.0.0.1")}));
        X509Certificate leaf = new JcaX509CertificateConverter().getCertificate(
                leafBuilder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(caKey.getPrivate())));
        caPem = p.resolve("ca.pem");
        Files.writeString(caPem, pem(ca));
        Files.writeString(p.resolve("cert.pem"), pem(leaf));
        // PKCS#8, which Go's crypto/tls reads
        Files.writeString(p.resolve("key.pem"), "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(leafKey.getPrivate().getEncoded()) + "\n-----END PRIVATE KEY-----\n");
        KeyStore ks = KeyStore.getInstance(KeyStore.getDefaultType());
        ks.load(null, null);
        ks.setCertificateEntry("ca", ca);
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(ks);
        trust = SSLContext.getInstance("TLS");
        trust.init(null, tmf.getTrustManagers(), null);
    }

    // ---- helpers ----------------------------------------------------------------------------------------------------

    private static String pem(Object o) throws IOException {
        StringWriter w = new StringWriter();
        try (JcaPEMWriter pw = new JcaPEMWriter(w)) {
            pw.writeObject(o);
        }
        return w.toString();
    }

    private static String randomSecret() {
        byte[] b = new byte[32];
        new SecureRandom().nextBytes(b);
        return Base64.getEncoder().encodeToString(b);
    }

    private static boolean onPath(String bin) {
        for (String d : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (Files.isExecutable(Path.of(d, bin))) return true;
        }
        return Files.isExecutable(Path.of("/usr/sbin", bin)) || Files.isExecutable(Path.of("/usr/bin", bin));
    }

    private static int freeTcpPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static int freeUdpAndTcpPort() throws IOException {
        for (int i = 0; i < 50; i++) {
            int port = freeTcpPort();
            try (DatagramSocket u = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), port))) {
                return port;
            } catch (IOException taken) {
                // try another
            }
        }
        throw new IOException("no free port for DNS");
    }

    private static void stop(Process p) {
        if (p == null || !p.isAlive()) return;
        p.destroy();
        try {
            if (!p.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)) p.destroyForcibly().waitFor(5, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String tail(Path f) {
        try {
            List<String> lines = Files.readAllLines(f);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
        } catch (IOException e) {
            return "(no " + f.getFileName() + ")";
        }
    }

    private static void deleteTree(Path root) {
        try (var s = Files.walk(root)) {
            s.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException ignored) {
            // temp dir; best effort
        }
    }

    static Map<String, String> copy(Map<String, String> m) {
        return new HashMap<>(m);
    }
}
