/*
 * Copyright (c) 2026 openbsd-pbr authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.opendaylight.openbsdpbr.e2e;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * A minimal Chrome DevTools Protocol session on the browser's page, for what WebDriver does not do: answering the
 * controller's login prompt (Fetch.authRequired, answered with Fetch.continueWithAuth as an operator answers the
 * dialog) and collecting the page's script errors (Runtime.exceptionThrown, console errors).
 *
 * <p>Why not Selenium's own: its DevTools bindings are generated per Chromium release (selenium-devtools-vNNN), and
 * Debian moves Chromium with every security update; WebDriver BiDi's network.continueWithAuth is versionless but
 * Chromium 156's BiDi mapper answers "Invalid InterceptionId" to every intercepted request (navigation hangs; the same
 * as SeleniumHQ/selenium issue 17373). The Fetch and Runtime domains used here have been stable since Chromium 74.
 */
final class DevTools implements AutoCloseable {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final WebSocket socket;
    private final AtomicInteger ids = new AtomicInteger();
    private final Map<Integer, CompletableFuture<JsonObject>> pending = new ConcurrentHashMap<>();
    private final Map<String, Consumer<JsonObject>> handlers = new ConcurrentHashMap<>();
    private final List<String> failures = new CopyOnWriteArrayList<>();

    private DevTools(final WebSocket socket) {
        this.socket = socket;
    }

    /** A session on the page target of the browser whose DevTools endpoint is at host:port. */
    static DevTools attach(final String debuggerAddress) {
        final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
        try {
            final var targets = JsonParser.parseString(http.send(HttpRequest.newBuilder(
                URI.create("http://" + debuggerAddress + "/json/list")).timeout(TIMEOUT).build(),
                HttpResponse.BodyHandlers.ofString()).body()).getAsJsonArray();
            final String page = targets.asList().stream().map(target -> target.getAsJsonObject())
                .filter(target -> "page".equals(target.get("type").getAsString())).findFirst()
                .orElseThrow(() -> new IllegalStateException("no page target at " + debuggerAddress + ": " + targets))
                .get("webSocketDebuggerUrl").getAsString();
            final var listener = new Listener();
            final DevTools devTools = new DevTools(http.newWebSocketBuilder().connectTimeout(TIMEOUT)
                .buildAsync(URI.create(page), listener).get(TIMEOUT.toSeconds(), TimeUnit.SECONDS));
            listener.devTools = devTools;
            return devTools;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("DevTools at " + debuggerAddress + " did not answer", e);
        }
    }

    /**
     * Answers every login prompt of the page with this login, counting them; every other paused request goes on
     * unchanged. Returns once the browser applies it.
     */
    void answerLogins(final Restconf.Login login, final AtomicInteger count) {
        handlers.put("Fetch.requestPaused", params -> sendAsync("Fetch.continueRequest",
            object("requestId", params.get("requestId").getAsString())));
        handlers.put("Fetch.authRequired", params -> {
            count.incrementAndGet();
            final JsonObject answer = object("response", "ProvideCredentials");
            answer.addProperty("username", login.user());
            answer.addProperty("password", login.password());
            final JsonObject continued = object("requestId", params.get("requestId").getAsString());
            continued.add("authChallengeResponse", answer);
            sendAsync("Fetch.continueWithAuth", continued);
        });
        final JsonObject pattern = object("urlPattern", "*");
        final JsonArray patterns = new JsonArray();
        patterns.add(pattern);
        final JsonObject enable = new JsonObject();
        enable.addProperty("handleAuthRequests", true);
        enable.add("patterns", patterns);
        send("Fetch.enable", enable);
    }

    /** Collects uncaught exceptions and console errors of the page into the list. */
    void collectErrors(final List<String> errors) {
        handlers.put("Runtime.exceptionThrown", params -> errors.add("exception: "
            + params.getAsJsonObject("exceptionDetails").toString()));
        handlers.put("Runtime.consoleAPICalled", params -> {
            if ("error".equals(params.get("type").getAsString())) {
                errors.add("console: " + params.get("args").toString());
            }
        });
        send("Runtime.enable", new JsonObject());
    }

    /** Protocol errors answered to commands sent without waiting (a continue the browser refused). */
    List<String> failures() {
        return List.copyOf(failures);
    }

    private JsonObject send(final String method, final JsonObject params) {
        try {
            final JsonObject reply = sendAsync(method, params).get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            if (reply.has("error")) {
                throw new IllegalStateException(method + ": " + reply.get("error"));
            }
            return reply;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException(method + " was not answered", e);
        }
    }

    private CompletableFuture<JsonObject> sendAsync(final String method, final JsonObject params) {
        final int id = ids.incrementAndGet();
        final CompletableFuture<JsonObject> reply = new CompletableFuture<>();
        pending.put(id, reply);
        final JsonObject command = new JsonObject();
        command.addProperty("id", id);
        command.addProperty("method", method);
        command.add("params", params);
        synchronized (socket) {
            socket.sendText(command.toString(), true).join();
        }
        reply.thenAccept(answer -> {
            if (answer.has("error")) {
                failures.add(method + ": " + answer.get("error"));
            }
        });
        return reply;
    }

    private void received(final String text) {
        final JsonObject message = JsonParser.parseString(text).getAsJsonObject();
        if (message.has("id")) {
            final var reply = pending.remove(message.get("id").getAsInt());
            if (reply != null) {
                reply.complete(message);
            }
        } else if (message.has("method")) {
            final var handler = handlers.get(message.get("method").getAsString());
            if (handler != null) {
                handler.accept(message.getAsJsonObject("params"));
            }
        }
    }

    private static JsonObject object(final String name, final String value) {
        final JsonObject object = new JsonObject();
        object.addProperty(name, value);
        return object;
    }

    @Override
    public void close() {
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "").orTimeout(2, TimeUnit.SECONDS).exceptionally(failure -> null)
            .join();
    }

    /** Reassembles messages split over frames and hands each whole one to the session, in order. */
    private static final class Listener implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();
        private volatile DevTools devTools;

        @Override
        public CompletionStage<?> onText(final WebSocket webSocket, final CharSequence data, final boolean last) {
            partial.append(data);
            if (last) {
                final String text = partial.toString();
                partial.setLength(0);
                // events are handled off the socket's thread: a handler may send and wait
                CompletableFuture.runAsync(() -> devTools.received(text));
            }
            webSocket.request(1);
            return null;
        }
    }
}
