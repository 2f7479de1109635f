package com.tradesense.batch.cli;

import com.tradesense.batch.db.Dialect;
import com.tradesense.batch.reports.seal.SealVerifier;
import java.util.concurrent.Callable;
import javax.sql.DataSource;
import org.springframework.boot.WebApplicationType;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

@Command(name = "verify", mixinStandardHelpOptions = true,
        description = {"Recomputes every ledger seal from the trades and events and checks the hash chain.",
                "Exit status: 0 every seal verifies (the chain head is printed), 1 a record no longer matches"
                        + " (the first one is named)."})
final class VerifyCommand implements Callable<Integer> {

    @ParentCommand
    TradeSenseCli cli;

    @Override
    public Integer call() {
        return cli.withApplication(WebApplicationType.NONE, context -> {
            SealVerifier.Result result = new SealVerifier(context.getBean(DataSource.class),
                    context.getBean(Dialect.class)).verify();
            if (result.verified()) {
                cli.out().println("verify: " + result.sealsVerified() + " seals verified over " + result.rowsVerified()
                        + " trades and events; chain head " + result.chainHead());
                return ExitCodes.COMPLETED;
            }
            cli.err().println("verify: " + result.firstMismatch().get() + " (" + result.sealsVerified()
                    + " earlier seals verified)");
            return ExitCodes.FAILED;
        });
    }
}
