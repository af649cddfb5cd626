/** `s` with LIKE's wildcards (% and _) and the escape character taken literally (PostgreSQL's default ESCAPE '\'). */
export const likeEscape = (s: string): string => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/** An ILIKE pattern for "contains `s`", its wildcards taken literally: what users mean when they type a filter. */
export const containsPattern = (s: string): string => `%${likeEscape(s)}%`;
