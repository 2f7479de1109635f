package com.tradesense.batch.cli;

import com.tradesense.batch.TradeSenseBatchApplication;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The command line of CONTRACT §4. Arguments are checked before anything starts, so a bad argument costs no
 * database connection and always gives exit status 2 with one line naming the problem. Spring settings
 * ({@code --spring.datasource.url=...}, {@code --tradesense....}, {@code --logging....}) pass through to the
 * application context of the command that needs one.
 */
@Command(name = "tradesense-batch", mixinStandardHelpOptions = true, versionProvider = TradeSenseCli.Version.class,
        description = "Scheduled batch and reporting jobs of TradeSense AI.",
        subcommands = {RunCommand.class, NightlyCommand.class, CatchUpCommand.class, MigrateCommand.class,
                JobsCommand.class, DemoCommand.class, GenerateCommand.class, SchedulerCommand.class, BreaksCommand.class,
                StatusCommand.class, PurgeCommand.class, VerifyCommand.class, BenchCommand.class, ServeCommand.class,
                CommandLine.HelpCommand.class})
public final class TradeSenseCli implements Runnable {

    private static final List<String> SPRING_PREFIXES =
            List.of("--spring.", "--tradesense.", "--logging.", "--server.", "--management.", "--debug");

    private final Clock clock;
    private final List<String> springArguments;
    private final PrintWriter out;
    private final PrintWriter err;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    TradeSenseCli(Clock clock, List<String> springArguments, PrintWriter out, PrintWriter err) {
        this.clock = clock;
        this.springArguments = List.copyOf(springArguments);
        this.out = out;
        this.err = err;
    }

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(System.out, true);
        PrintWriter err = new PrintWriter(System.err, true);
        System.exit(execute(args, Clock.systemUTC(), out, err));
    }

    /** Runs one command and returns its exit status; never calls {@link System#exit}. */
    public static int execute(String[] args, Clock clock, PrintWriter out, PrintWriter err) {
        List<String> springArguments = new ArrayList<>();
        List<String> commandArguments = new ArrayList<>();
        for (String arg : args) {
            if (SPRING_PREFIXES.stream().anyMatch(arg::startsWith)) {
                springArguments.add(arg);
            } else {
                commandArguments.add(arg);
            }
        }
        TradeSenseCli root = new TradeSenseCli(clock, springArguments, out, err);
        CommandLine commandLine = new CommandLine(root)
                .setOut(out)
                .setErr(err)
                .setCaseInsensitiveEnumValuesAllowed(true)
                .setParameterExceptionHandler(TradeSenseCli::badArguments)
                .setExecutionExceptionHandler(TradeSenseCli::failure);
        return commandLine.execute(commandArguments.toArray(String[]::new));
    }

    @Override
    public void run() {
        spec.commandLine().usage(out);
    }

    Clock clock() {
        return clock;
    }

    PrintWriter out() {
        return out;
    }

    List<String> springArguments() {
        return springArguments;
    }

    PrintWriter err() {
        return err;
    }

    /** Starts the application context with the pass-through Spring settings, runs the action, closes the context. */
    int withApplication(WebApplicationType webType, Function<ConfigurableApplicationContext, Integer> action) {
        return withApplication(webType, List.of(), action);
    }

    /** As above, with settings the command itself imposes (they win over the user's). */
    int withApplication(WebApplicationType webType, List<String> imposedSettings,
                        Function<ConfigurableApplicationContext, Integer> action) {
        SpringApplication application = new SpringApplication(TradeSenseBatchApplication.class);
        application.setWebApplicationType(webType);
        // An imposed setting replaces the user's: Spring would join two values of one key with a comma.
        List<String> imposedKeys = imposedSettings.stream().map(TradeSenseCli::keyOf).toList();
        List<String> arguments = new ArrayList<>();
        for (String argument : springArguments) {
            if (!imposedKeys.contains(keyOf(argument))) {
                arguments.add(argument);
            }
        }
        arguments.addAll(imposedSettings);
        try (ConfigurableApplicationContext context = application.run(arguments.toArray(String[]::new))) {
            return action.apply(context);
        }
    }

    private static String keyOf(String argument) {
        int eq = argument.indexOf('=');
        return eq < 0 ? argument : argument.substring(0, eq);
    }

    /** A Spring setting given on the command line (--key=value) or in the environment, else null. */
    String springSetting(String key) {
        for (String argument : springArguments) {
            if (argument.startsWith("--" + key + "=")) {
                return argument.substring(key.length() + 3);
            }
        }
        return System.getenv(key.toUpperCase(java.util.Locale.ROOT).replace('.', '_').replace("-", ""));
    }

    private static int badArguments(CommandLine.ParameterException e, String[] args) {
        CommandLine command = e.getCommandLine();
        command.getErr().println(qualifiedName(command) + ": " + oneLine(e.getMessage())
                + " (see '" + qualifiedName(command) + " --help')");
        return ExitCodes.BAD_INPUT;
    }

    private static int failure(Exception e, CommandLine command, CommandLine.ParseResult parseResult) {
        if (e instanceof UsageException) {
            command.getErr().println(qualifiedName(command) + ": " + oneLine(e.getMessage()));
            return ExitCodes.BAD_INPUT;
        }
        command.getErr().println(qualifiedName(command) + ": failed: " + oneLine(String.valueOf(rootCause(e).getMessage())));
        if (Boolean.getBoolean("tradesense.stacktrace")) {
            e.printStackTrace(command.getErr());
        }
        return ExitCodes.FAILED;
    }

    private static Throwable rootCause(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause;
    }

    private static String qualifiedName(CommandLine command) {
        return command.getCommandSpec().qualifiedName();
    }

    private static String oneLine(String message) {
        return message == null ? "" : message.replaceAll("\\s*\\R\\s*", " ").trim();
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = TradeSenseCli.class.getPackage().getImplementationVersion();
            return new String[] {"tradesense-batch " + (version == null ? "development build" : version)};
        }
    }
}
