import { permissionsOf } from './permissions';

describe('role permissions (catalog)', () => {
  it('lets researchers and TTO managers write achievements, only TTO managers publish, enterprises accept NDAs', () => {
    expect(permissionsOf(['researcher']).has('achievement:write')).toBe(true);
    expect(permissionsOf(['researcher']).has('achievement:publish')).toBe(false);
    expect(permissionsOf(['tto_manager']).has('achievement:publish')).toBe(true);
    expect(permissionsOf(['enterprise_member']).has('achievement:nda')).toBe(true);
    expect(permissionsOf(['broker']).has('achievement:write')).toBe(false);
    expect(permissionsOf([]).has('authenticated')).toBe(true);
  });
});
