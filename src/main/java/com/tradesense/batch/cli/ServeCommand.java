package com.tradesense.batch.cli;

import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Serves the report download portal on --server.port (default 8080) until stopped.",
                "Users come from tradesense.portal.users.<name>.password-hash (bcrypt) and .roles"
                        + " (FINANCE, AUDITOR, ADMIN)."})
final class ServeCommand implements Callable<Integer> {

    @ParentCommand
    TradeSenseCli cli;

    @Option(names = "--demo-users", description = "Also accept the public demo logins (finance, auditor, admin) and"
            + " print them. For demonstrations only.")
    boolean demoUsers;

    @Override
    public Integer call() {
        return PortalServer.serve(cli, List.of(), demoUsers);
    }
}
