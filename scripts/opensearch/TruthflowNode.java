import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.config.Configurator;
import org.opensearch.analysis.common.CommonAnalysisPlugin;
import org.opensearch.common.logging.LogConfigurator;
import org.opensearch.common.settings.Settings;
import org.opensearch.env.Environment;
import org.opensearch.node.InternalSettingsPreparer;
import org.opensearch.node.Node;
import org.opensearch.plugins.Plugin;
import org.opensearch.transport.Netty4Plugin;

/**
 * One OpenSearch node whose plugins come from the classpath instead of a distribution's modules/
 * folder, so the server runs from plain Maven Central jars. It does what the test framework's
 * MockNode does (Node's protected constructor with plugin classes) and what Bootstrap does for
 * logging and shutdown, but skips Bootstrap itself: that one wants a full distribution layout,
 * refuses to run as root and installs a security manager we do not need on loopback.
 *
 * Usage: java ... TruthflowNode key=value ... (each argument becomes a node setting).
 */
public final class TruthflowNode extends Node {
    private static final Collection<Class<? extends Plugin>> PLUGINS = List.of(
        Netty4Plugin.class,
        CommonAnalysisPlugin.class
    );

    private TruthflowNode(Environment environment) {
        // true = forbid private index settings, as a production node does.
        super(environment, PLUGINS, true);
    }

    public static void main(String[] args) {
        try {
            Settings settings = parseSettings(args);
            Path configDir = Paths.get(settings.get("path.home")).resolve("config");
            Environment environment = InternalSettingsPreparer.prepareEnvironment(
                settings,
                Collections.emptyMap(),
                configDir,
                () -> "truthflow-node"
            );
            LogConfigurator.setNodeName(Node.NODE_NAME_SETTING.get(environment.settings()));
            LogConfigurator.configure(environment);
            runUntilSignalled(new TruthflowNode(environment));
        } catch (Throwable t) {
            // Printed to stderr, which the launcher appends to server.log, then a non-zero exit so
            // the launcher reports "exited before it was ready" instead of waiting for a timeout.
            System.err.println("truthflow: OpenSearch node failed to start");
            t.printStackTrace();
            System.exit(1);
        }
    }

    private static Settings parseSettings(String[] args) {
        Settings.Builder builder = Settings.builder();
        for (String arg : args) {
            int eq = arg.indexOf('=');
            if (eq <= 0) throw new IllegalArgumentException("expected key=value, got [" + arg + "]");
            builder.put(arg.substring(0, eq), arg.substring(eq + 1));
        }
        if (builder.get("path.home") == null) throw new IllegalArgumentException("path.home=... is required");
        return builder.build();
    }

    /** Node threads are daemons, so main must park until SIGTERM's shutdown hook has closed the node. */
    private static void runUntilSignalled(TruthflowNode node) throws Exception {
        CountDownLatch closed = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                node.close();
                node.awaitClose(15, TimeUnit.SECONDS);
            } catch (Exception e) {
                e.printStackTrace();
            } finally {
                // log4j's own shutdown hook is disabled (log4j.shutdownHookEnabled=false) so that
                // the node's last log lines are written before the appenders stop.
                Configurator.shutdown((LoggerContext) LogManager.getContext(false));
                closed.countDown();
            }
        }, "truthflow-shutdown"));
        node.start();
        closed.await();
    }
}
