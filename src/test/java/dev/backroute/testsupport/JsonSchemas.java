package dev.backroute.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import dev.backroute.catalog.Manifests;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The JSON Schemas of --json output in docs/schemas/, checked with a real draft 2020-12 validator. */
public final class JsonSchemas {
    private static final Path DIR = Path.of("docs", "schemas").toAbsolutePath();
    /** Reads the schemas, and the files their $refs name, from docs/schemas/; format: date-time is checked, not just noted. */
    private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
            builder -> builder.schemaRegistryConfig(SchemaRegistryConfig.builder().formatAssertionsEnabled(true).build())
                    .schemas(JsonSchemas::read));

    private JsonSchemas() {}

    /**
     * The command's stdout, after checking its exit status and that it is one document that
     * {@code docs/schemas/<schemaName>.schema.json} accepts.
     */
    public static JsonNode assertMatches(String schemaName, int exitCode, Cli.Result r) throws IOException {
        assertThat(r.exitCode()).as(r.all()).isEqualTo(exitCode);
        JsonNode doc = Manifests.mapper().readTree(r.out());
        Schema schema = REGISTRY.getSchema(SchemaLocation.of(DIR.resolve(schemaName + ".schema.json").toUri().toString()));
        List<String> errors = schema.validate(doc).stream().map(Error::toString).toList();
        assertThat(errors).as(schemaName + " output:%n%s", r.out()).isEmpty();
        return doc;
    }

    private static String read(String iri) {
        try {
            return Files.readString(Path.of(URI.create(iri)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
