import { getMetadataStorage } from 'class-validator';

type Storage = ReturnType<typeof getMetadataStorage>;
type Metadata = ReturnType<Storage['getTargetValidationMetadatas']>;
type Grouped = ReturnType<Storage['groupByPropertyName']>;
type Target = Parameters<Storage['getTargetValidationMetadatas']>[0];

const memoized = new WeakSet<Storage>();

/**
 * class-validator derives a DTO's rules again on every `validate()`: it scans every decorated class of the
 * app (hundreds here) for superclasses and regroups the result by property — a few percent of the api's CPU
 * on a hot route (the market bench's bid endpoint). The rules only change when a decorator runs, so answers
 * are kept per class and options, and dropped whenever metadata is added (a class loaded later). Callers
 * only read the arrays returned, so handing out the same ones is safe.
 */
export function memoizeValidationMetadata(storage: Storage = getMetadataStorage()): void {
  if (memoized.has(storage)) return;
  memoized.add(storage);
  let byTarget = new Map<Target, Map<string, Metadata>>();
  let grouped = new WeakMap<Metadata, Grouped>();
  const clear = () => {
    byTarget = new Map();
    grouped = new WeakMap();
  };
  const derive = storage.getTargetValidationMetadatas.bind(storage);
  const group = storage.groupByPropertyName.bind(storage);
  const addValidation = storage.addValidationMetadata.bind(storage);
  const addConstraint = storage.addConstraintMetadata.bind(storage);
  storage.getTargetValidationMetadatas = (target, schema, always, strictGroups, groups) => {
    const key = `${schema}\u0000${always}\u0000${strictGroups}\u0000${groups?.join('\u0001') ?? ''}`;
    let forTarget = byTarget.get(target);
    if (!forTarget) byTarget.set(target, (forTarget = new Map()));
    let found = forTarget.get(key);
    if (!found) forTarget.set(key, (found = derive(target, schema, always, strictGroups, groups)));
    return found;
  };
  storage.groupByPropertyName = (metadata) => {
    let found = grouped.get(metadata);
    if (!found) grouped.set(metadata, (found = group(metadata)));
    return found;
  };
  storage.addValidationMetadata = (metadata) => {
    clear();
    addValidation(metadata);
  };
  storage.addConstraintMetadata = (metadata) => {
    clear();
    addConstraint(metadata);
  };
}
