export * from './lib/rights.module';
export * from './lib/policy/policies.service';
export * from './lib/policy/policies.module';
export * from './lib/empowerments/empowerments.service';
export * from './lib/empowerments/empowerment-finalizer.service';
export * from './lib/ownership/ownership.service';
export * from './lib/seed/rights-seeder';
