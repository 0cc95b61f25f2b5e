// Which DAP requests an adapter answers: each request is sent on its own, in a fresh session
// stopped at its first step (so one that breaks the adapter does not hide the others), and its
// answer recorded: "ok", "error: <message>", or "no answer" (10 s), and whether the adapter
// still answers a threads request after it.
//   node dap-requests.mjs ADAPTER_SCRIPT DOCKERFILE LAUNCH_JSON   (prints JSON lines)
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(path.join(process.env.DAP_NODE, 'package.json'));
const { DebugClient } = require('@vscode/debugadapter-testsupport');
const [adapterScript, dockerfile, launchJson] = process.argv.slice(2);
const WAIT = 10000;

const requests = {
  threads: () => ({}),
  stackTrace: (s) => ({ threadId: s.threadId }),
  scopes: (s) => ({ frameId: s.frameId }),
  variables: (s) => ({ variablesReference: s.ref }),
  evaluate: (s) => ({ expression: 'ls /', frameId: s.frameId, context: 'repl' }),
  setBreakpoints: () => ({ source: { path: dockerfile }, breakpoints: [{ line: 3 }] }),
  setFunctionBreakpoints: () => ({ breakpoints: [{ name: 'RUN' }] }),
  setExceptionBreakpoints: () => ({ filters: [] }),
  breakpointLocations: () => ({ source: { path: dockerfile }, line: 1, endLine: 4 }),
  configurationDone: () => ({}), // the second one
  next: (s) => ({ threadId: s.threadId }),
  stepIn: (s) => ({ threadId: s.threadId }),
  stepOut: (s) => ({ threadId: s.threadId }),
  stepBack: (s) => ({ threadId: s.threadId }),
  reverseContinue: (s) => ({ threadId: s.threadId }),
  continue: (s) => ({ threadId: s.threadId }),
  pause: (s) => ({ threadId: s.threadId }),
  restart: () => ({}),
  terminate: () => ({}),
  exceptionInfo: (s) => ({ threadId: s.threadId }),
  loadedSources: () => ({}),
  source: () => ({ source: { path: dockerfile }, sourceReference: 0 }),
  setVariable: (s) => ({ variablesReference: s.ref, name: 'x', value: '1' }),
  setExpression: (s) => ({ expression: 'x', value: '1', frameId: s.frameId }),
  completions: (s) => ({ text: 'l', column: 2, frameId: s.frameId }),
  goto: (s) => ({ threadId: s.threadId, targetId: 1 }),
  gotoTargets: () => ({ source: { path: dockerfile }, line: 2 }),
  restartFrame: (s) => ({ frameId: s.frameId }),
  stepInTargets: (s) => ({ frameId: s.frameId }),
  modules: () => ({}),
  terminateThreads: (s) => ({ threadIds: [s.threadId] }),
  dataBreakpointInfo: (s) => ({ name: 'x', variablesReference: s.ref }),
  setDataBreakpoints: () => ({ breakpoints: [] }),
  setInstructionBreakpoints: () => ({ breakpoints: [] }),
  readMemory: () => ({ memoryReference: '0', count: 1 }),
  disassemble: () => ({ memoryReference: '0', instructionCount: 1 }),
  cancel: () => ({ requestId: 1 }),
  attach: () => ({}),
  noSuchRequest: () => ({}),
  disconnect: () => ({}),
};

function within(promise, ms) {
  return Promise.race([promise, new Promise((_, reject) => setTimeout(() => reject(new Error('no answer')), ms))]);
}

async function probe(name) {
  const dc = new DebugClient('/bin/sh', adapterScript, 'probe', { env: process.env });
  dc.defaultTimeout = 60000;
  await dc.start();
  const result = { request: name };
  try {
    await dc.initializeRequest();
    const stopped = dc.waitForEvent('stopped');
    await dc.launchRequest({ dockerfile, contextPath: path.dirname(dockerfile), stopOnEntry: true, ...JSON.parse(launchJson) });
    await dc.configurationDoneRequest();
    const s = { threadId: (await stopped).body.threadId };
    s.frameId = (await dc.stackTraceRequest({ threadId: s.threadId })).body.stackFrames[0].id;
    s.ref = (await dc.scopesRequest({ frameId: s.frameId })).body.scopes[0].variablesReference;
    try {
      await within(dc.send(name, requests[name](s)), WAIT);
      result.answer = 'ok';
    } catch (e) {
      result.answer = e.message === 'no answer' ? 'no answer' : `error: ${String(e.message).split('\n')[0].slice(0, 80)}`;
    }
    if (name !== 'disconnect' && name !== 'terminate') {
      try {
        await within(dc.threadsRequest(), WAIT);
        result.after = 'goes on';
      } catch (e) {
        result.after = 'stops answering';
      }
    }
  } catch (e) {
    result.answer = `setup failed: ${e.message}`;
  } finally {
    await within(dc.disconnectRequest({}), 15000).catch(() => {});
    await new Promise((resolve) => {
      const p = dc._adapterProcess;
      if (!p || p.exitCode !== null) return resolve();
      const t = setTimeout(() => { result.exit = 'hangs after disconnect'; p.kill('SIGKILL'); resolve(); }, 15000);
      p.on('exit', () => { clearTimeout(t); resolve(); });
    });
  }
  return result;
}

for (const name of Object.keys(requests)) {
  console.log(JSON.stringify(await probe(name)));
}
process.exit(0);
