package io.auscult.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static java.util.Map.entry;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * DESIGN.md's architecture as executable rules: one concern per package, the package
 * dependency table, the GUI toolkit only in {@code ui}, the compute engine never in
 * {@code ui}, and output to the console only from {@code cli}. A failing rule says why.
 */
class ArchitectureTest {

    private static final String ROOT = "io.auscult";

    /**
     * Which Auscult packages each package may use (DESIGN.md, "Layout"). Everyone may use
     * {@code engine} (progress, cancellation, atomic writes): infrastructure, JDK only.
     * {@code bench} measures everything below the user interfaces.
     */
    static final Map<String, List<String>> MAY_USE = Map.ofEntries(
            entry("audio", List.of()),
            entry("features", List.of("audio")),
            entry("data", List.of("audio", "features")),
            entry("detect", List.of("audio", "features", "data", "metrics")),
            entry("explain", List.of("audio", "features", "data", "detect")),
            entry("faithfulness", List.of("audio", "features", "data", "detect", "explain", "metrics")),
            entry("proxy", List.of("audio", "features", "data", "detect", "metrics")),
            entry("metrics", List.of()),
            entry("engine", List.of()),
            entry("store", List.of("audio", "features", "data", "detect", "explain", "faithfulness", "proxy",
                    "metrics")),
            entry("bench", List.of("audio", "features", "data", "detect", "explain", "faithfulness", "proxy",
                    "metrics", "store")),
            entry("cli", List.of("audio", "features", "data", "detect", "explain", "faithfulness", "proxy",
                    "metrics", "store", "bench")),
            entry("ui", List.of("audio", "features", "data", "detect", "explain", "faithfulness", "proxy",
                    "metrics", "store")));

    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(ROOT);
    }

    static Stream<String> packages() {
        return MAY_USE.keySet().stream().sorted();
    }

    @ParameterizedTest(name = "{0} uses only the packages DESIGN.md allows")
    @MethodSource("packages")
    void packageUsesOnlyWhatTheDesignAllows(String pkg) {
        List<String> forbidden = new ArrayList<>();
        for (String other : MAY_USE.keySet()) {
            if (!other.equals(pkg) && !other.equals("engine") && !MAY_USE.get(pkg).contains(other)) {
                forbidden.add(ROOT + "." + other + "..");
            }
        }
        ArchRule rule = noClasses().that().resideInAPackage(ROOT + "." + pkg + "..")
                .should().dependOnClassesThat().resideInAnyPackage(forbidden.toArray(String[]::new))
                .because("DESIGN.md gives each package one concern and lets '" + pkg + "' use only "
                        + (MAY_USE.get(pkg).isEmpty() ? "the JDK and engine" : MAY_USE.get(pkg) + " and engine")
                        + ", so that lower layers stay testable without the ones above them")
                .allowEmptyShould(true);
        rule.check(classes);
    }

    @Test
    void javafxIsUsedOnlyInTheUserInterface() {
        noClasses().that().resideOutsideOfPackage(ROOT + ".ui..")
                .should().dependOnClassesThat().resideInAnyPackage("javafx..", "org.controlsfx..")
                .because("the science, the command line and the tests must run without a display or JavaFX")
                .allowEmptyShould(true)
                .check(classes);
    }

    @Test
    void userInterfaceReachesTheComputeEngineOnlyThroughServices() {
        noClasses().that().resideInAPackage(ROOT + ".ui..")
                .should().dependOnClassesThat().resideInAnyPackage("org.nd4j..", "org.deeplearning4j..")
                .because("ND4J work runs on the compute executor behind services; the UI must not hold native arrays")
                .allowEmptyShould(true)
                .check(classes);
    }

    /** Library code reports through values, exceptions and Progress; only cli prints. */
    static final ArchRule CONSOLE_ONLY_IN_CLI = noClasses().that().resideOutsideOfPackage(ROOT + ".cli..")
            // The one exception: it points System.out at nothing while SameDiff builds a gradient,
            // because SameDiff M2.1 prints there unconditionally (no logger or switch exists).
            .and().doNotHaveFullyQualifiedName(ROOT + ".detect.nn.QuietNd4j")
            .should().accessField(System.class, "out")
            .orShould().accessField(System.class, "err")
            .orShould().callMethod(Throwable.class, "printStackTrace")
            .because("library code reports through return values, exceptions and Progress; "
                    + "only the command line decides what the user sees on the console");

    @Test
    void onlyTheCommandLineWritesToTheConsole() {
        CONSOLE_ONLY_IN_CLI.check(classes);
    }

    /** A class outside cli that prints: the rule above must reject it. */
    static final class PrintingLibraryClass {
        void report() {
            System.out.println("progress");
        }
    }

    @Test
    void theConsoleRuleRejectsALibraryClassThatPrints() {
        JavaClasses offender = new ClassFileImporter().importClasses(PrintingLibraryClass.class);
        assertThatThrownBy(() -> CONSOLE_ONLY_IN_CLI.check(offender))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("PrintingLibraryClass")
                .hasMessageContaining("only the command line decides");
    }

    @Test
    void lowLevelPackagesStayFreeOfTheModelEngine() {
        noClasses().that().resideInAnyPackage(ROOT + ".audio..", ROOT + ".features..", ROOT + ".data..",
                        ROOT + ".metrics..", ROOT + ".engine..")
                .should().dependOnClassesThat().resideInAnyPackage("org.nd4j..", "org.deeplearning4j..", "org.bytedeco..")
                .because("reading audio, computing features and metrics must not load 300 MB of native libraries")
                .check(classes);
    }

    @Test
    void engineAndMetricsDependOnTheJdkAlone() {
        noClasses().that().resideInAnyPackage(ROOT + ".engine..", ROOT + ".metrics..")
                .should().dependOnClassesThat().resideOutsideOfPackages("java..", "javax..", ROOT + "..",
                        "org.apache.commons.math3..")
                .because("DESIGN.md: engine and metrics are JDK-only (metrics may use commons-math3's "
                        + "distributions, as DEVELOPERS.md prefers a well-kept library to hand-written statistics)")
                .allowEmptyShould(true)
                .check(classes);
    }
}
