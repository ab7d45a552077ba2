import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Collections;
import java.util.concurrent.CountDownLatch;

import org.elasticsearch.common.logging.LogConfigurator;
import org.elasticsearch.common.settings.Settings;
import org.elasticsearch.env.Environment;
import org.elasticsearch.node.InternalSettingsPreparer;
import org.elasticsearch.node.Node;

/**
 * One Elasticsearch 8 node from Maven Central jars. The server jars run on the module path (the
 * server looks up its own module descriptor while loading plugins, so the class path does not
 * work), the netty4 transport is a module folder under path.home/modules, and this class stands in
 * for the distribution's bootstrap: it skips the CLI launcher, the security manager and the
 * production checks, none of which a loopback test node needs.
 *
 * Usage: java --module-path ... --add-modules ALL-MODULE-PATH -cp classes TruthflowEsNode key=value ...
 */
public final class TruthflowEsNode {
    public static void main(String[] args) {
        try {
            // The server's logging facade must be wired before any of its classes logs.
            LogConfigurator.configureESLogging();
            Settings.Builder builder = Settings.builder();
            for (String arg : args) {
                int eq = arg.indexOf('=');
                if (eq <= 0) throw new IllegalArgumentException("expected key=value, got " + arg);
                builder.put(arg.substring(0, eq), arg.substring(eq + 1));
            }
            Settings settings = builder.build();
            Path configDir = Paths.get(settings.get("path.home")).resolve("config");
            Environment environment = InternalSettingsPreparer.prepareEnvironment(settings, Collections.emptyMap(), configDir, () -> "truthflow-es");
            LogConfigurator.setNodeName(Node.NODE_NAME_SETTING.get(environment.settings()));
            LogConfigurator.configure(environment, true);
            Node node = new Node(environment);
            CountDownLatch stopped = new CountDownLatch(1);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    node.close();
                } catch (Exception e) {
                    e.printStackTrace();
                } finally {
                    stopped.countDown();
                }
            }));
            node.start();
            stopped.await();
        } catch (Throwable t) {
            // Printed to stderr, which the launcher appends to server.log; a non-zero exit makes the
            // launcher report "exited before it was ready" instead of waiting for its timeout.
            System.err.println("truthflow: Elasticsearch node failed to start");
            t.printStackTrace();
            System.exit(1);
        }
    }
}
