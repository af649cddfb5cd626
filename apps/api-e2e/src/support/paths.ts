import os from 'node:os';
import path from 'node:path';

/** Workspace root (apps/api-e2e/src/support → ../../../..). */
export const WORKSPACE_ROOT = path.resolve(__dirname, '../../../..');

/** Where globalSetup leaves the state of one run: base URL, env secrets, log files. */
export const STATE_ENV = 'TTX_API_E2E_STATE';

export interface E2eState {
  baseUrl: string;
  env: Record<string, string>;
  logDir: string;
  apiLog: string;
  workerLog: string;
}

export function newStateFile(): string {
  return path.join(os.tmpdir(), `ttx-api-e2e-${process.pid}.json`);
}
