package io.rhoai.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.ServerSocket;

/**
 * Peers that take a request and never answer, on loopback: what a stuck proxy, a black-holed firewall rule or a hung
 * server looks like to a client. Close them after the test.
 */
public final class HungPeers {
    private HungPeers() { }

    /**
     * A TCP server that is never read: the kernel completes the handshake for its backlog, so a client connects and then
     * waits for an answer (a TLS handshake or an HTTP response) that never comes.
     */
    public static ServerSocket tcp() {
        try {
            return new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A bound UDP socket that is never read: queries sent there go unanswered. */
    public static DatagramSocket udp() {
        try {
            return new DatagramSocket(0, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
