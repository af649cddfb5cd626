import fs from 'node:fs';
import { KEEP_LOGS_ENV } from './paths';

export default async function globalTeardown(): Promise<void> {
  const handles = globalThis.__TTX_WEB_E2E__;
  if (!handles) return;
  globalThis.__TTX_WEB_E2E__ = undefined;
  if (handles.stateFile) fs.rmSync(handles.stateFile, { force: true });
  // Stops api + worker, drops the database and the run's Redis keys. Logs (and failure
  // screenshots) are kept only while something is wrong: the reporter has named them already.
  await handles.platform?.stop({ keepLogs: !!process.env[KEEP_LOGS_ENV] });
}
