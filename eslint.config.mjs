import nx from '@nx/eslint-plugin';

/**
 * Module boundaries: every project carries one scope:* and one type:* tag.
 * There is deliberately no '*' -> '*' rule, so an untagged project cannot import anything.
 */
export const depConstraints = [
  { sourceTag: 'scope:shared', onlyDependOnLibsWithTags: ['scope:shared'] },
  { sourceTag: 'scope:api', onlyDependOnLibsWithTags: ['scope:api', 'scope:shared'] },
  { sourceTag: 'scope:web', onlyDependOnLibsWithTags: ['scope:web', 'scope:shared'] },
  // Benchmarks and e2e suites drive the api from outside but reuse its testing helpers and SQL.
  { sourceTag: 'scope:tools', onlyDependOnLibsWithTags: ['scope:shared', 'scope:api'] },
  { sourceTag: 'scope:e2e', onlyDependOnLibsWithTags: ['scope:shared', 'scope:api', 'scope:web'] },
  {
    sourceTag: 'type:app',
    onlyDependOnLibsWithTags: ['type:feature', 'type:core', 'type:data-access', 'type:ui', 'type:util', 'type:contracts'],
  },
  { sourceTag: 'type:feature', onlyDependOnLibsWithTags: ['type:feature', 'type:core', 'type:data-access', 'type:ui', 'type:util', 'type:contracts'] },
  { sourceTag: 'type:core', onlyDependOnLibsWithTags: ['type:core', 'type:data-access', 'type:util', 'type:contracts'] },
  { sourceTag: 'type:data-access', onlyDependOnLibsWithTags: ['type:data-access', 'type:util', 'type:contracts'] },
  { sourceTag: 'type:ui', onlyDependOnLibsWithTags: ['type:ui', 'type:util', 'type:contracts'] },
  { sourceTag: 'type:util', onlyDependOnLibsWithTags: ['type:util', 'type:contracts'] },
  { sourceTag: 'type:contracts', onlyDependOnLibsWithTags: ['type:contracts'] },
  { sourceTag: 'type:e2e', onlyDependOnLibsWithTags: ['type:core', 'type:util', 'type:contracts'] },
  { sourceTag: 'type:tool', onlyDependOnLibsWithTags: ['type:feature', 'type:core', 'type:util', 'type:contracts'] },
];

export default [
  ...nx.configs['flat/base'],
  ...nx.configs['flat/typescript'],
  ...nx.configs['flat/javascript'],
  { ignores: ['**/dist', '**/out-tsc', '**/node_modules', '.data/**', 'libs/web/api-client/src/generated/**'] },
  {
    files: ['**/*.ts', '**/*.tsx', '**/*.js', '**/*.jsx'],
    rules: {
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: true,
          allow: ['^.*/eslint(\\.base)?\\.config\\.[cm]?[jt]s$'],
          depConstraints,
        },
      ],
    },
  },
];
