import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs';

function stop(child: ChildProcess, graceMs = 10_000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

export default async function globalTeardown(): Promise<void> {
  const handles = globalThis.__TTX_API_E2E__;
  if (!handles) return;
  globalThis.__TTX_API_E2E__ = undefined;
  await Promise.all(handles.children.map((c) => stop(c)));
  if (handles.stateFile) fs.rmSync(handles.stateFile, { force: true });
  await handles.db?.drop();
  if (handles.redis) {
    // Workspace paths were registered by globalSetup in this same process.
    const { dropRedisKeys } = require('@ttx/api/core/testing') as typeof import('@ttx/api/core/testing');
    await dropRedisKeys(handles.redis.url, handles.redis.prefix);
  }
  // Logs are kept only while something is wrong: the reporter has printed their tail already.
  if (handles.logDir && !process.env['TTX_API_E2E_KEEP_LOGS']) fs.rmSync(handles.logDir, { recursive: true, force: true });
}
