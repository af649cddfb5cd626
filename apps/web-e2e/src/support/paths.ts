import os from 'node:os';
import path from 'node:path';

/** Workspace root (apps/web-e2e/src/support → ../../../..). */
export const WORKSPACE_ROOT = path.resolve(__dirname, '../../../..');

/** Where globalSetup leaves the state of one run: base URL and log files. */
export const STATE_ENV = 'TTX_WEB_E2E_STATE';
/** Set (by the reporter or a failed journey) to keep the log dir after the run. */
export const KEEP_LOGS_ENV = 'TTX_WEB_E2E_KEEP_LOGS';

export interface E2eState {
  baseUrl: string;
  /** The run's own database, for journeys that must move time (e.g. a licence started months ago). */
  databaseUrl: string;
  logDir: string;
  apiLog: string;
  workerLog: string;
}

export function newStateFile(): string {
  return path.join(os.tmpdir(), `ttx-web-e2e-${process.pid}.json`);
}
