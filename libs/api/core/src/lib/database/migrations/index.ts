import { Foundation1763776800000 } from './1763776800000-foundation';
import { Catalog1763863200000 } from './1763863200000-catalog';
import { Disclosures1763949500000 } from './1763949500000-disclosures';
import { Rights1763949600000 } from './1763949600000-rights';
import { Registry1764036000000 } from './1764036000000-registry';
import { Market1764122400000 } from './1764122400000-market';
import { Brokerage1764208800000 } from './1764208800000-brokerage';
import { Licensing1764295200000 } from './1764295200000-licensing';
import { RegistryReviewImport1764468000000 } from './1764468000000-registry-review-import';
import { ListingConsents1764554400000 } from './1764554400000-listing-consents';
import { BrokerageRooms1764640800000 } from './1764640800000-brokerage-rooms';
import { MarketBidRefusal1765090000000 } from './1765090000000-market-bid-refusal';
import { AuditChainer1765090400000 } from './1765090400000-audit-chainer';
import { MatchCandidates1765100000000 } from './1765100000000-match-candidates';
import { MatchPairCap1765100100000 } from './1765100100000-match-pair-cap';
import { ContractNaturalKey1765140000000 } from './1765140000000-contract-natural-key';
import { NotificationCollapse1765180000000 } from './1765180000000-notification-collapse';

/** Listed explicitly (not globbed) so the webpack bundle and the CLI run the same set, in order. */
export const MIGRATIONS = [
  Foundation1763776800000,
  Catalog1763863200000,
  Disclosures1763949500000,
  Rights1763949600000,
  Registry1764036000000,
  Market1764122400000,
  Brokerage1764208800000,
  Licensing1764295200000,
  RegistryReviewImport1764468000000,
  ListingConsents1764554400000,
  BrokerageRooms1764640800000,
  MarketBidRefusal1765090000000,
  AuditChainer1765090400000,
  MatchCandidates1765100000000,
  MatchPairCap1765100100000,
  ContractNaturalKey1765140000000,
  NotificationCollapse1765180000000,
];
