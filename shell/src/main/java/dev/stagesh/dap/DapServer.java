package dev.stagesh.dap;

import com.google.gson.Gson;
import com.google.gson.JsonElement;
import dev.stagesh.console.ErrorMessages;
import dev.stagesh.engine.StageRun;
import dev.stagesh.shell.BuildCheckWarnings;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import org.eclipse.lsp4j.debug.*;
import org.eclipse.lsp4j.debug.Thread;
import org.eclipse.lsp4j.debug.services.IDebugProtocolClient;
import org.eclipse.lsp4j.debug.services.IDebugProtocolServer;
import org.eclipse.lsp4j.jsonrpc.Launcher;
import org.eclipse.lsp4j.jsonrpc.ResponseErrorException;
import org.eclipse.lsp4j.jsonrpc.debug.DebugLauncher;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseError;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseErrorCode;

/**
 * {@code stagesh dap}: a Debug Adapter Protocol server over a stagesh session, a second front
 * end beside the interactive shell. LSP4J reads requests on its own thread and must never wait
 * there, so everything that touches the session runs on one worker thread, in order; only pause
 * (which cancels the running step, as Ctrl-C does) and the answers made from the immutable step
 * table are answered at once. Requests it does not know get an error response, and it reads on.
 */
public final class DapServer implements IDebugProtocolServer {
    /** The exception filter that stops at a failed step. */
    static final String FAILED_FILTER = "failed";

    private final SessionOpener opener;
    private final LaunchConfig defaults;
    private final Path cwd;
    private final ResponseOrder order = new ResponseOrder();
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        java.lang.Thread t = new java.lang.Thread(r, "stagesh-dap");
        t.setDaemon(true);
        return t;
    });
    private final DapBreakpoints breakpoints = new DapBreakpoints();
    private final VariableStore store = new VariableStore();
    private final CompletableFuture<Void> ended = new CompletableFuture<>();
    private IDebugProtocolClient client;
    /**
     * LSP4J logs an unknown request (which is answered with an error) through java.util.logging,
     * on stderr; held here so the silenced logger is not collected and reset.
     */
    private final java.util.logging.Logger lsp4jLog = java.util.logging.Logger.getLogger("org.eclipse.lsp4j");

    // set on the worker at launch; read elsewhere only through the volatile debugger
    private volatile Debugger debugger;
    /** The build checks' warnings, each said once as an important output event when its step is first reached. */
    private volatile BuildCheckWarnings checks;
    private LaunchConfig config;
    private Inspector inspector;
    private Evaluator evaluator;
    private Runnable endSession;
    private boolean configured;
    private boolean started;
    private volatile boolean sessionEnded;
    /** The shells --keep in the editor's terminal still waited for; the session's end stops the waiting. */
    private final List<ShellEnd> keptShells = new java.util.concurrent.CopyOnWriteArrayList<>();
    /** Whether the client runs commands in its terminal for us (runInTerminal): shell needs it. */
    private volatile boolean terminal;

    public DapServer(SessionOpener opener, LaunchConfig defaults, Path cwd) {
        this.opener = opener;
        this.defaults = defaults;
        this.cwd = cwd;
    }

    /**
     * Serves one client on these streams until it disconnects or closes them; the session is
     * ended either way. Returns when it is over.
     */
    public void serve(InputStream in, OutputStream out) {
        lsp4jLog.setLevel(java.util.logging.Level.OFF);
        Launcher<IDebugProtocolClient> launcher = DebugLauncher.createLauncher(this, IDebugProtocolClient.class, in, out,
                Executors.newCachedThreadPool(r -> {
                    java.lang.Thread t = new java.lang.Thread(r, "stagesh-dap-io");
                    t.setDaemon(true);
                    return t;
                }), order);
        client = launcher.getRemoteProxy();
        Future<Void> listening = launcher.startListening();
        CompletableFuture.runAsync(() -> {
            try {
                listening.get();
            } catch (Exception e) {
                // the client went away: as good as a disconnect
            }
            endOnWorker().join();
            ended.complete(null);
        });
        ended.join();
    }

    // --- the session's life ---------------------------------------------------------------

    @Override
    public CompletableFuture<Capabilities> initialize(InitializeRequestArguments args) {
        terminal = Boolean.TRUE.equals(args.getSupportsRunInTerminalRequest());
        Capabilities c = new Capabilities();
        c.setSupportsConfigurationDoneRequest(true);
        c.setSupportsFunctionBreakpoints(true);
        c.setSupportsConditionalBreakpoints(true);
        c.setSupportsHitConditionalBreakpoints(true);
        c.setSupportsStepBack(true);
        c.setSupportsRestartRequest(true);
        c.setSupportsTerminateRequest(true);
        c.setSupportsExceptionInfoRequest(true);
        c.setSupportsLoadedSourcesRequest(true);
        c.setSupportsBreakpointLocationsRequest(true);
        c.setSupportsEvaluateForHovers(false);
        ExceptionBreakpointsFilter failed = new ExceptionBreakpointsFilter();
        failed.setFilter(FAILED_FILTER);
        failed.setLabel("Failed steps");
        failed.setDescription("Stop at a step that fails, with its failed state kept to inspect");
        failed.setDefault_(true);
        c.setExceptionBreakpointFilters(new ExceptionBreakpointsFilter[] {failed});
        return CompletableFuture.completedFuture(c);
    }

    @Override
    public CompletableFuture<Void> launch(Map<String, Object> args) {
        String id = order.current();
        return onWorker(() -> {
            if (debugger != null) {
                throw new dev.stagesh.StageshException("launch: a session is already open");
            }
            config = defaults.with(plain(args), cwd);
            SessionOpener.Opened opened = opener.open(config, new DapListener(this::output));
            endSession = opened.end();
            Debugger d = new Debugger(opened.session(), breakpoints);
            inspector = new Inspector(opened.session(), config.dockerfile(), store);
            evaluator = new Evaluator(opened.session());
            checks = new BuildCheckWarnings(opened.session());
            opened.session().prepareToRun();
            debugger = d;
            output("console", "stagesh session " + opened.session().id().id() + " on " + config.dockerfile() + "\n");
            List<DapBreakpoints.Placed> placed = breakpoints.place(d.table());
            order.afterResponse(id, () -> {
                placed.forEach(p -> client.breakpoint(breakpointEvent(p)));
                client.initialized();
            });
            if (configured) {
                order.afterResponse(id, () -> worker.execute(this::startOnWorker));
            }
            return null;
        });
    }

    @Override
    public CompletableFuture<Void> configurationDone(ConfigurationDoneArguments args) {
        String id = order.current();
        // a second configurationDone is answered and changes nothing
        return onWorker(() -> {
            if (!configured) {
                configured = true;
                if (debugger != null) {
                    order.afterResponse(id, () -> worker.execute(this::startOnWorker));
                }
            }
            return null;
        });
    }

    private void startOnWorker() {
        if (started || sessionEnded) {
            return;
        }
        started = true;
        motion(() -> debugger.start(config.stopOnEntry()));
    }

    @Override
    public CompletableFuture<Void> disconnect(DisconnectArguments args) {
        Debugger d = debugger;
        if (d != null) {
            d.pause();
        }
        String id = order.current();
        return endOnWorker().thenRun(() -> order.afterResponse(id, () -> ended.complete(null)));
    }

    @Override
    public CompletableFuture<Void> terminate(TerminateArguments args) {
        Debugger d = debugger;
        if (d != null) {
            d.pause();
        }
        String id = order.current();
        return endOnWorker().thenRun(() -> order.afterResponse(id, () -> {
            client.terminated(new TerminatedEventArguments());
        }));
    }

    /** Ends the session on the worker (after any motion there), once; its objects leave the engine. */
    private CompletableFuture<Void> endOnWorker() {
        return CompletableFuture.runAsync(() -> {
            if (!sessionEnded) {
                sessionEnded = true;
                keptShells.forEach(ShellEnd::close);
                if (endSession != null) {
                    endSession.run();
                }
            }
        }, worker);
    }

    @Override
    public CompletableFuture<Void> restart(RestartArguments args) {
        return motionRequest(() -> {
            List<Integer> before = debugger().table().threads().stream().map(StepTable.StageThread::id).toList();
            Stop stop = debugger().restart();
            List<Integer> after = debugger().table().threads().stream().map(StepTable.StageThread::id).toList();
            // an edit can add or drop stages the target needs: the editor's thread list follows
            before.stream().filter(t -> !after.contains(t)).forEach(t -> client.thread(threadEvent("exited", t)));
            after.stream().filter(t -> !before.contains(t)).forEach(t -> client.thread(threadEvent("started", t)));
            breakpoints.place(debugger().table()).forEach(p -> client.breakpoint(breakpointEvent(p)));
            return stop;
        });
    }

    // --- breakpoints ----------------------------------------------------------------------

    @Override
    public CompletableFuture<SetBreakpointsResponse> setBreakpoints(SetBreakpointsArguments args) {
        SourceBreakpoint[] asked = args.getBreakpoints() != null ? args.getBreakpoints() : new SourceBreakpoint[0];
        List<DapBreakpoints.Request> requests = new ArrayList<>();
        for (SourceBreakpoint b : asked) {
            requests.add(DapBreakpoints.Request.atLine(b.getLine(), b.getCondition(), b.getHitCondition()));
        }
        Debugger d = debugger;
        SetBreakpointsResponse r = new SetBreakpointsResponse();
        if (d != null && !sameFile(args.getSource(), config.dockerfile())) {
            r.setBreakpoints(Arrays.stream(asked).map(b -> unverified(b.getLine(), "not the session's Dockerfile ("
                    + config.dockerfile() + ")")).toArray(Breakpoint[]::new));
            return CompletableFuture.completedFuture(r);
        }
        r.setBreakpoints(breakpoints.setLines(requests, d == null ? null : d.table()).stream()
                .map(DapServer::toBreakpoint).toArray(Breakpoint[]::new));
        return CompletableFuture.completedFuture(r);
    }

    @Override
    public CompletableFuture<SetFunctionBreakpointsResponse> setFunctionBreakpoints(SetFunctionBreakpointsArguments args) {
        List<DapBreakpoints.Request> requests = new ArrayList<>();
        for (FunctionBreakpoint b : args.getBreakpoints()) {
            requests.add(DapBreakpoints.Request.onInstruction(b.getName(), b.getCondition(), b.getHitCondition()));
        }
        SetFunctionBreakpointsResponse r = new SetFunctionBreakpointsResponse();
        r.setBreakpoints(breakpoints.setFunctions(requests).stream().map(DapServer::toBreakpoint).toArray(Breakpoint[]::new));
        return CompletableFuture.completedFuture(r);
    }

    @Override
    public CompletableFuture<SetExceptionBreakpointsResponse> setExceptionBreakpoints(SetExceptionBreakpointsArguments args) {
        boolean failed = args.getFilters() != null && Arrays.asList(args.getFilters()).contains(FAILED_FILTER);
        breakpoints.stopOnFailure(failed);
        SetExceptionBreakpointsResponse r = new SetExceptionBreakpointsResponse();
        Breakpoint b = new Breakpoint();
        b.setVerified(true);
        r.setBreakpoints(failed ? new Breakpoint[] {b} : new Breakpoint[0]);
        return CompletableFuture.completedFuture(r);
    }

    @Override
    public CompletableFuture<BreakpointLocationsResponse> breakpointLocations(BreakpointLocationsArguments args) {
        Debugger d = debugger;
        List<BreakpointLocation> out = new ArrayList<>();
        if (d != null) {
            int from = args.getLine();
            int to = args.getEndLine() != null ? args.getEndLine() : from;
            for (StepTable.StageThread t : d.table().threads()) {
                for (StepTable.StepLine s : t.steps()) {
                    if (s.startLine() >= from && s.startLine() <= to) {
                        BreakpointLocation l = new BreakpointLocation();
                        l.setLine(s.startLine());
                        out.add(l);
                    }
                }
            }
        }
        BreakpointLocationsResponse r = new BreakpointLocationsResponse();
        r.setBreakpoints(out.toArray(BreakpointLocation[]::new));
        return CompletableFuture.completedFuture(r);
    }

    // --- motions --------------------------------------------------------------------------

    @Override
    public CompletableFuture<ContinueResponse> continue_(ContinueArguments args) {
        ContinueResponse r = new ContinueResponse();
        r.setAllThreadsContinued(true);
        return motionRequest(() -> debugger().cont()).thenApply(v -> r);
    }

    @Override
    public CompletableFuture<Void> next(NextArguments args) {
        return motionRequest(() -> debugger().next());
    }

    @Override
    public CompletableFuture<Void> stepIn(StepInArguments args) {
        return motionRequest(() -> debugger().stepIn());
    }

    @Override
    public CompletableFuture<Void> stepOut(StepOutArguments args) {
        return motionRequest(() -> debugger().stepOut());
    }

    @Override
    public CompletableFuture<Void> stepBack(StepBackArguments args) {
        return motionRequest(() -> debugger().stepBack());
    }

    @Override
    public CompletableFuture<Void> reverseContinue(ReverseContinueArguments args) {
        return motionRequest(() -> debugger().reverseContinue());
    }

    @Override
    public CompletableFuture<Void> pause(PauseArguments args) {
        Debugger d = debugger;
        if (d != null) {
            d.pause();
        }
        return CompletableFuture.completedFuture(null);
    }

    /**
     * A motion: answered at once (the editor shows the session running), run on the worker after
     * the answer is written, its stop told as an event.
     */
    private CompletableFuture<Void> motionRequest(Supplier<Stop> motion) {
        String id = order.current();
        // checked on the worker, behind a launch that is still opening the session
        return onWorker(() -> {
            debugger();
            order.afterResponse(id, () -> worker.execute(() -> motion(motion)));
            return null;
        });
    }

    private void motion(Supplier<Stop> motion) {
        if (sessionEnded) {
            return;
        }
        Stop stop;
        try {
            stop = motion.get();
        } catch (RuntimeException e) {
            // anything unforeseen stops the session where it stands, with the reason, rather than hang it
            stop = new Stop.Stopped(debugger.currentThread(), "exception", ErrorMessages.of(e), ErrorMessages.of(e), 0);
        }
        tell(stop);
    }

    private void tell(Stop stop) {
        store.clear();
        if (stop instanceof Stop.Stopped s) {
            StoppedEventArguments e = new StoppedEventArguments();
            e.setReason(s.reason());
            e.setDescription(s.description());
            e.setText(s.text());
            e.setThreadId(s.threadId());
            e.setAllThreadsStopped(true);
            if (s.breakpoint() > 0) {
                e.setHitBreakpointIds(new Integer[] {s.breakpoint()});
            }
            if (s.text() != null && s.reason().equals("exception")) {
                output("stderr", s.text() + "\n");
            }
            announceChecks();
            client.stopped(e);
        } else if (stop instanceof Stop.Ended e) {
            output("console", e.why() + "\n");
            client.terminated(new TerminatedEventArguments());
        }
    }

    // --- what the editor reads while stopped ----------------------------------------------

    @Override
    public CompletableFuture<ThreadsResponse> threads() {
        Debugger d = debugger;
        List<Thread> out = new ArrayList<>();
        if (d != null) {
            for (StepTable.StageThread t : d.table().threads()) {
                Thread th = new Thread();
                th.setId(t.id());
                th.setName(t.name());
                out.add(th);
            }
        }
        ThreadsResponse r = new ThreadsResponse();
        r.setThreads(out.toArray(Thread[]::new));
        return CompletableFuture.completedFuture(r);
    }

    @Override
    public CompletableFuture<StackTraceResponse> stackTrace(StackTraceArguments args) {
        return onWorker(() -> {
            Debugger d = debugger();
            // the current stage's frame sits on the frames of the stages waiting for it
            List<Integer> stack = d.currentThread() == args.getThreadId() ? d.stack() : List.of(args.getThreadId());
            StackTraceResponse r = new StackTraceResponse();
            r.setStackFrames(stack.stream().map(inspector::frame).toArray(StackFrame[]::new));
            r.setTotalFrames(stack.size());
            return r;
        });
    }

    @Override
    public CompletableFuture<ScopesResponse> scopes(ScopesArguments args) {
        return onWorker(() -> {
            debugger();
            ScopesResponse r = new ScopesResponse();
            r.setScopes(inspector.scopes(args.getFrameId()).toArray(Scope[]::new));
            return r;
        });
    }

    @Override
    public CompletableFuture<VariablesResponse> variables(VariablesArguments args) {
        return onWorker(() -> {
            VariablesResponse r = new VariablesResponse();
            r.setVariables(store.children(args.getVariablesReference()).toArray(Variable[]::new));
            return r;
        });
    }

    @Override
    public CompletableFuture<EvaluateResponse> evaluate(EvaluateArguments args) {
        String id = order.current();
        return onWorker(() -> {
            Debugger d = debugger();
            StageRun before = d.session().current();
            String where = signature(d);
            Integer frame = args.getFrameId();
            boolean elsewhere = frame != null && d.stageOf(frame).isPresent() && frame != d.currentThread();
            Evaluator.Result result;
            EvaluateResponse shell = null;
            // the commands read the session's current stage: the frame's, for as long as they run
            if (elsewhere) {
                d.session().enter(Integer.toString(frame - 1));
            }
            try {
                var asked = TerminalShell.Request.of(args.getExpression());
                if (asked.isPresent()) {
                    shell = shell(asked.get(), elsewhere);
                    result = null;
                } else {
                    result = evaluator.evaluate(args.getExpression());
                }
            } finally {
                if (elsewhere) {
                    d.session().enter(Integer.toString(before.stage().index()));
                }
            }
            if (shell != null) {
                return shell;
            }
            if (!signature(d).equals(where)) {
                // commit ran the stage to its end: the editor must see where the session stands now
                order.afterResponse(id, () -> tell(new Stop.Stopped(d.currentThread(), "step",
                        "after '" + args.getExpression() + "'", null, 0)));
            }
            if (!result.ok()) {
                throw new dev.stagesh.StageshException(result.output());
            }
            EvaluateResponse r = new EvaluateResponse();
            r.setResult(result.output());
            r.setVariablesReference(0);
            return r;
        });
    }

    /** Where every stage stands: what a command that runs steps ({@code commit}) changes. */
    private static String signature(Debugger d) {
        StringBuilder s = new StringBuilder().append(d.currentThread());
        for (StageRun r : d.session().stages()) {
            s.append(':').append(r.position()).append(r.failure() != null ? "!" : "");
        }
        return s.toString();
    }

    /**
     * {@code shell}: a container of the step, and the editor's terminal opened on it. With
     * {@code --keep}, the shell's end (said by the terminal's process) makes its changes a step,
     * as at the prompt, and the editor is told of the new frame.
     */
    private EvaluateResponse shell(TerminalShell.Request asked, boolean elsewhere) throws java.io.IOException {
        if (!terminal) {
            throw new dev.stagesh.StageshException("shell needs an editor that runs commands in its terminal (runInTerminal);"
                    + " 'exec CMD' runs one here");
        }
        dev.stagesh.engine.Session session = debugger().session();
        ShellEnd end = null;
        if (asked.keep()) {
            if (elsewhere) {
                throw new dev.stagesh.StageshException("shell --keep: only on the frame of the stage the session stands in");
            }
            if (session.current().failure() != null) {
                throw new dev.stagesh.StageshException("shell --keep: step " + session.current().failure().step()
                        + " failed here; step back first");
            }
        }
        if (asked.keep()) {
            end = ShellEnd.bind();
            keptShells.add(end);
        }
        TerminalShell.Opened opened;
        try {
            opened = TerminalShell.open(session, JavaLauncher.current(), end == null ? null : end.socket(),
                    text -> output("console", text + "\n"));
        } catch (RuntimeException e) {
            if (end != null) {
                end.close();
            }
            throw e;
        }
        if (end != null) {
            end.onEnd(code -> worker.execute(() -> keepShell(opened.container())));
        }
        RunInTerminalRequestArguments r = new RunInTerminalRequestArguments();
        r.setKind(RunInTerminalRequestArgumentsKind.INTEGRATED);
        r.setTitle(opened.title());
        r.setCwd(cwd.toString());
        r.setArgs(opened.args().toArray(String[]::new));
        client.runInTerminal(r);
        EvaluateResponse e = new EvaluateResponse();
        e.setResult("a shell in container " + opened.container().substring(0, Math.min(12, opened.container().length()))
                + " of this step, in the terminal; " + (asked.keep()
                ? "when it exits, its changes become a step after this one" : "the step's snapshot does not change"));
        return e;
    }

    /** On the worker, once a {@code shell --keep} has ended: its changes kept as a step, the editor told. */
    private void keepShell(String container) {
        if (sessionEnded) {
            return;
        }
        Debugger d = debugger;
        dev.stagesh.engine.Session session = d.session();
        try {
            dev.stagesh.engine.StageRun run = session.current();
            dev.stagesh.shell.ContainerShell.Kept kept = dev.stagesh.shell.ContainerShell.keep(session, container);
            kept.leftOut().forEach(left -> output("console", "left out of the RUN line (it exited non-zero): " + left + "\n"));
            output("console", "kept as step " + run.position() + " of " + run.label() + "; the steps after it are pending\n"
                    + "suggested for " + config.dockerfile().getFileName() + " after line " + kept.afterLine() + ":\n"
                    + kept.runLine() + "\n");
            tell(new Stop.Stopped(d.currentThread(), "step", "kept the shell's changes as step " + run.position(), null, 0));
        } catch (RuntimeException e) {
            output("stderr", ErrorMessages.of(e) + "\n");
        } finally {
            session.discardScratchContainer(container);
        }
    }

    @Override
    public CompletableFuture<ExceptionInfoResponse> exceptionInfo(ExceptionInfoArguments args) {
        return onWorker(() -> {
            String text = debugger().lastException();
            ExceptionInfoResponse r = new ExceptionInfoResponse();
            r.setExceptionId("step-failed");
            r.setBreakMode(ExceptionBreakMode.ALWAYS);
            r.setDescription(text == null ? "no step failed" : text);
            ExceptionDetails details = new ExceptionDetails();
            details.setMessage(text == null ? "" : text.lines().findFirst().orElse(""));
            details.setTypeName("step failed");
            r.setDetails(details);
            return r;
        });
    }

    @Override
    public CompletableFuture<LoadedSourcesResponse> loadedSources(LoadedSourcesArguments args) {
        LoadedSourcesResponse r = new LoadedSourcesResponse();
        // debugger is written after config, on the worker: reading it first sees config set
        Debugger d = debugger;
        LaunchConfig c = config;
        if (d != null && c != null) {
            Source s = new Source();
            s.setName(c.dockerfile().getFileName().toString());
            s.setPath(c.dockerfile().toAbsolutePath().normalize().toString());
            r.setSources(new Source[] {s});
        } else {
            r.setSources(new Source[0]);
        }
        return CompletableFuture.completedFuture(r);
    }

    @Override
    public CompletableFuture<SourceResponse> source(SourceArguments args) {
        return onWorker(() -> {
            debugger();
            SourceResponse r = new SourceResponse();
            r.setContent(Files.readString(config.dockerfile()));
            r.setMimeType("text/x-dockerfile");
            return r;
        });
    }

    // --- what stagesh does not do: a clear answer instead of LSP4J's "Internal error." -------

    private static <T> CompletableFuture<T> unsupported(String request, String why) {
        return failed("'" + request + "' is not supported by stagesh dap: " + why);
    }

    private static final String READ_ONLY = "a step's snapshot is what its instructions made; edit the Dockerfile and restart";
    private static final String NO_MEMORY = "a Dockerfile has steps, not memory or instructions of a CPU";

    @Override
    public CompletableFuture<Void> attach(Map<String, Object> args) {
        return unsupported("attach", "it starts its own session: use request 'launch'");
    }

    @Override
    public CompletableFuture<SetVariableResponse> setVariable(SetVariableArguments args) {
        return unsupported("setVariable", READ_ONLY);
    }

    @Override
    public CompletableFuture<SetExpressionResponse> setExpression(SetExpressionArguments args) {
        return unsupported("setExpression", READ_ONLY);
    }

    @Override
    public CompletableFuture<CompletionsResponse> completions(CompletionsArguments args) {
        return unsupported("completions", "not yet; 'help' in the console lists the commands");
    }

    @Override
    public CompletableFuture<Void> goto_(GotoArguments args) {
        return unsupported("goto", "steps run in order; stepBack and reverseContinue go back");
    }

    @Override
    public CompletableFuture<GotoTargetsResponse> gotoTargets(GotoTargetsArguments args) {
        return unsupported("gotoTargets", "steps run in order; stepBack and reverseContinue go back");
    }

    @Override
    public CompletableFuture<Void> restartFrame(RestartFrameArguments args) {
        return unsupported("restartFrame", "restart reloads the Dockerfile; stepBack goes back a step");
    }

    @Override
    public CompletableFuture<StepInTargetsResponse> stepInTargets(StepInTargetsArguments args) {
        return unsupported("stepInTargets", "stepIn enters the stage the step reads");
    }

    @Override
    public CompletableFuture<ModulesResponse> modules(ModulesArguments args) {
        return unsupported("modules", "a Dockerfile has stages (the threads), not modules");
    }

    @Override
    public CompletableFuture<Void> terminateThreads(TerminateThreadsArguments args) {
        return unsupported("terminateThreads", "stages end with the session (terminate)");
    }

    @Override
    public CompletableFuture<DataBreakpointInfoResponse> dataBreakpointInfo(DataBreakpointInfoArguments args) {
        return unsupported("dataBreakpointInfo", "conditional breakpoints test ENV and ARG values");
    }

    @Override
    public CompletableFuture<SetDataBreakpointsResponse> setDataBreakpoints(SetDataBreakpointsArguments args) {
        return unsupported("setDataBreakpoints", "conditional breakpoints test ENV and ARG values");
    }

    @Override
    public CompletableFuture<SetInstructionBreakpointsResponse> setInstructionBreakpoints(SetInstructionBreakpointsArguments args) {
        return unsupported("setInstructionBreakpoints", NO_MEMORY);
    }

    @Override
    public CompletableFuture<ReadMemoryResponse> readMemory(ReadMemoryArguments args) {
        return unsupported("readMemory", NO_MEMORY);
    }

    @Override
    public CompletableFuture<WriteMemoryResponse> writeMemory(WriteMemoryArguments args) {
        return unsupported("writeMemory", NO_MEMORY);
    }

    @Override
    public CompletableFuture<DisassembleResponse> disassemble(DisassembleArguments args) {
        return unsupported("disassemble", NO_MEMORY);
    }

    @Override
    public CompletableFuture<LocationsResponse> locations(LocationsArguments args) {
        return unsupported("locations", "no variable has a location in the Dockerfile");
    }

    @Override
    public CompletableFuture<Void> cancel(CancelArguments args) {
        return unsupported("cancel", "pause cancels the running step");
    }

    // --- helpers --------------------------------------------------------------------------

    private Debugger debugger() {
        Debugger d = debugger;
        if (d == null) {
            throw new dev.stagesh.StageshException("launch first");
        }
        if (sessionEnded) {
            throw new dev.stagesh.StageshException("the session has ended");
        }
        return d;
    }

    private void announceChecks() {
        if (checks == null) {
            return;
        }
        try {
            checks.newlyReached().forEach(line -> output("important", line + "\n"));
        } catch (RuntimeException e) {
            // the checks only inform: a session is never stopped by them
            output("console", "build checks: " + ErrorMessages.of(e) + "\n");
        }
    }

    private void output(String category, String text) {
        OutputEventArguments e = new OutputEventArguments();
        e.setCategory(category);
        e.setOutput(text);
        client.output(e);
    }

    /** A task on the worker whose result (or one-line error) is the response. */
    private <T> CompletableFuture<T> onWorker(java.util.concurrent.Callable<T> task) {
        CompletableFuture<T> f = new CompletableFuture<>();
        worker.execute(() -> {
            try {
                f.complete(task.call());
            } catch (Exception e) {
                f.completeExceptionally(error(ErrorMessages.of(e)));
            }
        });
        return f;
    }

    private static <T> CompletableFuture<T> failed(String message) {
        return CompletableFuture.failedFuture(error(message));
    }

    private static ResponseErrorException error(String message) {
        return new ResponseErrorException(new ResponseError(ResponseErrorCode.InvalidRequest, message, null));
    }

    private static boolean sameFile(Source source, Path dockerfile) {
        if (source == null || source.getPath() == null) {
            return true;
        }
        Path asked = Path.of(source.getPath()).toAbsolutePath().normalize();
        Path ours = dockerfile.toAbsolutePath().normalize();
        try {
            return asked.equals(ours) || (Files.exists(asked) && Files.isSameFile(asked, ours));
        } catch (java.io.IOException e) {
            return false;
        }
    }

    private static Breakpoint toBreakpoint(DapBreakpoints.Placed p) {
        Breakpoint b = new Breakpoint();
        b.setId(p.id());
        b.setVerified(p.verified());
        b.setLine(p.line());
        b.setMessage(p.message());
        return b;
    }

    private static Breakpoint unverified(int line, String message) {
        Breakpoint b = new Breakpoint();
        b.setVerified(false);
        b.setLine(line);
        b.setMessage(message);
        return b;
    }

    private static ThreadEventArguments threadEvent(String reason, int id) {
        ThreadEventArguments e = new ThreadEventArguments();
        e.setReason(reason);
        e.setThreadId(id);
        return e;
    }

    private static BreakpointEventArguments breakpointEvent(DapBreakpoints.Placed p) {
        BreakpointEventArguments e = new BreakpointEventArguments();
        e.setReason("changed");
        e.setBreakpoint(toBreakpoint(p));
        return e;
    }

    /** The launch arguments as plain Java values (LSP4J may hand over Gson's trees). */
    private static Map<String, Object> plain(Map<String, Object> args) {
        Map<String, Object> out = new LinkedHashMap<>();
        Gson gson = new Gson();
        args.forEach((k, v) -> out.put(k, v instanceof JsonElement j ? gson.fromJson(j, Object.class) : v));
        return out;
    }
}
