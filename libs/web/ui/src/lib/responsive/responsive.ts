/**
 * `nzColumn` of a two-column nz-descriptions: two on a wide screen, one below the md breakpoint (a phone),
 * where two label/value pairs side by side would push the page wider than the screen.
 */
export const TWO_COLUMNS = { xxxl: 2, xxl: 2, xl: 2, lg: 2, md: 2, sm: 1, xs: 1 } as const;
