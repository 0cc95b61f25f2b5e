// `shell` and `shell --keep` in the debug console, as an editor runs them: the adapter asks for a
// terminal (runInTerminal), and the command it names runs for real in tmux, with no docker CLI on
// the PATH. Run by DapShellIT on every engine (the compat group).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { TIMEOUT, project, adapter, launch, stopAfter, frames, evaluate, disconnect, terminalsInTmux, containerExists }
  from './dap-client.mjs';

const DOCKERFILE = `FROM debian:bookworm-slim
RUN echo made-by-run > /made.txt
RUN cat /made.txt
RUN echo done > /done.txt
`;

test("shell and shell --keep run in the editor's terminal through the engine's API", { timeout: TIMEOUT * 3 }, async () => {
  const dir = project({ Dockerfile: DOCKERFILE });
  const dockerfile = path.join(dir, 'Dockerfile');
  const dc = await adapter();
  const terminals = terminalsInTmux(dc);
  try {
    const session = await launch(dc, { dockerfile, contextPath: dir, noCache: true }, { supportsRunInTerminalRequest: true });
    await dc.setBreakpointsRequest({ source: { path: dockerfile }, breakpoints: [{ line: 3 }, { line: 4 }] });
    let stop = await stopAfter(dc, () => dc.configurationDoneRequest());
    assert.equal(stop.reason, 'breakpoint');
    let f = await frames(dc, 1);
    assert.equal(f[0].line, 3);

    // shell: stagesh attach-shell in the terminal, in the step's container, which it removes when the shell exits
    assert.match(await evaluate(dc, f[0].id, 'shell'), /a shell in container [0-9a-f]{12} of this step/);
    assert.equal(terminals.length, 1);
    const shell = terminals[0];
    const container = shell.args[shell.args.indexOf('--') - 1];
    assert.ok(path.isAbsolute(shell.args[0]) && shell.args.includes('attach-shell'), shell.args.join(' '));
    await shell.waitFor('NO-DOCKER-ON-PATH');
    await shell.waitForPrompt();
    shell.line('cat /made.txt; stty size; echo SH-$((40+2)) IN-$(hostname)');
    // what the RUN wrote, on a terminal of the window's size, in the container itself
    const shown = await shell.waitFor('\nmade-by-run\n50 160\nSH-42 IN-');
    assert.ok(container.startsWith(shown.match(/SH-42 IN-([0-9a-f]{12})/)[1]), `the container's host name:\n${shown}`);
    shell.line('exit 3');
    await shell.waitFor('ATTACH-EXITED-3');
    assert.ok(!containerExists(container), `the shell's container ${container} is gone after it exits`);
    assert.equal((await frames(dc, 1))[0].line, 3, 'shell changes no step');
    assert.match(await evaluate(dc, f[0].id, 'ls /'), /made\.txt/);
    assert.doesNotMatch(await evaluate(dc, f[0].id, 'ls /'), /kept\.txt/);

    // shell --keep: what was changed there becomes a step after this one, and the editor is told
    assert.match(await evaluate(dc, f[0].id, 'shell --keep'), /its changes become a step/);
    assert.equal(terminals.length, 2);
    const keep = terminals[1];
    const keptContainer = keep.args[keep.args.indexOf('--') - 1];
    await keep.waitFor('NO-DOCKER-ON-PATH');
    await keep.waitFor('bash');
    await keep.waitForPrompt();
    const kept = dc.waitForEvent('stopped');
    keep.line('echo kept > /kept.txt');
    keep.line('exit');
    await keep.waitFor('ATTACH-EXITED-0');
    stop = (await kept).body;
    assert.equal(stop.reason, 'step');
    assert.match(stop.description, /kept the shell's changes as step 3/);
    const said = dc.outputs.map((o) => o.output).join('');
    assert.match(said, /after line 2:\nRUN echo kept > \/kept\.txt\n/);
    f = await frames(dc, 1);
    assert.equal(f[0].line, 3, 'the kept step is done; the Dockerfile step at line 3 is next');
    assert.equal(await evaluate(dc, f[0].id, 'cat /kept.txt'), 'kept');
    assert.equal(await evaluate(dc, f[0].id, 'cat /made.txt'), 'made-by-run');
    assert.ok(!containerExists(keptContainer), `the kept shell's container ${keptContainer} is gone once kept`);

    // the Dockerfile's RUN runs on top of the kept step, and the breakpoint at line 4 still holds there:
    // the kept step, not in the file, moves no step number
    stop = await stopAfter(dc, () => dc.continueRequest({ threadId: 1 }));
    assert.equal(stop.reason, 'breakpoint');
    assert.equal((await frames(dc, 1))[0].line, 4);
    assert.ok(dc.outputs.some((o) => o.category === 'stdout' && o.output.includes('made-by-run')), 'RUN cat ran');
    stop = await stopAfter(dc, () => dc.continueRequest({ threadId: 1 }));
    assert.match(stop.description, /the build is done/);
    assert.equal((await frames(dc, 1))[0].line, 4, 'at the end the frame shows the last step of the file');
    assert.equal(await evaluate(dc, (await frames(dc, 1))[0].id, 'cat /kept.txt'), 'kept');
    await disconnect(dc, session);
  } finally {
    terminals.closeAll();
    dc.stopAdapter();
  }
});
