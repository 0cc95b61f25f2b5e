// What the DAP tests share: Microsoft's DAP test client (@vscode/debugadapter-testsupport) started on
// `stagesh dap` as an editor starts it, the requests the tests make, the check that a session left
// nothing, and an editor's terminal (runInTerminal) run for real in tmux.
// Env: STAGESH_JAR (the built jar). For the comparison with buildx, DAP_ADAPTER_SCRIPT names a
// shell script that starts another adapter (docker buildx dap build) instead; then the
// sessions' leftovers are not checked (buildx labels nothing), and the failures are the report.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import testsupport from '@vscode/debugadapter-testsupport';

const { DebugClient } = testsupport;
export const JAR = process.env.STAGESH_JAR;
export const OTHER = process.env.DAP_ADAPTER_SCRIPT;
assert.ok(OTHER || (JAR && fs.existsSync(JAR)), `STAGESH_JAR must name the built jar (got ${JAR})`);
export const TIMEOUT = Number(process.env.DAP_TIMEOUT || 120000);

/** A folder with these files; the Dockerfile is `Dockerfile`. */
export function project(files) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'stagesh-dap-'));
  for (const [name, text] of Object.entries(files)) {
    fs.writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

/** The adapter, started as an editor starts it: a process speaking DAP on stdio. */
export async function adapter() {
  let wrapper = OTHER;
  if (!wrapper) {
    wrapper = path.join(os.tmpdir(), `stagesh-dap-${process.pid}.sh`);
    fs.writeFileSync(wrapper, `exec java -jar '${JAR}' dap\n`);
  }
  const dc = new DebugClient('/bin/sh', wrapper, 'stagesh', { env: process.env }, true);
  dc.defaultTimeout = TIMEOUT;
  dc.outputs = [];
  dc.on('output', (e) => dc.outputs.push(e.body));
  await dc.start();
  dc.exited = new Promise((resolve) => dc._adapterProcess.on('exit', (code) => resolve(code)));
  return dc;
}

/** initialize + launch; returns the session id the adapter reports. */
export async function launch(dc, args, init = {}) {
  dc.capabilities = (await dc.initializeRequest({ adapterID: 'stagesh', linesStartAt1: true, columnsStartAt1: true,
    pathFormat: 'path', ...init })).body;
  const initialized = dc.waitForEvent('initialized');
  await dc.launchRequest(args);
  await initialized;
  if (OTHER) {
    return null;
  }
  const line = dc.outputs.map((o) => o.output).find((o) => /^stagesh session /.test(o));
  assert.ok(line, 'the adapter names its session');
  return line.split(' ')[2];
}

/** Sends a request and waits for the stopped event it causes (listening before sending). */
export async function stopAfter(dc, request) {
  const stopped = dc.waitForEvent('stopped');
  await request();
  return (await stopped).body;
}

export async function frames(dc, threadId) {
  return (await dc.stackTraceRequest({ threadId })).body.stackFrames;
}

export async function variables(dc, ref) {
  return (await dc.variablesRequest({ variablesReference: ref })).body.variables;
}

export async function scope(dc, frameId, name) {
  const scopes = (await dc.scopesRequest({ frameId })).body.scopes;
  const s = scopes.find((x) => x.name === name);
  assert.ok(s, `scope ${name} among ${scopes.map((x) => x.name)}`);
  return variables(dc, s.variablesReference);
}

export function named(vars, name) {
  const v = vars.find((x) => x.name === name);
  assert.ok(v, `variable ${name} among ${vars.map((x) => x.name)}`);
  return v;
}

export async function evaluate(dc, frameId, expression) {
  return (await dc.evaluateRequest({ expression, frameId, context: 'repl' })).body.result;
}

/** Disconnects; the adapter exits by itself and nothing labelled with its session is left. */
export async function disconnect(dc, session) {
  await dc.disconnectRequest({ terminateDebuggee: true });
  const code = await Promise.race([dc.exited, new Promise((r) => setTimeout(() => r('still running'), 30000))]);
  assert.equal(code, 0, 'the adapter exits 0 after disconnect');
  if (OTHER) {
    return; // another adapter's objects carry no stagesh.session label
  }
  const label = `label=stagesh.session=${session}`;
  for (const args of [['ps', '-aq', '--filter', label], ['images', '-q', '--filter', label],
    ['volume', 'ls', '-q', '--filter', label]]) {
    const left = execFileSync('docker', args, { encoding: 'utf8' }).trim();
    assert.equal(left, '', `docker ${args.join(' ')} is empty after disconnect`);
  }
}


/** A folder of links to every program on this machine's usual PATH but the docker CLI and its plugins. */
function pathWithoutDocker() {
  const bin = fs.mkdtempSync(path.join(os.tmpdir(), 'stagesh-nodocker-'));
  for (const folder of ['/usr/local/sbin', '/usr/local/bin', '/usr/sbin', '/usr/bin', '/sbin', '/bin']) {
    if (!fs.existsSync(folder)) {
      continue;
    }
    for (const name of fs.readdirSync(folder)) {
      const link = path.join(bin, name);
      if (!name.startsWith('docker') && !fs.existsSync(link)) {
        fs.symlinkSync(path.join(folder, name), link);
      }
    }
  }
  return bin;
}

function shQuote(word) {
  return `'${word.replaceAll("'", "'\\''")}'`;
}

/** Polls until `check(screen)` holds; returns the screen. */
async function until(what, read, check, timeout) {
  const end = Date.now() + timeout;
  let screen = '';
  while (Date.now() < end) {
    screen = read();
    if (check(screen)) {
      return screen;
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  assert.fail(`waited ${timeout} ms for ${what}; the terminal shows:\n${screen}`);
}

/**
 * An editor's terminal: the command runInTerminal names, run for real in a detached tmux window
 * (160x50) whose PATH has no docker CLI. It says NO-DOCKER-ON-PATH first, ATTACH-EXITED-<code> when
 * the command ends, and then stays a while to be read.
 */
function tmuxTerminal(request, bin) {
  const name = `stagesh-dap-${process.pid}-${Math.random().toString(16).slice(2, 8)}`;
  // set in the command itself: a tmux server already running keeps the environment it started with
  const env = Object.entries({ ...(request.env || {}), PATH: bin, NO_COLOR: '1' }).map(([k, v]) => `export ${k}=${shQuote(v)}; `);
  const command = `${env.join('')}command -v docker >/dev/null || echo NO-DOCKER-ON-PATH; `
    + `${request.args.map(shQuote).join(' ')}; echo ATTACH-EXITED-$?; sleep 120`;
  execFileSync('tmux', ['new-session', '-d', '-s', name, '-x', '160', '-y', '50', '-c', request.cwd || os.tmpdir(), command]);
  const screen = () => execFileSync('tmux', ['capture-pane', '-p', '-J', '-t', name, '-S', '-500'], { encoding: 'utf8' });
  return {
    args: request.args,
    screen,
    line(text) {
      execFileSync('tmux', ['send-keys', '-t', name, '-l', text]);
      execFileSync('tmux', ['send-keys', '-t', name, 'Enter']);
    },
    waitFor(text, timeout = TIMEOUT) {
      return until(JSON.stringify(text), screen, (s) => s.includes(text), timeout);
    },
    /** A shell's prompt ("/ #", "#" on Podman, "bash-5.2#") as the last line shown. */
    waitForPrompt(timeout = TIMEOUT) {
      return until('a shell prompt', screen, (s) => /#\s*$/.test(s.trimEnd()), timeout);
    },
    close() {
      try {
        execFileSync('tmux', ['kill-session', '-t', name], { stdio: 'ignore' });
      } catch {
        // gone already
      }
    },
  };
}

/**
 * Answers the adapter's runInTerminal requests as an editor does: each command runs in a terminal
 * of its own (see tmuxTerminal). The test client answers no reverse request, so they are caught
 * here. Returns the terminals, in the order they were asked for; closeAll() ends them.
 */
export function terminalsInTmux(dc) {
  const bin = pathWithoutDocker();
  const terminals = [];
  const dispatch = dc.dispatch.bind(dc);
  dc.dispatch = (body) => {
    const m = JSON.parse(body);
    if (m.type === 'request' && m.command === 'runInTerminal') {
      terminals.push(tmuxTerminal(m.arguments, bin));
      const answer = JSON.stringify({ type: 'response', seq: 0, request_seq: m.seq, command: m.command,
        success: true, body: {} });
      dc.outputStream.write(`Content-Length: ${Buffer.byteLength(answer, 'utf8')}\r\n\r\n${answer}`, 'utf8');
      return;
    }
    dispatch(body);
  };
  terminals.closeAll = () => {
    terminals.forEach((t) => t.close());
    fs.rmSync(bin, { recursive: true, force: true });
  };
  return terminals;
}

/** Whether the engine still has this container. */
export function containerExists(id) {
  try {
    execFileSync('docker', ['inspect', '--type', 'container', id], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}
