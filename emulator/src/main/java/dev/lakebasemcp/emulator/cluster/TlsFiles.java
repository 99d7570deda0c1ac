package dev.lakebasemcp.emulator.cluster;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.time.Duration;
import java.util.Base64;
import java.util.List;

/**
 * The server's self-signed TLS certificate and key ({@code server.crt}, {@code server.key}: PEM, EC P-256,
 * CN and SAN localhost / 127.0.0.1, ten years). Clients use {@code sslmode=require}, which encrypts without
 * verifying, so self-signed is enough.
 *
 * <p>{@code openssl} makes them when it is on the PATH (about 20 ms). The JDK alone cannot write a
 * certificate without {@code sun.security.x509} internals, so without openssl {@code keytool} (always in
 * the JDK) makes a PKCS#12 store, and the key (PKCS#8) and certificate are read back with the public
 * KeyStore API and written as PEM (about 0.5 s: a JVM start). The key is mode 0600 and owned by the server
 * user, the only form postgres accepts for a key it owns.
 */
final class TlsFiles {

    static final String CERT = "server.crt";
    static final String KEY = "server.key";
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private TlsFiles() {
    }

    static void write(Path dataDir, ServerUser user) throws ClusterException {
        Path scratch = null;
        try {
            scratch = Files.createTempDirectory(dataDir.getParent(), ".tls-");
            if (!writeWithOpenssl(scratch)) {
                writeWithKeytool(scratch);
            }
            for (String name : List.of(CERT, KEY)) {
                Path target = dataDir.resolve(name);
                Files.move(scratch.resolve(name), target);
                Files.setPosixFilePermissions(target, ServerUser.FILE_PRIVATE);
                user.own(target);
            }
        } catch (IOException e) {
            throw new ClusterException("cannot write the TLS certificate into " + dataDir + ": " + e, e);
        } finally {
            if (scratch != null) {
                PostgresBinaries.deleteQuietly(scratch);
            }
        }
    }

    /** False when openssl is absent or fails; then the keytool route is taken. */
    static boolean writeWithOpenssl(Path dir) {
        try {
            Process p = new ProcessBuilder("openssl", "req", "-new", "-x509", "-days", "3650", "-nodes",
                    "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-subj", "/CN=localhost",
                    "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1",
                    "-keyout", dir.resolve(KEY).toString(), "-out", dir.resolve(CERT).toString())
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return p.waitFor() == 0 && Files.size(dir.resolve(KEY)) > 0 && Files.size(dir.resolve(CERT)) > 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    static void writeWithKeytool(Path dir) throws ClusterException {
        Path store = dir.resolve("server.p12");
        String pass = "lakebase-local";
        String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        ServerCommand.Result result = ServerCommand.runAsJvmUser(List.of(keytool, "-genkeypair", "-alias", "server",
                "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=localhost",
                "-ext", "san=dns:localhost,ip:127.0.0.1", "-validity", "3650", "-storetype", "PKCS12",
                "-keystore", store.toString(), "-storepass", pass, "-keypass", pass), TIMEOUT);
        if (!result.ok()) {
            throw new ClusterException("keytool could not make the TLS certificate: " + result.output());
        }
        try (InputStream in = Files.newInputStream(store)) {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(in, pass.toCharArray());
            Key key = ks.getKey("server", pass.toCharArray());
            byte[] cert = ks.getCertificate("server").getEncoded();
            Files.writeString(dir.resolve(KEY), pem("PRIVATE KEY", key.getEncoded()), StandardCharsets.US_ASCII);
            Files.writeString(dir.resolve(CERT), pem("CERTIFICATE", cert), StandardCharsets.US_ASCII);
        } catch (IOException | GeneralSecurityException e) {
            throw new ClusterException("cannot read back the keytool certificate: " + e, e);
        }
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }
}
