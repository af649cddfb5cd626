import fs from 'node:fs';

export default async function globalTeardown(): Promise<void> {
  const handles = globalThis.__TTX_API_E2E__;
  if (!handles) return;
  globalThis.__TTX_API_E2E__ = undefined;
  if (handles.stateFile) fs.rmSync(handles.stateFile, { force: true });
  // Stops api + worker, drops the database and the run's Redis keys. Logs are kept only while
  // something is wrong: the reporter has printed their tail already.
  await handles.platform?.stop({ keepLogs: !!process.env['TTX_API_E2E_KEEP_LOGS'] });
}
