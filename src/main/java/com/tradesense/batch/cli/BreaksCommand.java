package com.tradesense.batch.cli;

import com.tradesense.batch.db.Dialect;
import com.tradesense.batch.reconciliation.BreakService;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.function.Function;
import javax.sql.DataSource;
import org.springframework.boot.WebApplicationType;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** Reconciliation breaks as people handle them: list, resolve, write off, approve a write-off (four eyes). */
@Command(name = "breaks", mixinStandardHelpOptions = true,
        description = "Lists and handles reconciliation breaks. Every action is recorded with who, when and why.",
        subcommands = {BreaksCommand.ListBreaks.class, BreaksCommand.Resolve.class, BreaksCommand.WriteOff.class,
                BreaksCommand.Approve.class})
final class BreaksCommand implements Runnable {

    @ParentCommand
    TradeSenseCli cli;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(cli.out());
    }

    int withBreaks(Function<BreakService, Integer> action) {
        return cli.withApplication(WebApplicationType.NONE, context -> {
            BreakService service = new BreakService(context.getBean(DataSource.class), context.getBean(Dialect.class),
                    cli.clock());
            try {
                return action.apply(service);
            } catch (BreakService.BreakActionException e) {
                throw new UsageException(e.getMessage());
            }
        });
    }

    static UUID breakId(String text) {
        try {
            return UUID.fromString(text);
        } catch (IllegalArgumentException e) {
            throw new UsageException("'" + text + "' is not a break id (a UUID)");
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Lists the open breaks, oldest first, with their age.")
    static final class ListBreaks implements Callable<Integer> {
        @ParentCommand
        BreaksCommand parent;

        @Option(names = "--provider", description = "Only this provider's breaks.")
        String provider;

        @Override
        public Integer call() {
            return parent.withBreaks(service -> {
                LocalDate today = LocalDate.ofInstant(parent.cli.clock().instant(), ZoneOffset.UTC);
                List<BreakService.OpenBreak> open = service.open(provider, today);
                var out = parent.cli.out();
                out.printf("%-36s  %-14s  %-20s  %-14s  %-12s  %-10s  %4s  %s%n", "id", "provider", "type",
                        "trade id", "field", "first seen", "age", "ledger -> provider");
                for (BreakService.OpenBreak b : open) {
                    out.printf("%-36s  %-14s  %-20s  %-14s  %-12s  %-10s  %4d  %s -> %s%s%n", b.id(), b.provider(),
                            b.breakType(), nullToDash(b.providerTradeId()), nullToDash(b.field()), b.firstSeenDate(),
                            b.ageDays(), nullToDash(b.ledgerValue()), nullToDash(b.providerValue()),
                            b.writeOffRequestedBy() == null ? ""
                                    : "  (write-off requested by " + b.writeOffRequestedBy() + ")");
                }
                out.println(open.size() + " open break" + (open.size() == 1 ? "" : "s"));
                return ExitCodes.COMPLETED;
            });
        }

        private static String nullToDash(String text) {
            return text == null ? "-" : text;
        }
    }

    @Command(name = "resolve", mixinStandardHelpOptions = true, description = "Resolves an open break, with a reason.")
    static final class Resolve implements Callable<Integer> {
        @ParentCommand
        BreaksCommand parent;

        @Parameters(index = "0", paramLabel = "<break id>")
        String id;

        @Option(names = "--by", required = true, description = "Who resolves it.")
        String by;

        @Option(names = "--reason", required = true, description = "Why it is resolved.")
        String reason;

        @Override
        public Integer call() {
            UUID breakId = breakId(id);
            return parent.withBreaks(service -> {
                service.resolve(breakId, by, reason);
                parent.cli.out().println("break " + breakId + " resolved by " + by);
                return ExitCodes.COMPLETED;
            });
        }
    }

    @Command(name = "write-off", mixinStandardHelpOptions = true,
            description = "Requests a write-off; it takes effect when a different person approves it.")
    static final class WriteOff implements Callable<Integer> {
        @ParentCommand
        BreaksCommand parent;

        @Parameters(index = "0", paramLabel = "<break id>")
        String id;

        @Option(names = "--by", required = true, description = "Who requests the write-off.")
        String by;

        @Option(names = "--reason", required = true, description = "Why it is written off.")
        String reason;

        @Override
        public Integer call() {
            UUID breakId = breakId(id);
            return parent.withBreaks(service -> {
                service.requestWriteOff(breakId, by, reason);
                parent.cli.out().println("write-off of break " + breakId + " requested by " + by
                        + "; it takes effect when someone else approves it");
                return ExitCodes.COMPLETED;
            });
        }
    }

    @Command(name = "approve", mixinStandardHelpOptions = true,
            description = "Approves a requested write-off (the approver must not be the requester).")
    static final class Approve implements Callable<Integer> {
        @ParentCommand
        BreaksCommand parent;

        @Parameters(index = "0", paramLabel = "<break id>")
        String id;

        @Option(names = "--by", required = true, description = "Who approves.")
        String by;

        @Option(names = "--reason", description = "An optional remark.")
        String reason;

        @Override
        public Integer call() {
            UUID breakId = breakId(id);
            return parent.withBreaks(service -> {
                service.approveWriteOff(breakId, by, reason);
                parent.cli.out().println("break " + breakId + " written off, approved by " + by);
                return ExitCodes.COMPLETED;
            });
        }
    }
}
