// One scripted DAP session against an adapter, timed: launch to first stop, then two RUN `next`s.
// Used by bench.d/dap for stagesh dap and docker buildx dap build alike.
//   node dap-session.mjs ADAPTER_SCRIPT DOCKERFILE LAUNCH_JSON
// ADAPTER_SCRIPT is a shell script that starts the adapter on stdio; LAUNCH_JSON the launch
// arguments. Prints one JSON line: {"first": ms, "next": ms} or {"error": "..."}.
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(path.join(process.env.DAP_NODE, 'package.json'));
const { DebugClient } = require('@vscode/debugadapter-testsupport');
const [adapterScript, dockerfile, launchJson] = process.argv.slice(2);
const RUN_LINE = 2; // the Dockerfile's first RUN

async function session() {
  const dc = new DebugClient('/bin/sh', adapterScript, 'bench', { env: process.env });
  dc.defaultTimeout = 120000;
  const t0 = performance.now();
  await dc.start();
  try {
    await dc.initializeRequest();
    let stopped = dc.waitForEvent('stopped');
    await dc.launchRequest({ dockerfile, contextPath: path.dirname(dockerfile), stopOnEntry: true, ...JSON.parse(launchJson) });
    await dc.configurationDoneRequest();
    let ev = (await stopped).body;
    const first = performance.now() - t0;
    const line = async () => (await dc.stackTraceRequest({ threadId: ev.threadId })).body.stackFrames[0].line;
    for (let i = 0; i < 5 && (await line()) !== RUN_LINE; i++) {
      stopped = dc.waitForEvent('stopped');
      await dc.nextRequest({ threadId: ev.threadId });
      ev = (await stopped).body;
    }
    if ((await line()) !== RUN_LINE) {
      throw new Error(`never stopped before the RUN at line ${RUN_LINE}`);
    }
    // two RUN nexts: the first also waits for what the session makes in the background at
    // launch (its network namespace holder); the second is a step on its own
    const times = [];
    for (const expected of [RUN_LINE + 1, null]) {
      const t1 = performance.now();
      stopped = dc.waitForEvent('stopped');
      await dc.nextRequest({ threadId: ev.threadId });
      ev = (await stopped).body;
      times.push(Math.round(performance.now() - t1));
      if (expected !== null && (await line()) !== expected) {
        throw new Error(`after the RUN at line ${RUN_LINE}, not before line ${expected}`);
      }
    }
    return { first: Math.round(first), next: times[0], next2: times[1] };
  } finally {
    await Promise.race([dc.disconnectRequest({}).catch(() => {}), new Promise((r) => setTimeout(r, 20000))]);
    // the adapter ends its session on disconnect; wait for it to exit before the next run
    await new Promise((resolve) => {
      const p = dc._adapterProcess;
      if (!p || p.exitCode !== null) return resolve();
      const t = setTimeout(() => { p.kill(); resolve(); }, 20000);
      p.on('exit', () => { clearTimeout(t); resolve(); });
    });
  }
}

try {
  console.log(JSON.stringify(await session()));
} catch (e) {
  console.log(JSON.stringify({ error: String(e.message || e) }));
}
process.exit(0);
