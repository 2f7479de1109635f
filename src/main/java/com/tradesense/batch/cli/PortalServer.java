package com.tradesense.batch.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.event.ContextClosedEvent;

/**
 * Runs the report portal (a servlet web application on {@code server.port}, default 8080) until the process is
 * stopped. Used by {@code serve} and by {@code demo --serve}.
 */
final class PortalServer {

    /** The profile holding the demo users of {@code application-portal-demo.yml}. */
    static final String DEMO_PROFILE = "portal-demo";

    /** The demo logins (user, password, role); their bcrypt hashes are in {@code application-portal-demo.yml}. */
    static final List<List<String>> DEMO_LOGINS = List.of(
            List.of("finance", "finance-demo", "FINANCE"),
            List.of("auditor", "auditor-demo", "AUDITOR"),
            List.of("admin", "admin-demo", "ADMIN"));

    private PortalServer() {
    }

    /**
     * @param settings  settings the caller imposes (a demo's database and reports folder)
     * @param demoUsers also accept the demo logins, and print them
     * @return the exit status once the server has stopped
     */
    static int serve(TradeSenseCli cli, List<String> settings, boolean demoUsers) {
        List<String> all = new ArrayList<>(settings);
        // application.yml says "none" for every other command, and spring.main.* settings win over the type given
        // to SpringApplication.
        all.add("--spring.main.web-application-type=servlet");
        if (demoUsers) {
            all.add("--spring.profiles.active=" + DEMO_PROFILE);
        }
        return cli.withApplication(WebApplicationType.SERVLET, all, context -> {
            CountDownLatch closed = new CountDownLatch(1);
            context.addApplicationListener(event -> {
                if (event instanceof ContextClosedEvent) {
                    closed.countDown();
                }
            });
            int port = ((WebServerApplicationContext) context).getWebServer().getPort();
            cli.out().println("Report portal on http://localhost:" + port + "/reports (stop with Ctrl-C)");
            if (demoUsers) {
                cli.out().println("Demo logins (public passwords, for this demo only):");
                for (List<String> login : DEMO_LOGINS) {
                    cli.out().printf("  %-8s password %-13s role %s%n", login.get(0), login.get(1), login.get(2));
                }
            }
            cli.out().flush();
            try {
                closed.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return ExitCodes.COMPLETED;
        });
    }
}
