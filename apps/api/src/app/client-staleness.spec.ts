import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { generateClient, jsonDiff, treeDiff } from './client-staleness';
import { appOpenApiDocument } from './openapi-document';

const root = resolve(__dirname, '../../../..');
const committedDoc = join(root, 'libs/web/api-client/openapi.json');
const committedClient = join(root, 'libs/web/api-client/src/generated');
const FIX = 'run `npx nx run api:openapi` and commit libs/web/api-client';

describe('generated Angular client', () => {
  jest.setTimeout(60_000);

  it('has an openapi.json equal to what the API serves', async () => {
    const live = JSON.parse(JSON.stringify(await appOpenApiDocument()));
    const diff = jsonDiff(live, JSON.parse(readFileSync(committedDoc, 'utf8')));
    if (diff.length) throw new Error(`libs/web/api-client/openapi.json is stale at ${diff.join(', ')} — ${FIX}`);
  });

  it('has generated code equal to ng-openapi-gen output for that document', () => {
    const fresh = generateClient(root, committedDoc);
    try {
      expect(treeDiff(fresh.dir, committedClient)).toEqual([]);
    } finally {
      fresh.cleanup();
    }
  });

  it('detects a stale client (fixture: the API gained an operation the client lacks)', async () => {
    const live = JSON.parse(JSON.stringify(await appOpenApiDocument()));
    live.paths['/api/fixture'] = { get: { operationId: 'fixtureOnly', responses: { 200: { description: 'ok' } } } };
    expect(jsonDiff(live, JSON.parse(readFileSync(committedDoc, 'utf8')))).toEqual(['$.paths./api/fixture']);
    const tmpDoc = join(require('node:os').tmpdir(), `ttx-fixture-${process.pid}.json`);
    writeFileSync(tmpDoc, JSON.stringify(live));
    const fresh = generateClient(root, tmpDoc);
    try {
      expect(treeDiff(fresh.dir, committedClient)).toEqual(expect.arrayContaining(['fn/operations/fixture-only.ts', 'functions.ts']));
    } finally {
      fresh.cleanup();
    }
  });
});
