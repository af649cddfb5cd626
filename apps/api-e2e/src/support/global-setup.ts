import fs from 'node:fs';
import path from 'node:path';
// e2e boots the built api + worker with the api's own test helper (fresh migrated database, own Redis prefix).
import type { BuiltPlatform } from '@ttx/api/core/testing';
import { STATE_ENV, WORKSPACE_ROOT, newStateFile, type E2eState } from './paths';
import globalTeardown from './global-teardown';

export interface E2eHandles {
  platform?: BuiltPlatform;
  stateFile?: string;
}

declare global {
  var __TTX_API_E2E__: E2eHandles | undefined;
}

/** globalSetup is not run through jest's resolver: map the workspace's `@ttx/*` paths here. */
function registerWorkspacePaths(): void {
  const tsconfigPaths = require('tsconfig-paths') as typeof import('tsconfig-paths');
  const loaded = tsconfigPaths.loadConfig(path.join(WORKSPACE_ROOT, 'tsconfig.base.json'));
  if (loaded.resultType !== 'success') throw new Error(`api-e2e: cannot read tsconfig.base.json: ${loaded.message}`);
  tsconfigPaths.register({ baseUrl: loaded.absoluteBaseUrl, paths: loaded.paths, addMatchAll: false });
}

export default async function globalSetup(): Promise<void> {
  try {
    await boot();
  } catch (e) {
    // Jest does not run globalTeardown when globalSetup fails: stop what was started here.
    process.env['TTX_API_E2E_KEEP_LOGS'] = '1';
    await globalTeardown();
    throw e;
  }
}

async function boot(): Promise<void> {
  registerWorkspacePaths();
  // Required only after the paths are registered (an import would be hoisted above that).
  const { bootBuiltPlatform } = require('@ttx/api/core/testing') as typeof import('@ttx/api/core/testing');

  const handles: E2eHandles = {};
  globalThis.__TTX_API_E2E__ = handles;
  // Stops and cleans up after itself (keeping the logs) when it fails; its error carries the log tails.
  // A public-notice (公示) day lasts 200 ms here, so the rights journey sees the worker end a 15-day notice in 3 s.
  const platform = await bootBuiltPlatform({ seedDemo: true, logPrefix: 'ttx-api-e2e-', env: { RIGHTS_NOTICE_DAY_MS: '200' } });
  handles.platform = platform;

  const state: E2eState = {
    baseUrl: platform.baseUrl,
    env: platform.env,
    logDir: platform.logDir,
    apiLog: platform.logs.api,
    workerLog: platform.logs.worker,
  };
  handles.stateFile = newStateFile();
  fs.writeFileSync(handles.stateFile, JSON.stringify(state), { mode: 0o600 });
  // Test files (in band or in workers started after this) find the state through the environment.
  process.env[STATE_ENV] = handles.stateFile;
}
