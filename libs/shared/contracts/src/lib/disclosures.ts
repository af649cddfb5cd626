/**
 * DOMAIN.md §2 and API.md "Market": public notices (公示) of empowerment decisions and deals. Anyone may
 * read them; anyone signed in may object while a notice runs; the owner of the subject answers.
 */
export const DISCLOSURE_KINDS = ['empowerment', 'deal'] as const;
export type DisclosureKind = (typeof DISCLOSURE_KINDS)[number];

/** Derived from the dates: upcoming → open (objections accepted) → ended; withdrawn when the subject is dropped. */
export const DISCLOSURE_STATUSES = ['upcoming', 'open', 'ended', 'withdrawn'] as const;
export type DisclosureStatus = (typeof DISCLOSURE_STATUSES)[number];

export const OBJECTION_STATUSES = ['open', 'upheld', 'dismissed'] as const;
export type ObjectionStatus = (typeof OBJECTION_STATUSES)[number];

export interface ObjectionCounts {
  total: number;
  open: number;
  upheld: number;
  dismissed: number;
}
