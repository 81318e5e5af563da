/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.openbsdpbr.impl.compile;

import java.util.ArrayList;
import java.util.List;
import org.opendaylight.openbsdpbr.api.intent.HealthMonitor;
import org.opendaylight.openbsdpbr.api.intent.IntentError;
import org.opendaylight.openbsdpbr.api.intent.RouterIntent;
import org.opendaylight.openbsdpbr.api.intent.Uplink;
import org.opendaylight.openbsdpbr.impl.analysis.FailoverStates;
import org.opendaylight.openbsdpbr.impl.analysis.IntentElements;
import org.opendaylight.openbsdpbr.impl.analysis.ManagementPath;
import org.opendaylight.openbsdpbr.impl.analysis.RouterModel;
import org.opendaylight.openbsdpbr.impl.analysis.host.IfstatedConf;
import org.opendaylight.openbsdpbr.impl.analysis.source.ModelException;

/**
 * One more check of a router whose intent rendered, run by {@link IntentCompiler} on every compile: a problem makes
 * the result {@link Compiled.Invalid}, so the commit cohort refuses the write and nothing reaches the router. Checks
 * are pure and fast (they run inside the datastore's commit); each names the element to change.
 */
@FunctionalInterface
public interface CompileCheck {
    /**
     * The problems of a rendered router.
     *
     * @param inputs what was compiled
     * @param ready the merged intent, its files and lints
     * @return the problems, with element paths; empty when there are none
     */
    List<IntentError> check(CompileInputs inputs, Compiled.Ready ready);

    /**
     * The management-path proof ({@link ManagementPath}) on the rendered files: the controller must still reach the
     * router's sshd over the path the router sees (the interface holding the management address and its rdomain, pf
     * inbound with state for the replies, an sshd listener there on the right port) and log in the way it does now
     * (root, password or key). A write whose files would lock it out is refused before anything is stored or pushed:
     * such a commit could never be confirmed, and the router would revert it only after the confirm timeout. Each
     * broken step names the intent element to change ({@link IntentElements}), under the layer it came from.
     *
     * <p>What the proof cannot tell (a management address on loopback, i.e. a local forward such as the lab, or a
     * host name; an address the router gets at run time) refuses nothing: only the login settings are then checked,
     * and the router's confirm timeout stays the safety net. Where the controller's address is not configured, the
     * proof takes a host on the management interface's network and a refusal says so.
     */
    CompileCheck MANAGEMENT_PATH = (inputs, ready) -> {
        if (inputs.login().isEmpty()) {
            return List.of();
        }
        final CompileInputs.Login login = inputs.login().orElseThrow();
        final RouterModel model;
        try {
            model = RouterModel.of(ready.files());
        } catch (ModelException e) {
            // files the analysis does not read: nothing to prove, and no reason to refuse
            return List.of();
        }
        final ManagementPath.Proof proof = ManagementPath.prove(model, new ManagementPath.View(
            login.controller().orElse(null), login.router().orElse(null), login.port(), login.user(),
            login.password()));
        if (proof.verdict() != ManagementPath.Verdict.REFUTED) {
            return List.of();
        }
        final IntentElements elements = new IntentElements(ready.merged().effective());
        final String assumed = proof.assumptions().isEmpty() ? "" : " (" + String.join("; ", proof.assumptions())
            + ")";
        final List<IntentError> errors = new ArrayList<>(proof.breaches().size());
        for (ManagementPath.Breach breach : proof.breaches()) {
            final String relative = elements.of(breach.subject());
            errors.add(new IntentError(relative == null ? RouterIntent.PATH : ready.merged().origin(relative) + "/"
                + relative, "locks the controller out: " + breach.message() + assumed));
        }
        return errors;
    };

    /**
     * The failover the router will run, read back from its rendered files ({@link FailoverStates}): every ifstated
     * state reachable from the init-state and with a way back to it, every state change to a state that exists,
     * every anchor file it loads among the files, every label it kills carried by a pass rule, every probe pinned to a
     * routing table that routes its target. The renderer writes them so; this proves it for each compile, so that a
     * renderer mistake refuses the write instead of reaching a router. Problems name the uplinks' health monitors,
     * where failover is configured.
     */
    CompileCheck FAILOVER = (inputs, ready) -> {
        if (ready.files().get(IfstatedConf.PATH).isEmpty()) {
            // no failover: nothing to read back, and no second model of the files on every compile
            return List.of();
        }
        final FailoverStates states;
        try {
            states = FailoverStates.of(RouterModel.of(ready.files()));
        } catch (ModelException e) {
            return List.of(new IntentError(RouterIntent.PATH, "the failover files do not read back: "
                + e.getMessage()));
        }
        if (states == null) {
            return List.of();
        }
        final String at = ready.merged().effective().uplinks().stream().filter(uplink -> uplink.health() != null)
            .findFirst().map(uplink -> RouterIntent.PATH + "/" + Uplink.path(uplink.name()) + "/"
                + HealthMonitor.PATH).orElse(RouterIntent.PATH);
        final List<IntentError> errors = new ArrayList<>();
        for (String problem : states.problems()) {
            errors.add(new IntentError(at, "the rendered failover would not work: " + problem));
        }
        return errors;
    };
}
