/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.openbsdpbr.impl.mdsal;

import com.google.common.util.concurrent.Futures;
import com.google.common.util.concurrent.ListenableFuture;
import com.google.common.util.concurrent.MoreExecutors;
import com.google.common.util.concurrent.SettableFuture;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.function.Supplier;
import org.opendaylight.mdsal.common.api.LogicalDatastoreType;
import org.opendaylight.openbsdpbr.api.device.Probe;
import org.opendaylight.openbsdpbr.api.intent.RouterIntent;
import org.opendaylight.openbsdpbr.impl.controller.RolloutEngine;
import org.opendaylight.openbsdpbr.impl.mapping.IntentMapping;
import org.opendaylight.openbsdpbr.impl.rollout.BreachAction;
import org.opendaylight.openbsdpbr.impl.rollout.Budget;
import org.opendaylight.openbsdpbr.impl.rollout.RolloutPlan;
import org.opendaylight.openbsdpbr.impl.rollout.RolloutState;
import org.opendaylight.openbsdpbr.impl.rollout.WaveSize;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.AbortRollout;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.AbortRolloutOutputBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.ApproveWave;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.ApproveWaveOutputBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.FailureBudget;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.PauseRollout;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.PauseRolloutOutputBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.Profiles;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.ResumeRollout;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.ResumeRolloutOutputBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.RolloutAnswer;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.RolloutRef;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.Rollouts;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.Routers;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.StartRollout;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.StartRolloutOutput;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.StartRolloutOutputBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.rollouts.Rollout;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.rollouts.RolloutKey;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.rollouts.rollout.probe.kind.Ping;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.routers.Router;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.types.rev261124.ObjectName;
import org.opendaylight.yangtools.binding.DataObjectIdentifier;
import org.opendaylight.yangtools.binding.Rpc;
import org.opendaylight.yangtools.yang.common.ErrorTag;
import org.opendaylight.yangtools.yang.common.ErrorType;
import org.opendaylight.yangtools.yang.common.RpcResult;
import org.opendaylight.yangtools.yang.common.RpcResultBuilder;
import org.opendaylight.yangtools.yang.common.Uint16;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The rollout RPCs (start-rollout, pause-rollout, resume-rollout, approve-wave, abort-rollout): thin glue that reads
 * the rollout's configuration, turns it into a {@link RolloutPlan} (refusing bad values with their element path) and
 * hands it to the {@link RolloutEngine}. A request the rollout's state does not allow is {@code in-use} (409), an
 * unknown rollout {@code data-missing}, a bad configuration {@code invalid-value}.
 */
final class RolloutRpcs {
    private static final Logger LOG = LoggerFactory.getLogger(RolloutRpcs.class);
    /** YANG {@code rollout/concurrency}'s default. */
    private static final int DEFAULT_CONCURRENCY = 32;
    /**
     * How long a start waits for this controller to take in the profile as the operator wrote it (its listener
     * hands a staged profile's edit to a thousand routers' pins first): beyond, the start is refused, to be asked
     * again.
     */
    private static final Duration TAKE_IN = Duration.ofSeconds(30);

    private final Reads reads;
    private final RolloutEngine engine;
    private final Function<Router, Optional<RouterIntent>> intentOf;

    /**
     * The rollout RPCs.
     *
     * @param reads how the rollout, the routers and the profiles are read
     * @param engine the rollouts' engine
     * @param intentOf a router's own intent as this controller maps it (empty: not usable), to compare with what the
     *     fleet holds when a rollout of routers' own intents starts
     */
    RolloutRpcs(final Reads reads, final RolloutEngine engine,
            final Function<Router, Optional<RouterIntent>> intentOf) {
        this.reads = reads;
        this.engine = engine;
        this.intentOf = intentOf;
    }

    List<Rpc<?, ?>> implementations() {
        return List.of((StartRollout) input -> start(input.getRollout()),
            (PauseRollout) input -> answer(() -> engine.pause(name(input)),
                answer -> new PauseRolloutOutputBuilder(answer).build()),
            (ResumeRollout) input -> answer(() -> engine.resume(name(input)),
                answer -> new ResumeRolloutOutputBuilder(answer).build()),
            (ApproveWave) input -> answer(() -> engine.approve(name(input), input.getWave() == null ? 0
                : input.getWave().intValue()), answer -> new ApproveWaveOutputBuilder(answer).build()),
            (AbortRollout) input -> answer(() -> engine.abort(name(input), Boolean.TRUE.equals(input.getRollback())),
                answer -> new AbortRolloutOutputBuilder(answer).build()));
    }

    private static String name(final RolloutRef input) {
        return input.getRollout() == null ? "" : input.getRollout().getValue();
    }

    @SuppressWarnings("checkstyle:IllegalCatch")
    private ListenableFuture<RpcResult<StartRolloutOutput>> start(final ObjectName rollout) {
        if (rollout == null) {
            return failed("start-rollout: input/rollout is mandatory", ErrorTag.MISSING_ELEMENT);
        }
        final String name = rollout.getValue();
        // the rollout, the routers and the profiles in one snapshot: the profile's content as the operator wrote it
        // before asking is what the rollout carries (RolloutEngine.Configured); read one after the other (Reads: on a
        // member whose shard leader is another member, reads sent at once lost an answer and start-rollout never
        // answered, ClusterE2E eee)
        final DataObjectIdentifier<Rollout> entry = DataObjectIdentifier.builder(Rollouts.class)
            .child(Rollout.class, new RolloutKey(rollout)).build();
        final DataObjectIdentifier<Routers> routers = DataObjectIdentifier.builder(Routers.class).build();
        final DataObjectIdentifier<Profiles> profiles = DataObjectIdentifier.builder(Profiles.class).build();
        final var read = reads.snapshot(LogicalDatastoreType.CONFIGURATION, List.of(entry, routers, profiles));
        // the datastore did not answer (Reads): say so, rather than let the client's timeout speak
        return Futures.catching(Futures.transformAsync(read, snapshot -> {
            final Optional<Rollout> config = snapshot.get(entry);
            if (config.isEmpty()) {
                return Futures.immediateFuture(RpcResultBuilder.<StartRolloutOutput>failed().withError(
                    ErrorType.APPLICATION, ErrorTag.DATA_MISSING, "no rollout named " + name + " is configured")
                    .build());
            }
            final SettableFuture<RpcResult<StartRolloutOutput>> answer = SettableFuture.create();
            try {
                final Rollout found = config.orElseThrow();
                final String profile = found.getChange() == null || found.getChange().getProfile() == null ? ""
                    : found.getChange().getProfile().getValue();
                final boolean intents = found.getChange() != null && found.getChange().getRouterIntents() != null;
                if (profile.isEmpty() == !intents) {
                    throw new IllegalArgumentException("rollouts/rollout[name=" + name + "]/change: name the staged "
                        + "profile the rollout carries (profile), or carry the targets' own intents (router-intents),"
                        + " not both");
                }
                final List<Router> configured = snapshot.get(routers).map(Routers::nonnullRouter)
                    .map(map -> List.copyOf(map.values())).orElse(List.of());
                // started once the fleet holds what was read: the intents or the profile as the operator wrote them
                (intents ? engine.startIntents(name, plan(found), targets(found, configured), probes(found),
                    configuredIntents(configured), TAKE_IN)
                    : engine.start(name, plan(found), profile, configured(profile, snapshot.get(profiles),
                        configured), targets(found, configured), probes(found), TAKE_IN)).whenComplete(
                            (state, error) -> answer.set(error == null
                                ? RpcResultBuilder.success(answer(state)).build() : refused(name, error)));
            } catch (RuntimeException e) {
                // a bad value is invalid-value, a state that does not allow it in-use, anything else operation-failed
                answer.set(refused(name, e));
            }
            return answer;
        }, MoreExecutors.directExecutor()), TimeoutException.class, stalled -> RpcResultBuilder
            .<StartRolloutOutput>failed().withError(ErrorType.APPLICATION, ErrorTag.OPERATION_FAILED,
                "start-rollout " + name + ": " + stalled.getMessage()).build(), MoreExecutors.directExecutor());
    }

    /**
     * A start refused: a configuration that does not fit is {@code invalid-value}, a rollout's state that does not
     * allow it {@code in-use}, anything else {@code operation-failed}.
     */
    private static RpcResult<StartRolloutOutput> refused(final String name, final Throwable error) {
        final Throwable cause = error instanceof java.util.concurrent.CompletionException && error.getCause() != null
            ? error.getCause() : error;
        if (cause instanceof IllegalArgumentException) {
            return RpcResultBuilder.<StartRolloutOutput>failed().withError(ErrorType.APPLICATION,
                ErrorTag.INVALID_VALUE, cause.getMessage()).build();
        }
        if (cause instanceof IllegalStateException) {
            return RpcResultBuilder.<StartRolloutOutput>failed().withError(ErrorType.APPLICATION, ErrorTag.IN_USE,
                cause.getMessage()).build();
        }
        LOG.warn("start-rollout {} failed", name, cause);
        return RpcResultBuilder.<StartRolloutOutput>failed().withError(ErrorType.APPLICATION,
            ErrorTag.OPERATION_FAILED, "start-rollout " + name + ": internal error: " + cause).build();
    }

    /**
     * A staged profile as the configuration holds it: its content as the controller maps it (empty when it is not
     * configured or cannot be used: the controller has it removed then), its apply, and the routers that list it.
     */
    static RolloutEngine.Configured configured(final String profile, final Optional<Profiles> profiles,
            final List<Router> routers) {
        final var entry = profiles.map(Profiles::nonnullProfile).map(map -> map.get(
            new org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.profiles.ProfileKey(
                new ObjectName(profile))));
        Optional<org.opendaylight.openbsdpbr.api.intent.Profile> content;
        try {
            content = entry.map(IntentMapping::profile);
        } catch (IllegalArgumentException e) {
            content = Optional.empty();
        }
        return new RolloutEngine.Configured(content, entry.map(found -> found.getApply()
            == org.opendaylight.yang.gen.v1.urn.opendaylight.openbsd.pbr.rev261124.profiles.Profile.Apply.Staged)
            .orElse(false), routers.stream().filter(router -> orEmpty(router.getProfile()).stream().anyMatch(
                listed -> listed.getValue().equals(profile))).map(router -> router.getName().getValue())
            .collect(java.util.stream.Collectors.toSet()));
    }

    /** The routers whose own intent is staged, with their intents, as configured. */
    private RolloutEngine.ConfiguredIntents configuredIntents(final List<Router> routers) {
        final java.util.Map<String, Optional<RouterIntent>> staged = new java.util.HashMap<>();
        routers.stream().filter(router -> router.getApply() == Router.Apply.Staged).forEach(router -> staged.put(
            router.getName().getValue(), intentOf.apply(router)));
        return new RolloutEngine.ConfiguredIntents(staged);
    }

    /**
     * The plan of a configured rollout.
     *
     * @throws IllegalArgumentException naming the element that does not fit
     */
    static RolloutPlan plan(final Rollout rollout) {
        final String path = "rollouts/rollout[name=" + rollout.getName().getValue() + "]";
        final List<WaveSize> waves = new ArrayList<>();
        for (String wave : orEmpty(rollout.getWave())) {
            try {
                waves.add(wave.equals("rest") ? new WaveSize.Rest() : wave.endsWith("%")
                    ? new WaveSize.Percent(Integer.parseInt(wave.substring(0, wave.length() - 1)))
                    : new WaveSize.Count(Integer.parseInt(wave)));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(path + "/wave[" + wave + "]: " + e.getMessage(), e);
            }
        }
        if (waves.isEmpty()) {
            waves.add(new WaveSize.Rest());
        }
        final List<String> canary = orEmpty(rollout.getCanary()).stream().map(ObjectName::getValue).toList();
        // bindings carry no YANG defaults: an absent leaf takes the default the YANG states
        try {
            return new RolloutPlan(canary, waves, Duration.ofSeconds(rollout.getSoak() == null ? 0
                : rollout.getSoak().longValue()), budget(rollout.getWaveBudget(), Budget.ofCount(0)),
                budget(rollout.getTotalBudget(), Budget.UNLIMITED), rollout.getBreachAction() == null
                    ? BreachAction.HALT : BreachAction.ofYang(rollout.getBreachAction().getName()),
                Boolean.TRUE.equals(rollout.getApproval()), rollout.getConcurrency() == null ? DEFAULT_CONCURRENCY
                    : rollout.getConcurrency().intValue());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(path + "/" + e.getMessage(), e);
        }
    }

    /**
     * The operator probes of a configured rollout, in the order configured.
     *
     * @throws IllegalArgumentException naming the probe that does not fit
     */
    static List<Probe> probes(final Rollout rollout) {
        final String path = "rollouts/rollout[name=" + rollout.getName().getValue() + "]/";
        final List<Probe> probes = new ArrayList<>();
        for (var probe : rollout.nonnullProbe()) {
            if (!(probe.getKind() instanceof Ping kind) || kind.getPing() == null
                    || kind.getPing().getDestination() == null) {
                throw new IllegalArgumentException(path + "probe[name=" + probe.getName().getValue() + "]/ping/"
                    + "destination: missing");
            }
            final var ping = kind.getPing();
            try {
                // bindings carry no YANG defaults: rdomain 0, count 3 as the YANG states
                probes.add(new Probe(probe.getName().getValue(), ping.getRdomain() == null ? 0
                    : ping.getRdomain().getValue().intValue(), ping.getCount() == null ? 3
                    : ping.getCount().intValue(), ping.getDestination().stringValue()));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(path + e.getMessage(), e);
            }
        }
        return probes;
    }

    private static Budget budget(final FailureBudget budget, final Budget otherwise) {
        if (budget == null || budget.getCount() == null && budget.getPercent() == null) {
            return otherwise;
        }
        return new Budget(budget.getCount() == null ? OptionalInt.empty() : OptionalInt.of(budget.getCount()
            .intValue()), budget.getPercent() == null ? OptionalInt.empty() : OptionalInt.of(budget.getPercent()
            .intValue()));
    }

    /** The routers a rollout's target names (empty: every router that lists the profile, the engine's default). */
    static List<String> targets(final Rollout rollout, final List<Router> routers) {
        final var target = rollout.getTarget();
        if (target == null) {
            return List.of();
        }
        final Set<String> named = orEmpty(target.getRouter()).stream().map(ObjectName::getValue)
            .collect(java.util.stream.Collectors.toSet());
        final Set<String> labels = orEmpty(target.getLabel()).stream().map(label -> label.getValue())
            .collect(java.util.stream.Collectors.toSet());
        if (named.isEmpty() && labels.isEmpty()) {
            return List.of();
        }
        final String profile = rollout.getChange() == null || rollout.getChange().getProfile() == null ? ""
            : rollout.getChange().getProfile().getValue();
        final boolean intents = rollout.getChange() != null && rollout.getChange().getRouterIntents() != null;
        final List<String> chosen = routers.stream()
            .filter(router -> intents ? router.getApply() == Router.Apply.Staged : orEmpty(router.getProfile())
                .stream().anyMatch(listed -> listed.getValue().equals(profile)))
            .filter(router -> named.isEmpty() || named.contains(router.getName().getValue()))
            .filter(router -> orEmpty(router.getLabel()).stream().map(label -> label.getValue()).toList()
                .containsAll(labels))
            .map(router -> router.getName().getValue()).sorted().toList();
        if (chosen.isEmpty()) {
            throw new IllegalArgumentException("rollouts/rollout[name=" + rollout.getName().getValue() + "]/target: "
                + (intents ? "selects no router whose own intent is staged (apply staged)"
                    : "selects no router that lists profile " + profile));
        }
        return chosen;
    }

    private static <O> ListenableFuture<RpcResult<O>> answer(final Supplier<RolloutState> action,
            final Function<RolloutAnswer, O> output) {
        try {
            return RpcResultBuilder.success(output.apply(answer(action.get()))).buildFuture();
        } catch (IllegalArgumentException e) {
            return failed(e.getMessage(), ErrorTag.DATA_MISSING);
        } catch (IllegalStateException e) {
            return failed(e.getMessage(), ErrorTag.IN_USE);
        }
    }

    /** The answer every rollout RPC gives: where the rollout stands now. */
    private static StartRolloutOutput answer(final RolloutState state) {
        return new StartRolloutOutputBuilder().setState(RolloutStatusWriter.state(state.state()))
            .setCurrentWave(Uint16.valueOf(state.wave() + 1)).setWaves(Uint16.valueOf(state.waves().size()))
            .setReason(state.reason().orElse(null)).build();
    }

    private static <T> List<T> orEmpty(final List<T> list) {
        return list == null ? List.of() : list;
    }

    private static <T> Set<T> orEmpty(final Set<T> set) {
        return set == null ? Set.of() : set;
    }

    private static <T> ListenableFuture<RpcResult<T>> failed(final String message, final ErrorTag tag) {
        return Futures.immediateFuture(RpcResultBuilder.<T>failed().withError(ErrorType.APPLICATION, tag, message)
            .build());
    }

}
