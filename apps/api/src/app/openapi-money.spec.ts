import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

/**
 * Money is integer fen everywhere (@Fen() / @ApiFen() of api/core): the committed OpenAPI document (kept equal to
 * the generated one by client-staleness.spec) must say `integer` for every amount, so clients see no fractions.
 */
const doc = JSON.parse(readFileSync(resolve(__dirname, '../../../../libs/web/api-client/openapi.json'), 'utf8'));

it('types every money amount (a *Fen property or one described in fen) as an integer', () => {
  const amounts: string[] = [];
  const numbers: string[] = [];
  for (const [schema, s] of Object.entries<{ properties?: Record<string, { type?: string; description?: string; $ref?: string; allOf?: unknown[] }> }>(doc.components.schemas)) {
    for (const [name, p] of Object.entries(s.properties ?? {})) {
      if (p.$ref || p.allOf) continue; // an object of amounts (e.g. a budget range), checked as its own schema
      if (!/Fen$/.test(name) && !/\bfen\b/i.test(p.description ?? '')) continue;
      amounts.push(`${schema}.${name}`);
      if (p.type !== 'integer') numbers.push(`${schema}.${name}: ${p.type}`);
    }
  }
  expect(amounts.length).toBeGreaterThan(50);
  expect(numbers).toEqual([]);
});

it('documents the bounds of validated money inputs', () => {
  const listing = doc.components.schemas.CreateListingDto.properties.price;
  expect(listing).toMatchObject({ type: 'integer', minimum: 1, maximum: 10_000_000_000_000 });
  expect(doc.components.schemas.PriceRangeDto.properties.minFen).toMatchObject({ type: 'integer', minimum: 0 });
  expect(doc.components.schemas.CreatePaymentDto.properties.amount).toMatchObject({ type: 'integer', minimum: 1 });
});
