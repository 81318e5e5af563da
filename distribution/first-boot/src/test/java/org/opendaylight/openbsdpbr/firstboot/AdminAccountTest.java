/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.openbsdpbr.firstboot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opendaylight.aaa.api.IDMStoreException;
import org.opendaylight.aaa.api.IIDMStore;
import org.opendaylight.aaa.api.StoreBuilder;
import org.opendaylight.aaa.api.model.User;
import org.opendaylight.aaa.datastore.h2.H2Store;
import org.opendaylight.aaa.datastore.h2.IdmLightConfigBuilder;
import org.opendaylight.aaa.datastore.h2.IdmLightSimpleConnectionProvider;
import org.opendaylight.aaa.impl.password.service.DefaultPasswordHashService;

/**
 * The account AAA finds at the controller's first start, read back with AAA's own store, and what AAA's basic-auth
 * realm then does to it ({@code StoreBuilder.initWithDefaultUsers}, as {@code BasicRealmAuthProvider} calls it).
 */
class AdminAccountTest {
    private static final DefaultPasswordHashService HASHING = new DefaultPasswordHashService();

    @TempDir
    Path home;

    private IIDMStore aaaStore() {
        return new H2Store(new IdmLightSimpleConnectionProvider(new IdmLightConfigBuilder()
            .dbDirectory(home.resolve("data").toString()).dbUser("foo").dbPwd("bar").build()), HASHING);
    }

    /** What AAA's realm does when it starts, then whether the password logs {@code admin} in. */
    private boolean aaaAcceptsAfterItsStart(final String password) throws IDMStoreException {
        final IIDMStore store = aaaStore();
        new StoreBuilder(store).initWithDefaultUsers(IIDMStore.DEFAULT_DOMAIN);
        final List<User> users = store.getUsers("admin", IIDMStore.DEFAULT_DOMAIN).getUsers();
        assertThat(users).as("one admin user").hasSize(1);
        return HASHING.passwordsMatch(password, users.get(0).getPassword(), users.get(0).getSalt());
    }

    private String passwordInFile() throws IOException {
        return Files.readString(home.resolve("etc/admin-password"), StandardCharsets.UTF_8).strip();
    }

    @Test
    void aFreshDistributionGetsAGeneratedPasswordAndAaaNeverCreatesAdminAdmin() throws Exception {
        assertThat(new AdminAccount(home).ensure()).isEqualTo(AdminAccount.Outcome.CREATED);

        final Path file = home.resolve("etc/admin-password");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        final String password = passwordInFile();
        assertThat(password).matches("[A-Za-z0-9_-]{32}");
        assertThat(aaaAcceptsAfterItsStart("admin")).as("AAA's default password").isFalse();
        assertThat(aaaAcceptsAfterItsStart(password)).as("the generated password").isTrue();
        final var store = aaaStore();
        final String userId = store.getUsers("admin", IIDMStore.DEFAULT_DOMAIN).getUsers().get(0).getUserid();
        assertThat(store.getGrants(userId).getGrants()).as("admin keeps the admin and user roles").hasSize(2);
        assertThat(Files.readString(file)).as("one line").isEqualTo(password + "\n");
        try (var files = Files.list(home.resolve("etc"))) {
            assertThat(files).as("no temporary copy left").containsExactly(file);
        }
    }

    @Test
    void twoPasswordsAreNeverTheSame() throws Exception {
        new AdminAccount(home).ensure();
        final String first = passwordInFile();
        final Path other = home.resolve("other");
        new AdminAccount(other).ensure();
        assertThat(Files.readString(other.resolve("etc/admin-password")).strip()).isNotEqualTo(first);
    }

    @Test
    void aPasswordFilePutThereBeforeTheFirstBootIsTheOneUsed() throws Exception {
        // a cluster: the operator gives every member the same password before their first start
        new PasswordFile(home.resolve("etc/admin-password")).write("Cluster-Passw0rd");
        assertThat(new AdminAccount(home).ensure()).isEqualTo(AdminAccount.Outcome.CREATED);
        assertThat(aaaAcceptsAfterItsStart("Cluster-Passw0rd")).isTrue();
        assertThat(passwordInFile()).isEqualTo("Cluster-Passw0rd");
    }

    @Test
    void anOlderInstallationWithAdminAdminGetsAGeneratedPassword() throws Exception {
        new StoreBuilder(aaaStore()).initWithDefaultUsers(IIDMStore.DEFAULT_DOMAIN);
        assertThat(aaaAcceptsAfterItsStart("admin")).as("precondition: AAA's default").isTrue();

        assertThat(new AdminAccount(home).ensure()).isEqualTo(AdminAccount.Outcome.REPLACED_DEFAULT);

        assertThat(aaaAcceptsAfterItsStart("admin")).isFalse();
        assertThat(aaaAcceptsAfterItsStart(passwordInFile())).isTrue();
    }

    @Test
    void aPasswordTheOperatorChoseIsKeptAndSoIsTheFile() throws Exception {
        new AdminAccount(home).ensure();
        final String password = passwordInFile();
        final var store = aaaStore();
        final User admin = store.getUsers("admin", IIDMStore.DEFAULT_DOMAIN).getUsers().get(0);
        admin.setPassword("Operator-Chosen");
        store.updateUser(admin);

        assertThat(new AdminAccount(home).ensure()).isEqualTo(AdminAccount.Outcome.KEPT);
        assertThat(aaaAcceptsAfterItsStart("Operator-Chosen")).isTrue();
        assertThat(passwordInFile()).as("the file is not rewritten").isEqualTo(password);
    }

    @Test
    void withoutTheFileAnOperatorsPasswordIsKeptAndNoFileIsInvented() throws Exception {
        new AdminAccount(home).ensure();
        final var store = aaaStore();
        final User admin = store.getUsers("admin", IIDMStore.DEFAULT_DOMAIN).getUsers().get(0);
        admin.setPassword("Operator-Chosen");
        store.updateUser(admin);
        Files.delete(home.resolve("etc/admin-password"));

        assertThat(new AdminAccount(home).ensure()).isEqualTo(AdminAccount.Outcome.KEPT);
        assertThat(home.resolve("etc/admin-password")).doesNotExist();
        assertThat(aaaAcceptsAfterItsStart("Operator-Chosen")).isTrue();
    }

    @Test
    void aRunThatDiedBeforeCreatingAdminIsCompletedWithTheSavedPassword() throws Exception {
        // the domain and roles exist (so AAA would add no admin), the password file was written, admin was not
        new StoreBuilder(aaaStore()).initDomainAndRolesWithoutUsers(IIDMStore.DEFAULT_DOMAIN);
        new PasswordFile(home.resolve("etc/admin-password")).write("Saved-Passw0rd");

        assertThat(new AdminAccount(home).ensure()).isEqualTo(AdminAccount.Outcome.CREATED);
        assertThat(aaaAcceptsAfterItsStart("Saved-Passw0rd")).isTrue();
    }

    @Test
    void anOperatorSetsANewPasswordAndTheFileFollows() throws Exception {
        new AdminAccount(home).ensure();
        final String first = passwordInFile();

        new AdminAccount(home).setPassword("New-Passw0rd");

        assertThat(passwordInFile()).isEqualTo("New-Passw0rd");
        assertThat(aaaAcceptsAfterItsStart("New-Passw0rd")).isTrue();
        assertThat(aaaAcceptsAfterItsStart(first)).isFalse();
        assertThat(new AdminAccount(home).ensure()).as("the next start keeps it").isEqualTo(AdminAccount.Outcome.KEPT);
    }

    @Test
    void aPasswordTheDatabaseRefusesLeavesTheFileAsItWas() throws Exception {
        new AdminAccount(home).ensure();
        final String first = passwordInFile();
        // the H2 store's own login, as AAA's H2Store reads it, no longer matches the database's
        Files.writeString(home.resolve("etc/org.opendaylight.aaa.h2.cfg"), "username=foo\npassword=wrong\n");

        assertThatThrownBy(() -> new AdminAccount(home).setPassword("New-Passw0rd"))
            .isInstanceOf(IDMStoreException.class);

        assertThat(passwordInFile()).isEqualTo(first);
        Files.delete(home.resolve("etc/org.opendaylight.aaa.h2.cfg"));
        assertThat(aaaAcceptsAfterItsStart(first)).isTrue();
    }

    @Test
    void aDamagedPasswordFileStopsTheFirstBootBeforeAnyAccountExists() throws Exception {
        Files.createDirectories(home.resolve("etc"));
        Files.writeString(home.resolve("etc/admin-password"), "two\nlines\n");
        assertThatThrownBy(() -> new AdminAccount(home).ensure()).isInstanceOf(IOException.class)
            .hasMessageContaining("etc/admin-password").hasMessageNotContaining("two");
        assertThat(aaaStore().getUsers("admin", IIDMStore.DEFAULT_DOMAIN).getUsers()).as("no admin account")
            .isEmpty();
    }

    @Test
    void aPasswordFileReadableByOthersIsMadePrivate() throws Exception {
        final Path file = home.resolve("etc/admin-password");
        Files.createDirectories(file.getParent());
        Files.writeString(file, "Copied-Passw0rd\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        assertThat(new PasswordFile(file).read()).contains("Copied-Passw0rd");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    }
}
