package io.rhoai.certs.install;

import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.X509ExtendedKeyManager;
import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TLS server on 127.0.0.1 that serves whatever certificate it is told to, switchable at run time (the simulated
 * operator switches it when a rollout completes). It records the SNI names it was asked for.
 */
public final class LoopbackTlsServer implements AutoCloseable {
    private volatile TestPki.Issued serving;
    private final SSLServerSocket socket;
    private final Thread acceptor;
    public final Set<String> sniSeen = ConcurrentHashMap.newKeySet();

    public LoopbackTlsServer(TestPki.Issued initial) throws Exception {
        this.serving = initial;
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(new KeyManager[] {new SwitchableKeyManager()}, null, null);
        socket = (SSLServerSocket) context.getServerSocketFactory().createServerSocket(0, 50, InetAddress.getLoopbackAddress());
        acceptor = new Thread(this::acceptLoop, "loopback-tls-" + socket.getLocalPort());
        acceptor.setDaemon(true);
        acceptor.start();
    }

    public int port() {
        return socket.getLocalPort();
    }

    public String endpoint() {
        return "127.0.0.1:" + port();
    }

    public void serve(TestPki.Issued issued) {
        this.serving = issued;
    }

    public X509Certificate servedLeaf() {
        return serving.leaf();
    }

    private void acceptLoop() {
        while (!socket.isClosed()) {
            try (SSLSocket s = (SSLSocket) socket.accept()) {
                s.setSoTimeout(5000);
                s.startHandshake();
                if (s.getSession() instanceof javax.net.ssl.ExtendedSSLSession ext) {
                    ext.getRequestedServerNames().forEach(n -> sniSeen.add(new String(n.getEncoded())));
                }
            } catch (IOException e) {
                // the client hung up after the handshake, or the server is closing
            }
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    private final class SwitchableKeyManager extends X509ExtendedKeyManager {
        @Override public String[] getClientAliases(String keyType, Principal[] issuers) { return null; }
        @Override public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) { return null; }
        @Override public String[] getServerAliases(String keyType, Principal[] issuers) { return new String[] {"current"}; }
        @Override public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) { return matches(keyType); }
        @Override public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) { return matches(keyType); }
        @Override public X509Certificate[] getCertificateChain(String alias) { return serving.chain().toArray(new X509Certificate[0]); }
        @Override public PrivateKey getPrivateKey(String alias) { return serving.key(); }

        private String matches(String keyType) {
            String algorithm = serving.key().getAlgorithm();
            return keyType == null || keyType.equalsIgnoreCase(algorithm) || (algorithm.equals("EC") && keyType.startsWith("EC")) ? "current" : null;
        }
    }

}
