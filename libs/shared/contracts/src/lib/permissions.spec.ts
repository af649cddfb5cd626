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

describe('role permissions (rights)', () => {
  it('lets researchers apply, TTO managers review and set policy, admins set policy, nobody else', () => {
    expect(permissionsOf(['researcher']).has('empowerment:apply')).toBe(true);
    expect(permissionsOf(['researcher']).has('empowerment:review')).toBe(false);
    expect(permissionsOf(['tto_manager']).has('empowerment:review')).toBe(true);
    expect(permissionsOf(['tto_manager']).has('rights:policy')).toBe(true);
    expect(permissionsOf(['platform_admin']).has('rights:policy')).toBe(true);
    expect(permissionsOf(['enterprise_member']).has('empowerment:apply')).toBe(false);
  });
});
