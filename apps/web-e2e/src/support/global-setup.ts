import fs from 'node:fs';
import path from 'node:path';
// Boots the built api (serving the built web app) + worker with the api's own test helper.
import type { BuiltPlatform } from '@ttx/api/core/testing';
import { KEEP_LOGS_ENV, STATE_ENV, WORKSPACE_ROOT, newStateFile, type E2eState } from './paths';
import globalTeardown from './global-teardown';

export interface E2eHandles {
  platform?: BuiltPlatform;
  stateFile?: string;
}

declare global {
  var __TTX_WEB_E2E__: E2eHandles | undefined;
}

/** globalSetup is not run through jest's resolver: map the workspace's `@ttx/*` paths here. */
function registerWorkspacePaths(): void {
  const tsconfigPaths = require('tsconfig-paths') as typeof import('tsconfig-paths');
  const loaded = tsconfigPaths.loadConfig(path.join(WORKSPACE_ROOT, 'tsconfig.base.json'));
  if (loaded.resultType !== 'success') throw new Error(`web-e2e: cannot read tsconfig.base.json: ${loaded.message}`);
  tsconfigPaths.register({ baseUrl: loaded.absoluteBaseUrl, paths: loaded.paths, addMatchAll: false });
}

/** Shared with the rights journey, which waits for a notice to end. */
export const RIGHTS_NOTICE_DAY_MS = 2_000;

export default async function globalSetup(): Promise<void> {
  try {
    await boot();
  } catch (e) {
    // Jest does not run globalTeardown when globalSetup fails: stop what was started here.
    process.env[KEEP_LOGS_ENV] = '1';
    await globalTeardown();
    throw e;
  }
}

async function boot(): Promise<void> {
  registerWorkspacePaths();
  // Required only after the paths are registered (an import would be hoisted above that).
  const { bootBuiltPlatform } = require('@ttx/api/core/testing') as typeof import('@ttx/api/core/testing');

  const handles: E2eHandles = {};
  globalThis.__TTX_WEB_E2E__ = handles;
  // Demo users (tto@demo.ttx, ...) and the web bundle; stops itself and keeps its logs when it fails.
  // Public notices (公示) last 15 "days" of 2 s each, so the rights journey sees one end (RIGHTS_NOTICE_DAY_MS).
  const platform = await bootBuiltPlatform({ seedDemo: true, web: true, logPrefix: 'ttx-web-e2e-', env: { RIGHTS_NOTICE_DAY_MS: String(RIGHTS_NOTICE_DAY_MS) } });
  handles.platform = platform;

  const state: E2eState = {
    baseUrl: platform.baseUrl,
    databaseUrl: platform.env['DATABASE_URL'],
    logDir: platform.logDir,
    apiLog: platform.logs.api,
    workerLog: platform.logs.worker,
  };
  handles.stateFile = newStateFile();
  fs.writeFileSync(handles.stateFile, JSON.stringify(state), { mode: 0o600 });
  // Test files (in band or in workers started after this) find the state through the environment.
  process.env[STATE_ENV] = handles.stateFile;
}
