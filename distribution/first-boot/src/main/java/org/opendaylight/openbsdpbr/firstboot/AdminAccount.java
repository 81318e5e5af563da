/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.openbsdpbr.firstboot;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import org.opendaylight.aaa.api.IDMStoreException;
import org.opendaylight.aaa.api.IIDMStore;
import org.opendaylight.aaa.api.StoreBuilder;
import org.opendaylight.aaa.api.model.User;
import org.opendaylight.aaa.api.password.service.PasswordHashService;
import org.opendaylight.aaa.datastore.h2.H2Store;
import org.opendaylight.aaa.datastore.h2.IdmLightConfigBuilder;
import org.opendaylight.aaa.datastore.h2.IdmLightSimpleConnectionProvider;
import org.opendaylight.aaa.impl.password.service.DefaultPasswordHashService;

/**
 * The RESTCONF administrator of a distribution, made safe before the controller first starts.
 *
 * <p>ODL AAA 0.22.3 keeps its users in an H2 database ({@code data/idmlight.db}, AAA's {@code H2Store}); when AAA's
 * basic-auth realm starts and finds no {@code sdn} domain there, it creates the domain, the {@code admin} and
 * {@code user} roles and the user {@code admin} with the password {@code admin} ({@code StoreBuilder
 * .initWithDefaultUsers}). It creates nothing when the domain exists. So this runs before the controller's first boot
 * (from {@code bin/setenv}, with the distribution's own AAA, H2 and password-hashing jars) and writes the domain, the
 * roles and {@code admin} with a generated password itself, the way AAA's own offline tool ({@code aaa-cli-jar},
 * {@code StandaloneCommandLineInterface}) does; the password goes to {@link PasswordFile} (mode 0600) and is never
 * printed here. There is no moment at which {@code admin/admin} is accepted, on any address.
 *
 * <p>A database that already exists (an older installation) whose {@code admin} still has AAA's default password gets
 * a generated one too. Any other existing account is left alone: an operator who changed the password keeps it (and
 * {@code ./openbsd-pbr password} keeps the file in step).
 */
public final class AdminAccount {
    /** What {@link #ensure()} found and did. */
    public enum Outcome {
        /** No user database: created, with {@code admin} and the password of the file (generated if absent). */
        CREATED,
        /** {@code admin} had AAA's default password: replaced by the file's (generated if absent). */
        REPLACED_DEFAULT,
        /** An account that is not the default one: nothing changed. */
        KEPT
    }

    static final String USER = "admin";
    private static final String SET = "--set-password";
    private static final String SET_FROM_STDIN = "--set-password-from-stdin";
    /** The password AAA gives {@code admin} when it creates the account itself. */
    static final String AAA_DEFAULT_PASSWORD = "admin";
    /** AAA's H2 store: its directory under the distribution's home and its file, as {@code IdmLightConfig} has it. */
    static final String DATABASE = "data/idmlight.db";
    /** The H2 store's own database login (not a RESTCONF user), overridable in this file as AAA's H2Store reads it. */
    static final String DATABASE_CONFIG = "etc/org.opendaylight.aaa.h2.cfg";

    private static final PasswordHashService HASHING = new DefaultPasswordHashService();

    private final Path home;
    private final PasswordFile passwordFile;

    public AdminAccount(final Path home) {
        this.home = requireNonNull(home).toAbsolutePath();
        passwordFile = PasswordFile.of(this.home);
    }

    /** True when AAA's user database exists (H2 2 keeps it in {@code idmlight.db.mv.db}). */
    public boolean databaseExists() {
        return Files.exists(home.resolve(DATABASE + ".mv.db"));
    }

    /**
     * Makes sure {@code admin} exists without AAA's default password and that the password file holds its password
     * when this run chose it.
     */
    public Outcome ensure() throws IOException, IDMStoreException {
        // the file first: a damaged one stops everything before the database is touched; a new password is written
        // before the account gets it, so that a run that dies halfway leaves it where the next run finds it
        final Optional<String> kept = passwordFile.read();
        final IIDMStore store = store();
        final StoreBuilder builder = new StoreBuilder(store);
        builder.initDomainAndRolesWithoutUsers(IIDMStore.DEFAULT_DOMAIN);
        final List<User> users = store.getUsers(USER, IIDMStore.DEFAULT_DOMAIN).getUsers();
        if (users.isEmpty()) {
            // a new database, or one a previous run left without admin: AAA itself would never add one now
            builder.createUser(IIDMStore.DEFAULT_DOMAIN, USER, chosen(kept), true);
            return Outcome.CREATED;
        }
        final User admin = users.get(0);
        if (users.size() == 1 && HASHING.passwordsMatch(AAA_DEFAULT_PASSWORD, admin.getPassword(), admin.getSalt())) {
            admin.setPassword(chosen(kept));
            store.updateUser(admin);
            return Outcome.REPLACED_DEFAULT;
        }
        return Outcome.KEPT;
    }

    /**
     * Gives {@code admin} a new password (creating the account if it is missing) and keeps it in the password file.
     * The controller must be stopped: H2 lets one process open the database.
     *
     * @param password the new password
     * @throws IOException if the password file cannot be written (the account is then unchanged)
     * @throws IDMStoreException if the database refuses (the password file then holds the old password again)
     */
    @SuppressWarnings("checkstyle:IllegalCatch")
    public void setPassword(final String password) throws IOException, IDMStoreException {
        final Optional<String> old = passwordFile.read();
        passwordFile.write(password);
        try {
            final IIDMStore store = store();
            final StoreBuilder builder = new StoreBuilder(store);
            builder.initDomainAndRolesWithoutUsers(IIDMStore.DEFAULT_DOMAIN);
            final List<User> users = store.getUsers(USER, IIDMStore.DEFAULT_DOMAIN).getUsers();
            if (users.isEmpty()) {
                builder.createUser(IIDMStore.DEFAULT_DOMAIN, USER, password, true);
            } else {
                final User admin = users.get(0);
                admin.setPassword(password);
                store.updateUser(admin);
            }
        } catch (IDMStoreException | RuntimeException e) {
            if (old.isPresent()) {
                passwordFile.write(old.orElseThrow());
            } else {
                Files.deleteIfExists(passwordFile.path());
            }
            throw e;
        }
    }

    private IIDMStore store() throws IOException {
        return new H2Store(new IdmLightSimpleConnectionProvider(new IdmLightConfigBuilder()
            .dbDirectory(home.resolve(DATABASE).getParent().toString()).dbUser(databaseLogin("username", "foo"))
            .dbPwd(databaseLogin("password", "bar")).build()), HASHING);
    }

    /** The password file's password, or a new one written to it. */
    private String chosen(final Optional<String> kept) throws IOException {
        if (kept.isPresent()) {
            return kept.orElseThrow();
        }
        final String generated = PasswordFile.generate();
        passwordFile.write(generated);
        return generated;
    }

    private String databaseLogin(final String key, final String fallback) throws IOException {
        final Path config = home.resolve(DATABASE_CONFIG);
        if (!Files.exists(config)) {
            return fallback;
        }
        final Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(config)) {
            properties.load(in);
        }
        return properties.getProperty(key, fallback).strip();
    }

    /**
     * Run by {@code bin/openbsd-pbr-admin}: {@code AdminAccount KARAF_HOME} ensures the account (before every start),
     * {@code AdminAccount --set-password KARAF_HOME} gives it a new generated password and
     * {@code AdminAccount --set-password-from-stdin KARAF_HOME} the one line on stdin. Prints what it did (never the
     * password) and exits 0, or names the problem and exits 1 (bin/setenv then refuses to start a controller whose
     * admin account is not known to be safe).
     *
     * @param args the mode and the distribution's home
     */
    @SuppressWarnings({ "checkstyle:RegexpSinglelineJava", "checkstyle:IllegalCatch" })
    public static void main(final String[] args) {
        final PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        final String mode = args.length == 2 ? args[0] : "";
        if (args.length == 0 || args.length > 2 || args.length == 1 && args[0].startsWith("-")
                || args.length == 2 && !SET.equals(mode) && !SET_FROM_STDIN.equals(mode)) {
            out.println("usage: AdminAccount [--set-password | --set-password-from-stdin] KARAF_HOME");
            System.exit(args.length == 1 && ("-h".equals(args[0]) || "--help".equals(args[0])) ? 0 : 2);
        }
        final Path home = Path.of(args[args.length - 1]);
        final Path file = home.resolve(PasswordFile.NAME);
        try {
            final AdminAccount account = new AdminAccount(home);
            if (!mode.isEmpty()) {
                final String password = SET.equals(mode) ? PasswordFile.generate() : stdinLine();
                account.setPassword(password);
                out.println("openbsd-pbr: the RESTCONF user admin has a new password, kept in " + file
                    + " (mode 0600); restart the controller");
                return;
            }
            switch (account.ensure()) {
                case CREATED -> out.println("openbsd-pbr: created the RESTCONF user admin; its password is in " + file
                    + " (mode 0600)");
                case REPLACED_DEFAULT -> out.println("openbsd-pbr: the RESTCONF user admin had the default password;"
                    + " replaced by the one in " + file + " (mode 0600)");
                case KEPT -> {
                    if (!Files.exists(file)) {
                        out.println("openbsd-pbr: note: " + file + " is missing; tools that log in read the admin"
                            + " password from it (bin/openbsd-pbr-admin set-password writes a new one there)");
                    }
                }
                default -> throw new IllegalStateException();
            }
        } catch (IOException | IDMStoreException | RuntimeException e) {
            out.println("openbsd-pbr: cannot set up the RESTCONF admin account in " + home.resolve(DATABASE) + ": "
                + e.getMessage());
            System.exit(1);
        }
    }

    /** One line of stdin: the new password (refused when empty or not printable, like the file's content). */
    private static String stdinLine() throws IOException {
        final String text = new String(System.in.readAllBytes(), StandardCharsets.UTF_8);
        final String line = text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
        if (!PasswordFile.isValid(line)) {
            throw new IOException("the new password on stdin must be one line of printable characters");
        }
        return line;
    }
}
