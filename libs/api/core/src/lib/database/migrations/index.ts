import { Foundation1763776800000 } from './1763776800000-foundation';
import { Catalog1763863200000 } from './1763863200000-catalog';
import { Disclosures1763949500000 } from './1763949500000-disclosures';
import { Brokerage1764208800000 } from './1764208800000-brokerage';

/** Listed explicitly (not globbed) so the webpack bundle and the CLI run the same set, in order. */
export const MIGRATIONS = [Foundation1763776800000, Catalog1763863200000, Disclosures1763949500000, Brokerage1764208800000];
