package io.rhoai.profile;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/** An IPv4 or IPv6 network in CIDR notation, parsed without DNS lookups. */
public record Cidr(String text, byte[] address, int prefix) {
    private static final Pattern IPV4 = Pattern.compile("^(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})$");
    private static final Pattern IPV6 = Pattern.compile("^[0-9a-fA-F:.]+$");

    /** @return the network, or null when {@code text} is not CIDR notation */
    public static Cidr parse(String text) {
        if (text == null) return null;
        int slash = text.indexOf('/');
        if (slash < 0) return null;
        String ip = text.substring(0, slash), bits = text.substring(slash + 1);
        if (!bits.matches("\\d{1,3}")) return null;
        byte[] addr;
        var m = IPV4.matcher(ip);
        if (m.matches()) {
            addr = new byte[4];
            for (int i = 0; i < 4; i++) {
                int octet = Integer.parseInt(m.group(i + 1));
                if (octet > 255) return null;
                addr[i] = (byte) octet;
            }
        } else if (ip.contains(":") && IPV6.matcher(ip).matches()) {
            try {
                addr = InetAddress.getByName(ip).getAddress();   // a literal: no lookup happens
            } catch (UnknownHostException e) {
                return null;
            }
            if (addr.length != 16) return null;
        } else {
            return null;
        }
        int prefix = Integer.parseInt(bits);
        if (prefix > addr.length * 8) return null;
        return new Cidr(text, addr, prefix);
    }

    public boolean ipv4() {
        return address.length == 4;
    }

    public int bits() {
        return address.length * 8;
    }

    private BigInteger value() {
        return new BigInteger(1, address);
    }

    private BigInteger mask() {
        return BigInteger.ONE.shiftLeft(bits()).subtract(BigInteger.ONE)
                .xor(BigInteger.ONE.shiftLeft(bits() - prefix).subtract(BigInteger.ONE));
    }

    private BigInteger first() {
        return value().and(mask());
    }

    private BigInteger last() {
        return first().add(BigInteger.ONE.shiftLeft(bits() - prefix)).subtract(BigInteger.ONE);
    }

    /** True when the address has no host bits set (10.0.0.0/16, not 10.0.1.0/16). */
    public boolean isNetworkAddress() {
        return value().equals(first());
    }

    /** The network address form of this CIDR, for hints. */
    public String networkForm() {
        byte[] raw = first().toByteArray();
        byte[] out = new byte[address.length];
        int copy = Math.min(raw.length, out.length);
        System.arraycopy(raw, raw.length - copy, out, out.length - copy, copy);
        try {
            return InetAddress.getByAddress(out).getHostAddress() + "/" + prefix;
        } catch (UnknownHostException e) {
            return text;
        }
    }

    public boolean overlaps(Cidr other) {
        if (address.length != other.address.length) return false;
        return first().compareTo(other.last()) <= 0 && other.first().compareTo(last()) <= 0;
    }

    @Override
    public String toString() {
        return text;
    }
}
