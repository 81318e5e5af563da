/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.openbsdpbr.impl.compile;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.opendaylight.openbsdpbr.api.files.ManagedFile;
import org.opendaylight.openbsdpbr.api.intent.IntentError;
import org.opendaylight.openbsdpbr.api.intent.PfTable;
import org.opendaylight.openbsdpbr.api.intent.Profile;
import org.opendaylight.openbsdpbr.api.intent.RouterIntent;
import org.opendaylight.openbsdpbr.api.intent.SharedIntent;
import org.opendaylight.openbsdpbr.api.intent.Sshd;
import org.opendaylight.openbsdpbr.impl.mapping.IntentMapping;
import org.opendaylight.openbsdpbr.impl.mapping.SeedBindings;

/**
 * One compile: the seed split into a profile (its shared pieces) and a router (the rest) compiles to the seed's golden
 * files; every way it can fail names the element, under the layer it came from; checks plug in.
 */
class IntentCompilerTest {
    static final RouterIntent SEED = IntentMapping.routerIntent(SeedBindings.seedRouter());
    /** The seed's shared pieces as a profile. */
    static final Profile BASE = new Profile("base", "the shared pieces of the seed", SEED.shared());
    /** The seed without its shared pieces: they come from {@link #BASE}. */
    static final RouterIntent OWN = SEED.withShared(SharedIntent.EMPTY);
    private static final Path GOLDEN = Path.of("src", "test", "resources", "render", "seed-router");
    private static final CompileInputs.Login ROOT_WITH_KEY = new CompileInputs.Login("root", false);

    static CompileInputs inputs(final RouterIntent own, final Map<String, Profile> profiles,
            final List<String> names) {
        return CompileInputs.of("seed-router", Optional.of(own), null, names, profiles::get,
            Optional.of(ROOT_WITH_KEY));
    }

    @Test
    void aProfileAndTheRouterCompileToTheSeedsGoldenFiles() throws IOException {
        final Compiled compiled = IntentCompiler.standard().compile(inputs(OWN, Map.of("base", BASE),
            List.of("base")));

        final Compiled.Ready ready = (Compiled.Ready) compiled;
        final List<String> listing = Files.readAllLines(GOLDEN.resolve("files.txt"));
        assertThat(ready.files().files().keySet()).containsExactlyInAnyOrderElementsOf(listing.stream()
            .map(line -> line.split(" ")[2]).toList());
        for (ManagedFile file : ready.files().files().values()) {
            assertThat(file.content()).as(file.path()).isEqualTo(Files.readString(
                GOLDEN.resolve(file.path().substring(1)), StandardCharsets.UTF_8));
        }
        assertThat(ready.revision()).isEqualTo(ready.files().revision());
        assertThat(ready.merged().origin("sshd")).isEqualTo("profiles/profile[name=base]");
    }

    @Test
    void aDanglingReferenceIsNamedUnderTheProfileThatMadeIt() {
        // the profile's policy routes name uplinks and tables; a router without those uplinks breaks them
        final RouterIntent noUplinks = new RouterIntent(OWN.name(), OWN.openbsdRelease(), List.of(),
            OWN.interfaces(), List.of(), SharedIntent.EMPTY);

        final var invalid = (Compiled.Invalid) IntentCompiler.standard().compile(inputs(noUplinks,
            Map.of("base", BASE), List.of("base")));

        assertThat(invalid.stage()).isEqualTo(Compiled.Stage.VALIDATE);
        assertThat(invalid.errors()).extracting(IntentError::path)
            .anySatisfy(path -> assertThat(path).startsWith("profiles/profile[name=base]/policy-route["))
            .allSatisfy(path -> assertThat(path).doesNotStartWith("intent/policy-route"));
        assertThat(invalid.message()).contains("no uplink");
    }

    @Test
    void aMissingProfileAndAnUnreadableIntentAreErrorsNotExceptions() {
        final var missing = (Compiled.Invalid) IntentCompiler.standard().compile(inputs(OWN, Map.of(),
            List.of("base", "other")));
        assertThat(missing.errors()).containsExactly(new IntentError("profile", "no profile named base"),
            new IntentError("profile", "no profile named other"));

        final IntentError unreadable = new IntentError("intent/uplink[name=pppoe]/pppoe/secret", "cannot be opened");
        final var broken = (Compiled.Invalid) IntentCompiler.standard().compile(CompileInputs.of("seed-router",
            Optional.empty(), unreadable, List.of(), name -> null, Optional.empty()));
        assertThat(broken.errors()).containsExactly(unreadable);
    }

    @Test
    void theControllerMustStillBeAbleToLogInNamedWhereSshdComesFrom() {
        final Sshd closed = new Sshd(SEED.shared().sshd().listeners(), 22, false, Sshd.PermitRootLogin.NO);
        final Profile locking = new Profile("base", "", withSshd(SEED.shared(), closed));

        final var invalid = (Compiled.Invalid) IntentCompiler.standard().compile(inputs(OWN,
            Map.of("base", locking), List.of("base")));
        assertThat(invalid.errors()).extracting(IntentError::path)
            .containsExactly("profiles/profile[name=base]/sshd/permit-root-login");

        // the offline compiler has no controller to lock out
        assertThat(IntentCompiler.offline().compile(inputs(OWN, Map.of("base", locking), List.of("base"))))
            .isInstanceOf(Compiled.Ready.class);
    }

    @Test
    void furtherChecksPlugInAndRunOnTheRenderedFiles() {
        final CompileCheck noPf = (inputs, ready) -> ready.files().get("/etc/pf.conf").isPresent()
            ? List.of(new IntentError("intent", "pf.conf is not wanted here")) : List.of();
        final var invalid = (Compiled.Invalid) IntentCompiler.standard().with(noPf).compile(inputs(OWN,
            Map.of("base", BASE), List.of("base")));
        assertThat(invalid.message()).isEqualTo("intent: pf.conf is not wanted here");
    }

    @Test
    void everyCompileIsCounted() {
        final IntentCompiler compiler = IntentCompiler.standard();
        compiler.compile(inputs(OWN, Map.of("base", BASE), List.of("base")));
        compiler.compile(inputs(OWN, Map.of(), List.of("base")));
        assertThat(compiler.compiles()).isEqualTo(2);
    }

    @Test
    void theRouterOverridesAProfileEntryOfTheSameKey() {
        final PfTable table = SEED.shared().tables().get(0);
        final PfTable mine = new PfTable(table.name(), table.description(), table.constant(), table.persist(),
            List.of("192.0.2.1/32"));
        final RouterIntent own = OWN.withShared(new SharedIntent(List.of(mine), null, null, null, null, null, null));

        final var ready = (Compiled.Ready) IntentCompiler.standard().compile(inputs(own, Map.of("base", BASE),
            List.of("base")));
        assertThat(ready.files().get("/etc/pf.conf").orElseThrow().content()).contains("192.0.2.1");
        assertThat(ready.merged().origin("table[name=" + table.name() + "]")).isEqualTo("intent");
    }

    private static SharedIntent withSshd(final SharedIntent shared, final Sshd sshd) {
        return new SharedIntent(shared.tables(), shared.hostGroups(), shared.policyRoutes(), shared.nat(),
            shared.inboundServices(), shared.dnsResolver(), sshd);
    }
}
