export * from './lib/accessible-label/accessible-label';
export * from './lib/brand/brand';
export * from './lib/empty-card/empty-card';
export * from './lib/area-card/area-card';
export * from './lib/org-picker/org-picker';
export * from './lib/responsive/responsive';
