// Drives `stagesh dap` with Microsoft's DAP test client (@vscode/debugadapter-testsupport), as an
// editor would, on the real engine. Run by DapIT (node --test), which installs the client; the
// client's set-up and the requests are in dap-client.mjs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { OTHER, TIMEOUT, project, adapter, launch, stopAfter, frames, variables, scope, named, evaluate, disconnect }
  from './dap-client.mjs';

const TWO_STAGES = `ARG VERSION=1.2
FROM busybox
ARG VERSION
ENV GREETING=hello
RUN echo "building $VERSION" > /version.txt
WORKDIR /app
COPY hello.txt /app/hello.txt

FROM busybox
COPY --from=0 /version.txt /version.txt
RUN cat /version.txt
`;

test('breakpoints, stepping into the stage a COPY --from reads, variables, evaluate', { timeout: TIMEOUT * 3 }, async () => {
  const dir = project({ Dockerfile: TWO_STAGES, 'hello.txt': 'hello\n' });
  const dockerfile = path.join(dir, 'Dockerfile');
  const dc = await adapter();
  try {
    const session = await launch(dc, { dockerfile, contextPath: dir, stopOnEntry: true, noCache: true });

    // verified at once, against the step table: a blank line moves to the next step; past the end is nowhere
    const lines = (await dc.setBreakpointsRequest({ source: { path: dockerfile }, breakpoints: [
      { line: 5, condition: 'VERSION == "1.2" && GREETING =~ "^hel"' },
      { line: 7, condition: 'GREETING != "hello"' },
      { line: 8 },
      { line: 40 },
      { line: 6, condition: 'VERSION ==' },
    ] })).body.breakpoints;
    assert.deepEqual(lines.map((b) => [b.verified, b.line]), [[true, 5], [true, 7], [true, 9], [false, 40], [false, 6]]);
    assert.match(lines[4].message, /column/);
    const functions = (await dc.setFunctionBreakpointsRequest({ breakpoints: [
      { name: 'COPY' }, { name: 'run', hitCondition: '2' }, { name: 'NOPE' }] })).body.breakpoints;
    assert.deepEqual(functions.map((b) => b.verified), [true, true, false]);
    await dc.setExceptionBreakpointsRequest({ filters: ['failed'] });

    // threads: one per stage; the two identical FROM lines are two steps at their own lines
    const threads = (await dc.threadsRequest()).body.threads;
    assert.deepEqual(threads.map((t) => [t.id, t.name]), [[1, 'stage 0'], [2, 'stage 1']]);

    let stop = await stopAfter(dc, () => dc.configurationDoneRequest());
    assert.equal(stop.reason, 'entry');
    assert.equal(stop.threadId, 2);
    let f = await frames(dc, 2);
    assert.equal(f[0].line, 9);
    assert.equal(f[0].source.path, dockerfile);
    // a second configurationDone is answered, and changes nothing
    await dc.configurationDoneRequest();

    stop = await stopAfter(dc, () => dc.nextRequest({ threadId: 2 }));
    assert.equal(stop.reason, 'step');
    assert.equal((await frames(dc, 2))[0].line, 10);

    // stepIn on COPY --from=0: into stage 0, before its FROM; stage 1 waits under it
    stop = await stopAfter(dc, () => dc.stepInRequest({ threadId: 2 }));
    assert.equal(stop.threadId, 1);
    f = await frames(dc, 1);
    assert.deepEqual(f.map((x) => x.line), [2, 10]);

    // continue: the conditional breakpoint at line 5 holds (VERSION is 1.2 there)
    stop = await stopAfter(dc, () => dc.continueRequest({ threadId: 1 }));
    assert.equal(stop.reason, 'breakpoint');
    assert.deepEqual(stop.hitBreakpointIds, [lines[0].id]);
    f = await frames(dc, 1);
    assert.equal(f[0].line, 5);
    const args = await scope(dc, f[0].id, 'Arguments');
    assert.match(named(args, 'platform').value, /^linux\//);
    const argv = await variables(dc, named(args, 'argv').variablesReference);
    assert.deepEqual(argv.map((v) => v.value), ['/bin/sh', '-c', 'echo "building $VERSION" > /version.txt']);
    const runEnv = await variables(dc, named(args, 'env').variablesReference);
    assert.equal(named(runEnv, 'VERSION').value, '1.2');
    assert.equal(named(args, 'workdir').value, '/');
    const env = await scope(dc, f[0].id, 'Environment');
    assert.equal(named(env, 'GREETING').value, 'hello');
    const config = await scope(dc, f[0].id, 'Config');
    const configEnv = await variables(dc, named(config, 'Env').variablesReference);
    assert.ok(configEnv.some((v) => v.value === 'GREETING=hello'), 'the config has ENV, not the ARG');
    assert.ok(!configEnv.some((v) => v.value.startsWith('VERSION=')), 'ARG values stay out of the config');

    // next runs the RUN; its output streamed as output events; the File Explorer shows the new file
    stop = await stopAfter(dc, () => dc.nextRequest({ threadId: 1 }));
    f = await frames(dc, 1);
    assert.equal(f[0].line, 6);
    let files = await scope(dc, f[0].id, 'File Explorer');
    assert.equal(named(files, 'version.txt').value, 'building 1.2\n');
    const etc = await variables(dc, named(files, 'etc/').variablesReference);
    assert.match(named(etc, 'passwd').value, /^root:/);

    // evaluate runs the shell's read commands on the frame's step
    assert.equal(await evaluate(dc, f[0].id, 'cat /version.txt'), 'building 1.2');
    assert.match(await evaluate(dc, f[0].id, 'ls /'), /version\.txt/);
    assert.match(await evaluate(dc, f[0].id, 'history'), /RUN/);
    assert.match(await evaluate(dc, f[0].id, 'diff'), /version\.txt/);
    assert.match(await evaluate(dc, f[0].id, 'layers'), /RUN/);
    assert.match(await evaluate(dc, f[0].id, 'stat /version.txt'), /regular file/);
    await assert.rejects(evaluate(dc, f[0].id, 'next'), /evaluate runs the stagesh commands that read/);

    // stepBack: the snapshot before the RUN, with no file yet
    stop = await stopAfter(dc, () => dc.stepBackRequest({ threadId: 1 }));
    f = await frames(dc, 1);
    assert.equal(f[0].line, 5);
    files = await scope(dc, f[0].id, 'File Explorer');
    assert.ok(!files.some((v) => v.name === 'version.txt'), 'back before the RUN, its file is gone');

    // continue: line 7's condition is false; the COPY function breakpoint stops there
    stop = await stopAfter(dc, () => dc.continueRequest({ threadId: 1 }));
    assert.equal(stop.reason, 'function breakpoint');
    assert.deepEqual(stop.hitBreakpointIds, [functions[0].id]);
    assert.equal((await frames(dc, 1))[0].line, 7);

    // stepOut: stage 0 runs to its end; back in stage 1 before the COPY that read it
    stop = await stopAfter(dc, () => dc.stepOutRequest({ threadId: 1 }));
    assert.equal(stop.threadId, 2);
    assert.deepEqual((await frames(dc, 2)).map((x) => x.line), [10]);

    // continue: RUN's function breakpoint has hit count 2: the second RUN (line 11) stops
    stop = await stopAfter(dc, () => dc.continueRequest({ threadId: 2 }));
    assert.equal(stop.reason, 'function breakpoint');
    assert.deepEqual(stop.hitBreakpointIds, [functions[1].id]);
    f = await frames(dc, 2);
    assert.equal(f[0].line, 11);
    assert.equal(await evaluate(dc, f[0].id, 'cat /version.txt'), 'building 1.2');
    assert.equal(await evaluate(dc, f[0].id, 'exec cat /version.txt'), 'building 1.2');
    const output = dc.outputs.map((o) => o.output).join('');
    assert.match(output, /\[0 4\/6\] RUN echo "building \$VERSION"/);

    stop = await stopAfter(dc, () => dc.continueRequest({ threadId: 2 }));
    assert.match(stop.description, /the build is done/);
    assert.ok(dc.outputs.some((o) => o.category === 'stdout' && o.output.includes('building 1.2')), 'RUN output streamed');
    for (const c of ['supportsStepBack', 'supportsConditionalBreakpoints', 'supportsHitConditionalBreakpoints',
      'supportsFunctionBreakpoints', 'supportsRestartRequest', 'supportsTerminateRequest', 'supportsExceptionInfoRequest']) {
      assert.equal(dc.capabilities[c], true, c);
    }
    assert.deepEqual(dc.capabilities.exceptionBreakpointFilters.map((f) => f.filter), ['failed']);
    await disconnect(dc, session);
  } finally {
    dc.stopAdapter(); // a failed test must not leave the adapter (and its session) running
  }
});

test('restart after an edit keeps the steps before the change', { timeout: TIMEOUT * 2 }, async () => {
  const dir = project({ Dockerfile: TWO_STAGES, 'hello.txt': 'hello\n' });
  const dockerfile = path.join(dir, 'Dockerfile');
  const dc = await adapter();
  try {
    const session = await launch(dc, { dockerfile, contextPath: dir, stopOnEntry: false, noCache: true });
    await dc.setBreakpointsRequest({ source: { path: dockerfile }, breakpoints: [{ line: 11 }] });
    let stop = await stopAfter(dc, () => dc.configurationDoneRequest());
    assert.equal(stop.reason, 'breakpoint');
    assert.equal((await frames(dc, 2))[0].line, 11);

    fs.writeFileSync(dockerfile, TWO_STAGES.replace('RUN cat /version.txt', '# edited\nRUN echo edited > /edited.txt'));
    stop = await stopAfter(dc, () => dc.restartRequest({}));
    assert.equal(stop.reason, 'entry');
    assert.match(stop.description, /keeps 2 of 3 steps/);
    const f = await frames(dc, 2);
    assert.equal(f[0].line, 12);
    assert.match(f[0].name, /edited/);
    stop = await stopAfter(dc, () => dc.nextRequest({ threadId: 2 }));
    assert.equal(await evaluate(dc, (await frames(dc, 2))[0].id, 'cat /edited.txt'), 'edited');

    // the breakpoint set at line 11 was placed again on the edited file: the RUN, now at line 12;
    // reverseContinue goes back to it through the snapshots
    stop = await stopAfter(dc, () => dc.reverseContinueRequest({ threadId: 2 }));
    assert.equal(stop.reason, 'breakpoint');
    assert.equal((await frames(dc, 2))[0].line, 12);

    // commit TAG in the console tags the stage as docker build --target would
    const tag = `stagesh-dap-test:${session}`;
    const id = await evaluate(dc, (await frames(dc, 2))[0].id, `commit ${tag}`);
    assert.match(id, /^sha256:/);
    try {
      assert.equal(execFileSync('docker', ['run', '--rm', tag, 'cat', '/edited.txt'], { encoding: 'utf8' }), 'edited\n');
    } finally {
      execFileSync('docker', ['rmi', tag]);
    }
    await disconnect(dc, session);
  } finally {
    dc.stopAdapter(); // a failed test must not leave the adapter (and its session) running
  }
});

test('a failed step stops with its report; unknown requests get an error', { timeout: TIMEOUT * 2 }, async () => {
  const dir = project({
    Dockerfile: 'FROM scratch AS empty\nCOPY hello.txt /hello.txt\n\nFROM busybox\nCOPY --from=empty /hello.txt /hello.txt\nRUN echo about to fail; exit 3\n',
    'hello.txt': 'hello\n',
  });
  const dockerfile = path.join(dir, 'Dockerfile');
  const dc = await adapter();
  try {
    // the test client answers no reverse request: runInTerminal is caught here, as an editor gets it
    const terminals = [];
    const dispatch = dc.dispatch.bind(dc);
    dc.dispatch = (body) => {
      const m = JSON.parse(body);
      if (m.type === 'request' && m.command === 'runInTerminal') {
        terminals.push(m.arguments);
        const answer = JSON.stringify({ type: 'response', seq: 0, request_seq: m.seq, command: m.command,
          success: true, body: { processId: 1 } });
        dc.outputStream.write(`Content-Length: ${Buffer.byteLength(answer, 'utf8')}\r\n\r\n${answer}`, 'utf8');
        return;
      }
      dispatch(body);
    };
    const session = await launch(dc, { dockerfile, contextPath: dir, noCache: true }, { supportsRunInTerminalRequest: true });
    await dc.setExceptionBreakpointsRequest({ filters: ['failed'] });
    const stop = await stopAfter(dc, () => dc.configurationDoneRequest());
    assert.equal(stop.reason, 'exception');
    assert.match(stop.text, /exit: +3/);
    assert.match(stop.text, /about to fail/);
    const info = (await dc.exceptionInfoRequest({ threadId: stop.threadId })).body;
    assert.match(info.description, /argv: +\[\/bin\/sh, -c, echo about to fail; exit 3\]/);
    const f = await frames(dc, 2);
    assert.equal(f[0].line, 6);
    const args = await scope(dc, f[0].id, 'Arguments');
    assert.equal(named(args, 'exit code').value, '3');
    // the File Explorer reads the failed state; and the scratch stage's snapshot
    const files = await scope(dc, f[0].id, 'File Explorer');
    assert.equal(named(files, 'hello.txt').value, 'hello\n');
    assert.ok(files.some((v) => v.name === 'bin/'));
    const scratchFrame = (await frames(dc, 1))[0];
    const scratchFiles = await scope(dc, scratchFrame.id, 'File Explorer');
    assert.equal(named(scratchFiles, 'hello.txt').value, 'hello\n');
    assert.ok(!scratchFiles.some((v) => v.name === 'bin/'), 'the scratch stage has only what it copied');
    // exec and shell work on the scratch stage too: the toolbox's busybox serves it
    assert.equal(await evaluate(dc, scratchFrame.id, 'exec /dev/.stagesh/busybox cat /hello.txt'), 'hello');
    assert.match(await evaluate(dc, scratchFrame.id, 'shell'), /a shell in container/);
    assert.equal(terminals.length, 1);
    // the terminal runs stagesh itself (this Java, this jar), attached through the engine's API: no docker CLI
    const shellArgs = terminals[0].args;
    assert.ok(path.isAbsolute(shellArgs[0]) && shellArgs.includes('attach-shell'), `stagesh attach-shell: ${shellArgs.join(' ')}`);
    assert.ok(!shellArgs.includes('docker'), `no docker CLI: ${shellArgs.join(' ')}`);
    const container = shellArgs[shellArgs.indexOf('--') - 1];
    assert.match(shellArgs.slice(shellArgs.indexOf('--') + 1).join(' '), /^\/dev\/.stagesh\/busybox env PATH=\/dev\/.stagesh:.* sh$/,
      'no /bin/sh in scratch: the toolbox shell');
    assert.equal(execFileSync('docker', ['inspect', '-f', '{{.State.Running}}', container], { encoding: 'utf8' }).trim(), 'true');
    const said = execFileSync('docker', ['exec', container, '/dev/.stagesh/busybox', 'cat', '/hello.txt'], { encoding: 'utf8' });
    assert.equal(said, 'hello\n');
    // the failed stage's frame is still where it was: evaluating on another frame moves nothing
    assert.equal((await frames(dc, 2))[0].line, 6);

    await assert.rejects(dc.customRequest('noSuchRequest', {}), /noSuchRequest/);
    await assert.rejects(dc.customRequest('setVariable', { variablesReference: 1, name: 'x', value: '1' }),
      /'setVariable' is not supported by stagesh dap/);
    const threads = (await dc.threadsRequest()).body.threads;
    assert.deepEqual(threads.map((t) => t.name), ['stage empty', 'stage 1']);
    await disconnect(dc, session);
  } finally {
    dc.stopAdapter(); // a failed test must not leave the adapter (and its session) running
  }
});

test('pause cancels a long RUN; disconnect leaves nothing', { timeout: TIMEOUT * 2 }, async () => {
  const dir = project({ Dockerfile: 'FROM busybox\nRUN echo started; sleep 300\nRUN echo never\n' });
  const dockerfile = path.join(dir, 'Dockerfile');
  const dc = await adapter();
  try {
    const session = await launch(dc, { dockerfile, contextPath: dir, noCache: true });
    const started = new Promise((resolve) => dc.on('output', (e) => e.body.category === 'stdout'
      && e.body.output.includes('started') && resolve()));
    const stopped = dc.waitForEvent('stopped');
    await dc.configurationDoneRequest();
    await started;
    const t0 = Date.now();
    await dc.pauseRequest({ threadId: 1 });
    const stop = (await stopped).body;
    assert.equal(stop.reason, 'pause');
    assert.ok(Date.now() - t0 < 20000, 'the RUN was cancelled, not waited for');
    assert.equal((await frames(dc, 1))[0].line, 2);
    await disconnect(dc, session);
  } finally {
    dc.stopAdapter(); // a failed test must not leave the adapter (and its session) running
  }
});

test('a build check warning is said as an important output event when its step is reached', { timeout: TIMEOUT }, async () => {
  // FromAsCasing: the FROM keyword is upper case, its 'as' is not (BuildKit's check, line 1)
  const dir = project({ Dockerfile: 'FROM busybox as build\nRUN true\n' });
  const dockerfile = path.join(dir, 'Dockerfile');
  const dc = await adapter();
  try {
    const session = await launch(dc, { dockerfile, contextPath: dir, stopOnEntry: true, noCache: true });
    let stop = await stopAfter(dc, () => dc.configurationDoneRequest());
    assert.equal(stop.reason, 'entry');
    const important = () => dc.outputs.filter((o) => o.category === 'important').map((o) => o.output);
    assert.deepEqual(important(), [], 'nothing said before the FROM is reached');
    stop = await stopAfter(dc, () => dc.nextRequest({ threadId: 1 }));
    stop = await stopAfter(dc, () => dc.nextRequest({ threadId: 1 }));
    const said = important();
    assert.equal(said.length, 1, `one warning, once: ${JSON.stringify(said)}`);
    assert.match(said[0], /^warning: line 1: FromAsCasing: 'as' and 'FROM' keywords' casing do not match/);
    await disconnect(dc, session);
  } finally {
    dc.stopAdapter();
  }
});
