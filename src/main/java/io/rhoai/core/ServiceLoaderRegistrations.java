package io.rhoai.core;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * Makes the libraries' {@link java.util.ServiceLoader} look-ups work in the native binary. Quarkus builds native images
 * without GraalVM's automatic service registration ({@code quarkus.native.auto-service-loader-registration=false}), so
 * a {@code META-INF/services} file only works there when it is included as a resource (application.properties,
 * {@code quarkus.native.resources.includes}) and the classes it names are registered for reflection, here. This is what
 * Quarkus extensions do with {@code ServiceProviderBuildItem}. On the JVM this class has no effect.
 * <ul>
 *   <li>acme4j: {@code new Session("acme://letsencrypt.org")} finds its provider through {@code AcmeProvider} services
 *   (plain https:// directory URLs fall back to the generic provider and need none of this).</li>
 *   <li>JGit: {@code SshSessionFactory.getInstance()} finds the JSch-based factory through services.</li>
 * </ul>
 * BouncyCastle needs no entry: quarkus-security registers it ({@code quarkus.security.security-providers=BC}).
 */
@RegisterForReflection(targets = {
        org.shredzone.acme4j.provider.letsencrypt.LetsEncryptAcmeProvider.class,
        org.shredzone.acme4j.provider.pebble.PebbleAcmeProvider.class,
        org.shredzone.acme4j.provider.buypass.BuypassAcmeProvider.class,
        org.shredzone.acme4j.provider.google.GoogleAcmeProvider.class,
        org.shredzone.acme4j.provider.sslcom.SslComAcmeProvider.class,
        org.shredzone.acme4j.provider.zerossl.ZeroSSLAcmeProvider.class,
        org.eclipse.jgit.transport.ssh.jsch.JschConfigSessionFactory.class,
})
final class ServiceLoaderRegistrations {
    private ServiceLoaderRegistrations() { }
}
