package io.rhoai.cli;

import org.jboss.logmanager.Level;
import org.jboss.logmanager.LogContext;
import org.jboss.logmanager.Logger;
import org.jboss.logmanager.formatters.PatternFormatter;
import org.jboss.logmanager.handlers.ConsoleHandler;

import java.util.logging.Handler;

/**
 * The JVM entry point that {@code scripts/rhoai} runs: the same picocli command line as the native binary, without
 * starting the Quarkus runtime (configuration, CDI, extensions), which no command needs on the JVM and which cost a
 * short run most of its start-up. The native binary and {@code java -jar quarkus-run.jar} start through Quarkus
 * ({@link CommandLineProducer}); both print the same, as the tests check.
 */
public final class Main {
    private Main() { }

    public static void main(String[] args) {
        logging();
        System.exit(Rhoai.commandLine(System.getenv(), args).execute(args));
    }

    /**
     * What application.properties gives the Quarkus runtime: library log records from WARN (io.fabric8 from ERROR) on
     * stderr, in Quarkus' default console format. rhoai itself reports through its own output, not through logging.
     */
    static void logging() {
        // as Quarkus does: java.util.logging and System.Logger go through the JBoss LogManager too (scripts/rhoai also
        // passes it, so that it holds before any class touches logging)
        if (System.getProperty("java.util.logging.manager") == null) {
            System.setProperty("java.util.logging.manager", "org.jboss.logmanager.LogManager");
        }
        LogContext context = LogContext.getSystemLogContext();
        Logger root = context.getLogger("");
        root.setLevel(Level.WARN);
        context.getLogger("io.fabric8").setLevel(Level.ERROR);
        ConsoleHandler console = new ConsoleHandler(ConsoleHandler.Target.SYSTEM_ERR,
                new PatternFormatter("%d{yyyy-MM-dd HH:mm:ss,SSS} %-5p [%c{3.}] (%t) %s%e%n"));
        root.setHandlers(new Handler[] {console});
    }
}
