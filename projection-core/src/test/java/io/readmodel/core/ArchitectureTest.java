package io.readmodel.core;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

class ArchitectureTest {

    private final JavaClasses core = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.readmodel.core");

    @Test
    void theCoreDependsOnNoFrameworkDriverOrConnector() {
        noClasses().should().dependOnClassesThat()
                .resideInAnyPackage("io.quarkus..", "jakarta..", "com.mongodb..", "org.bson..", "io.debezium..",
                        "org.apache.kafka..", "io.vertx..", "io.smallrye..")
                .check(core);
    }
}
