package dev.backroute.cli;

import dev.backroute.testsupport.Cli;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** Every command explains itself, and a mistyped command or option is answered with the right one. */
class HelpTest {

    private static final Pattern SEE = Pattern.compile("\\(see: backroute (.*)--help\\)$");

    /** Walked from the real command line, so that a command added later cannot go without help. */
    private static final Map<String, CommandLine> COMMANDS = BackrouteCli.commandLine(Map.of()).getSubcommands();

    @Test
    void everyCommandPrintsItsOptionsDefaultsAndExamplesWithHelpAndExitsZero() {
        Map<String, CommandLine> commands = withSubcommands(COMMANDS, "");
        assertThat(commands.keySet()).contains("backup", "recover", "status", "list", "validate", "run", "cleanup", "keygen", "help",
                "cluster", "cluster forget");
        for (Map.Entry<String, CommandLine> command : commands.entrySet()) {
            String name = command.getKey();
            Cli.Result help = Cli.run((name + " --help").split(" "));
            assertThat(help.exitCode()).as(name + " --help: " + help.all()).isZero();
            assertThat(help.err()).as(name).isEmpty();
            assertThat(help.out()).as(name).contains("Usage: backroute " + name + " ");
            for (OptionSpec option : command.getValue().getCommandSpec().options()) {
                assertThat(help.out()).as(name + " --help shows " + option.longestName()).contains(option.longestName());
                if (option.defaultValue() != null) {
                    assertThat(help.out()).as(name + " --help shows the default of " + option.longestName())
                            .contains("(default " + option.defaultValue() + ")");
                }
            }
            if (!name.equals("help")) { // picocli's own help command has nothing to exemplify
                assertThat(help.out()).as(name).contains("Examples:").contains("./backroute " + name);
            }
            assertThat(Cli.run((name + " -h").split(" "))).as(name + " -h").isEqualTo(help);
        }
    }

    /** {@code commands} and the subcommands of each, by the words that run them: "cluster", "cluster forget". */
    private static Map<String, CommandLine> withSubcommands(Map<String, CommandLine> commands, String prefix) {
        Map<String, CommandLine> all = new LinkedHashMap<>();
        commands.forEach((name, command) -> {
            all.put(prefix + name, command);
            all.putAll(withSubcommands(command.getSubcommands(), prefix + name + " "));
        });
        return all;
    }

    @Test
    void helpWinsOverMissingRequiredOptions() {
        for (String name : new String[] {"backup", "recover", "validate", "keygen"}) {
            Cli.Result help = Cli.run(name, "--help");
            assertThat(help.exitCode()).as(name).isZero();
            assertThat(help.out()).as(name).contains("Examples:");
        }
    }

    @Test
    void helpCommandPrintsWhatDashDashHelpPrints() {
        for (String name : COMMANDS.keySet()) {
            assertThat(Cli.run("help", name)).as("help " + name).isEqualTo(Cli.run(name, "--help"));
        }
        Cli.Result top = Cli.run("help");
        assertThat(top.exitCode()).isZero();
        assertThat(top).isEqualTo(Cli.run("--help"));
        assertThat(top.out()).contains("Commands:").contains("backup").contains("keygen").contains("Examples:");
    }

    @Test
    void versionAtTheTopAndOnACommand() {
        for (String[] args : new String[][] {{"--version"}, {"-V"}, {"list", "--version"}}) {
            Cli.Result r = Cli.run(args);
            assertThat(r.exitCode()).as(String.join(" ", args)).isZero();
            assertThat(r.out()).as(String.join(" ", args)).matches("backroute \\S+\\R");
        }
    }

    @Test
    void aMistypedCommandIsAnsweredWithTheRightOneOnOneLine() {
        Cli.Result r = Cli.run("bakup", "--type", "all");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).isEqualTo("backroute: error: Unknown command 'bakup'. Did you mean 'backup'? (see: backroute --help)"
                + System.lineSeparator());
        assertHintWorks(r);

        Cli.Result help = Cli.run("help", "bakup");
        assertThat(help.exitCode()).isEqualTo(2);
        assertThat(help.err().strip()).isEqualTo("backroute: error: Unknown command 'bakup'. Did you mean 'backup'? (see: backroute --help)");
    }

    @Test
    void aMistypedOptionIsAnsweredWithTheRightOneEvenWhenTheRightOneIsRequired() {
        Cli.Result list = Cli.run("list", "--tpye", "data_files");
        assertThat(list.exitCode()).isEqualTo(2);
        assertThat(list.err().strip()).isEqualTo(
                "backroute: error: Unknown option '--tpye'. Did you mean '--type'? (see: backroute list --help)");
        assertHintWorks(list);

        Cli.Result backup = Cli.run("backup", "--tpye=data_files");
        assertThat(backup.exitCode()).isEqualTo(2);
        assertThat(backup.err().strip()).isEqualTo(
                "backroute: error: Unknown option '--tpye'. Did you mean '--type'? (see: backroute backup --help)");

        Cli.Result inherited = Cli.run("status", "--jsno");
        assertThat(inherited.err()).contains("Did you mean '--json'?");
    }

    @Test
    void nothingCloseIsSuggestedAsNothing() {
        Cli.Result command = Cli.run("frobnicate");
        assertThat(command.exitCode()).isEqualTo(2);
        assertThat(command.err().strip()).isEqualTo("backroute: error: Unknown command 'frobnicate' (see: backroute --help)");

        Cli.Result shortOption = Cli.run("status", "-x");
        assertThat(shortOption.err().strip()).isEqualTo("backroute: error: Unknown option '-x' (see: backroute status --help)");

        Cli.Result argument = Cli.run("status", "data_files");
        assertThat(argument.err().strip()).isEqualTo("backroute: error: Unexpected argument 'data_files' (see: backroute status --help)");
    }

    @Test
    void otherUsageErrorsAreOneLineWithAHintThatWorks() {
        Cli.Result missing = Cli.run("recover", "--destination", "/tmp/nowhere");
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.err().strip().lines()).hasSize(1);
        assertThat(missing.err()).contains("Missing required option: '--backup-path=P'").contains("(see: backroute recover --help)");
        assertHintWorks(missing);

        Cli.Result noCommand = Cli.run();
        assertThat(noCommand.exitCode()).isEqualTo(2);
        assertThat(noCommand.err().strip().lines()).hasSize(1);
        assertHintWorks(noCommand);
    }

    /** The command a usage error points at exists and prints help. */
    private static void assertHintWorks(Cli.Result error) {
        Matcher see = SEE.matcher(error.err().strip());
        assertThat(see.find()).as(error.err()).isTrue();
        String[] args = (see.group(1) + "--help").split(" ");
        Cli.Result help = Cli.run(args);
        assertThat(help.exitCode()).as(String.join(" ", args)).isZero();
        assertThat(help.out()).startsWith("Usage: backroute");
    }

}
