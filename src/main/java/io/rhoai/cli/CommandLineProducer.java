package io.rhoai.cli;

import io.quarkus.picocli.runtime.PicocliCommandLineFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import picocli.CommandLine;

@ApplicationScoped
class CommandLineProducer {
    @Produces
    CommandLine commandLine(PicocliCommandLineFactory factory) {
        return Rhoai.configure(factory.create());
    }
}
