package dev.stagesh.dap;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.eclipse.lsp4j.jsonrpc.MessageConsumer;
import org.eclipse.lsp4j.jsonrpc.RemoteEndpoint;
import org.eclipse.lsp4j.jsonrpc.messages.RequestMessage;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseMessage;

/**
 * Makes what a request causes come after its response: a {@code next}'s stopped event, a
 * launch's initialized event. DAP clients wait for the response before they listen for the
 * event (Microsoft's test client does), so an event sent first would be lost. LSP4J sends a
 * response when the handler's future completes, on whichever thread completes it; this wraps
 * its message streams to learn which request a handler runs for and to run the tasks registered
 * for it once its response is written.
 */
final class ResponseOrder implements Function<MessageConsumer, MessageConsumer> {
    private final ThreadLocal<String> handling = new ThreadLocal<>();
    private final Map<String, List<Runnable>> after = new ConcurrentHashMap<>();

    @Override
    public MessageConsumer apply(MessageConsumer consumer) {
        if (consumer instanceof RemoteEndpoint) {
            return message -> {
                handling.set(message instanceof RequestMessage r ? r.getId() : null);
                try {
                    consumer.consume(message);
                } finally {
                    handling.remove();
                }
            };
        }
        return message -> {
            consumer.consume(message);
            if (message instanceof ResponseMessage r && r.getId() != null) {
                List<Runnable> tasks = after.remove(r.getId());
                if (tasks != null) {
                    tasks.forEach(Runnable::run);
                }
            }
        };
    }

    /** The id of the request being handled on this thread (call it in the handler, before any hand-off). */
    String current() {
        return handling.get();
    }

    /** Runs {@code task} once the response to request {@code id} is written (at once when there is no request). */
    void afterResponse(String id, Runnable task) {
        if (id == null) {
            task.run();
            return;
        }
        after.computeIfAbsent(id, k -> new ArrayList<>()).add(task);
    }
}
