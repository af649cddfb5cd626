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

describe('role permissions (brokerage)', () => {
  it('lets enterprises post demands, brokers keep a profile and open rooms, TTO managers open rooms, only admins manage credit', () => {
    expect(permissionsOf(['enterprise_member']).has('demand:write')).toBe(true);
    expect(permissionsOf(['researcher']).has('demand:write')).toBe(false);
    expect(permissionsOf(['broker']).has('broker:write')).toBe(true);
    expect(permissionsOf(['broker']).has('deal-room:open')).toBe(true);
    expect(permissionsOf(['tto_manager']).has('deal-room:open')).toBe(true);
    expect(permissionsOf(['enterprise_member']).has('deal-room:open')).toBe(false);
    expect(permissionsOf(['platform_admin']).has('credit:manage')).toBe(true);
    expect(permissionsOf(['broker']).has('credit:manage')).toBe(false);
  });
});
