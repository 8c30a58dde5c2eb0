package io.rhoai.cli;

import io.quarkus.picocli.runtime.PicocliCommandLineFactory;
import io.quarkus.runtime.annotations.CommandLineArguments;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import picocli.CommandLine;

/** The command line Quarkus runs (the native binary): the root command and the branch the arguments invoke. */
@ApplicationScoped
class CommandLineProducer {
    @Produces
    CommandLine commandLine(PicocliCommandLineFactory factory, CommandLine.IFactory commands,
                            @CommandLineArguments String[] args) {
        return Rhoai.configure(Rhoai.addSubcommands(factory.create(), commands, args));
    }
}
