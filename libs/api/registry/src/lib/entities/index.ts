import { ContractEntity } from './contract.entity';
import {
  ContractAttachmentEntity,
  ContractEventEntity,
  ContractImportEntity,
  ContractImportErrorEntity,
  ContractKindMomentsEntity,
  ContractNumberCounterEntity,
  ContractStatsEntity,
  RegistryIdempotencyEntity,
  RegistrySettingsEntity,
} from './registry-parts.entity';

export * from './contract.entity';
export * from './registry-parts.entity';

export const REGISTRY_ENTITIES = [
  ContractEntity,
  ContractEventEntity,
  ContractAttachmentEntity,
  ContractNumberCounterEntity,
  RegistrySettingsEntity,
  RegistryIdempotencyEntity,
  ContractImportEntity,
  ContractImportErrorEntity,
  ContractStatsEntity,
  ContractKindMomentsEntity,
];
