/**
 * Real PostgreSQL 17 clusters for Lakebase Local: unpacking the zonky binaries ({@link
 * dev.lakebasemcp.emulator.cluster.PostgresBinaries}), where their files may live ({@link
 * dev.lakebasemcp.emulator.cluster.ClusterHome}), and one cluster's life ({@link
 * dev.lakebasemcp.emulator.cluster.PgCluster}): create, open after a restart, start and stop, superuser
 * connections, roles and expiring passwords, online branches, branch reset, hot standbys, destroy.
 *
 * <p>Facts this package relies on were verified on this machine: shared/research/postgres-branching.md.
 *
 * <p>On disk, per cluster (all owned by the server user, {@code nobody} when the JVM is root):
 * <pre>
 * &lt;data dir&gt;/                     0700, initdb's layout plus:
 *   lakebase.conf                 every setting of ours; postgresql.conf only includes it
 *   pg_hba.conf                   hostssl + scram on 127.0.0.1, plain TCP rejected, trust on the socket
 *   server.crt, server.key        self-signed EC P-256 (key 0600)
 *   server.log (+ .1)             the server's log, rotated at start past 10 MB
 *   lakebase-cluster.properties   kind and archive dir; written last, so it marks a complete cluster
 *   lakebase-replication.secret   password of lakebase_replication, once a standby was made
 * &lt;archive dir&gt;/                  0700, basic_archive's WAL segments (1 MB each)
 * /tmp/lakebase-&lt;16 hex&gt;/          0700, the Unix socket while running (short: paths max ~107 bytes)
 * </pre>
 * Beside the binaries: {@code template-<binaries>-<hash>}, one initdb output copied by every create.
 * Port and socket directory are passed by pg_ctl at each start, never stored, so copies never inherit them.
 */
package dev.lakebasemcp.emulator.cluster;
