package vn.loa.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import java.util.List;

/**
 * The shape of docs/architecture.md, checked on the main classes of every module (protocol, hardware,
 * station-agent, controller, demo, benchmark): no package cycles anywhere, the controller's domain kept off
 * Netty's channels, the controller free of agent and hardware code, and the two leaf modules using nothing
 * of ours. Test classes are left out: tests may reach across packages.
 */
@AnalyzeClasses(packages = "vn.loa", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    /** The packages where the controller meets the network; everything else in it is domain. */
    static final String[] CONTROLLER_NETWORK_EDGE = {"vn.loa.controller", "vn.loa.controller.gateway..",
            "vn.loa.controller.web..", "vn.loa.controller.net..", "vn.loa.controller.cli..",
            "vn.loa.controller.conformance.."};

    /** Guards the other rules against passing on an empty import (a module missing from the classpath). */
    @ArchTest
    static void everyModuleIsImported(JavaClasses classes) {
        List<String> roots = classes.stream().map(JavaClass::getPackageName)
                .map(p -> p.split("\\.").length > 2 ? p.split("\\.")[2] : p).distinct().toList();
        assertThat(roots).contains("protocol", "hardware", "agent", "controller", "demo", "bench");
    }

    /** Every package, root packages and sub-packages such as {@code schedule.rule} included, is its own slice. */
    @ArchTest
    static final ArchRule noPackageCycles = slices().matching("vn.loa.(**)").should().beFreeOfCycles();

    @ArchTest
    static final ArchRule controllerDomainStaysOffNettyChannels = noClasses()
            .that().resideInAPackage("vn.loa.controller..").and().resideOutsideOfPackages(CONTROLLER_NETWORK_EDGE)
            .should().dependOnClassesThat().resideInAPackage("io.netty.channel..")
            .because("domain services talk to stations through a port the gateway implements, not through channels");

    @ArchTest
    static final ArchRule controllerCarriesNoAgentOrHardwareCode = noClasses()
            .that().resideInAPackage("vn.loa.controller..")
            .should().dependOnClassesThat().resideInAnyPackage("vn.loa.agent..", "vn.loa.hardware..", "com.pi4j..",
                    "jssc..")
            .because("loa-controller.jar ships no agent, Pi4J or jssc code; the demo module runs simulated stations");

    @ArchTest
    static final ArchRule protocolUsesNothingOfOurs = noClasses()
            .that().resideInAPackage("vn.loa.protocol..")
            .should().dependOnClassesThat(ours().and(outside("vn.loa.protocol..")))
            .because("the wire contract is what a third-party agent implements from docs/protocol.md alone");

    @ArchTest
    static final ArchRule hardwareUsesNothingOfOurs = noClasses()
            .that().resideInAPackage("vn.loa.hardware..")
            .should().dependOnClassesThat(ours().and(outside("vn.loa.hardware..")).and(outside("vn.loa.protocol.hardwarefile..")))
            .because("station devices stand on their own, reusable by any agent (the hardware file's parser is shared "
                    + "with the controller, which validates pushed files with it: docs/configuration.md)");

    private static com.tngtech.archunit.base.DescribedPredicate<JavaClass> ours() {
        return JavaClass.Predicates.resideInAPackage("vn.loa..");
    }

    private static com.tngtech.archunit.base.DescribedPredicate<JavaClass> outside(String packages) {
        return JavaClass.Predicates.resideOutsideOfPackage(packages);
    }
}
