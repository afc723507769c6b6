package io.readmodel.launcher;

import java.util.Arrays;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code pipeline}: the developer's entry point. {@code up} is the default subcommand. */
@Command(name = "pipeline", mixinStandardHelpOptions = true, version = "readmodel pipeline 0.1.0",
        subcommands = {UpCommand.class, ReconcileCommand.class},
        description = "Runs the CDC read-model pipeline on this machine with only a JDK (no Docker).")
public final class PipelineCli {

    private static final Set<String> TOP_LEVEL_OPTIONS = Set.of("-h", "--help", "-V", "--version");

    PipelineCli() {
    }

    /** Entry point of {@code java -jar launcher.jar}. */
    public static void main(String[] args) {
        System.exit(new CommandLine(new PipelineCli()).execute(withDefaultSubcommand(args)));
    }

    /** No subcommand means {@code up}: {@code pipeline --demo} is {@code pipeline up --demo}. */
    static String[] withDefaultSubcommand(String[] args) {
        if (args.length == 0 || (args[0].startsWith("-") && !TOP_LEVEL_OPTIONS.contains(args[0]))) {
            String[] withUp = new String[args.length + 1];
            withUp[0] = "up";
            System.arraycopy(args, 0, withUp, 1, args.length);
            return withUp;
        }
        return Arrays.copyOf(args, args.length);
    }
}
