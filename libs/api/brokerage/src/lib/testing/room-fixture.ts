import { CatalogSeeder } from '@ttx/api/catalog';
import { call, login, type TestApp } from '@ttx/api/core/testing';
import { DemoSeeder } from '@ttx/api/identity';
import { withPatentCheckCharacter } from '@ttx/shared/policy';
import { resolve } from 'node:path';
import { DataSource } from 'typeorm';

const SEEDS = resolve(__dirname, '../../../../../../seeds/demo');
const nextYear = () => `${new Date().getUTCFullYear() + 1}-06-30`;

/**
 * Test fixture shared by the brokerage specs that meet the market: the demo users, a broker profile, and
 * helpers for a published achievement of the demo university (tto@demo.ttx is its TTO manager), a demand
 * of an enterprise and a deal room where everyone signed the NDA.
 */
export class RoomFixture {
  readonly tokens: Record<string, string> = {};
  readonly orgs: Record<string, string> = {};
  private seq = 0;

  constructor(readonly t: TestApp) {}

  get ds(): DataSource {
    return this.t.app.get(DataSource);
  }

  async seed(): Promise<this> {
    await this.t.app.get(DemoSeeder).seed(resolve(SEEDS, 'identity.json'));
    await this.ds.transaction((m) => this.t.app.get(CatalogSeeder).seedFields(m, resolve(SEEDS, 'fields.json')));
    for (const who of ['admin', 'tto', 'researcher', 'sme', 'enterprise', 'broker']) this.tokens[who] = await login(this.t.app, `${who}@demo.ttx`);
    for (const who of ['tto', 'sme', 'enterprise']) {
      const [r] = await this.ds.query(`SELECT m.organization_id FROM memberships m JOIN users u ON u.id = m.user_id WHERE u.email = $1 ORDER BY m.created_at LIMIT 1`, [`${who}@demo.ttx`]);
      this.orgs[who] = r.organization_id;
    }
    const profile = await call(this.t.app, 'PUT', '/api/brokers/me', { token: this.tokens['broker'], body: { certificationNumber: 'JSJJR-2025-0777', fieldCodes: ['01'] } });
    if (profile.status !== 200) throw new Error(`broker profile: ${profile.status} ${profile.body}`);
    return this;
  }

  /** A published achievement of the demo university. */
  async achievement(): Promise<string> {
    const n = 200000 + ++this.seq;
    const body = {
      kind: 'invention_patent',
      title: { zh: `一种储能电池热管理方法${n}`, en: `Battery thermal management ${n}` },
      abstract: { zh: '提高储能电池寿命。', en: 'Longer battery life.' },
      fieldCode: '01.01',
      dealTypes: ['transfer', 'licence'],
      ipRecords: [{ number: withPatentCheckCharacter(`2024${String(n).padStart(8, '0')}`), office: 'CNIPA', status: 'granted', expiryDate: '2043-01-01' }],
      inventors: [{ name: '李伟', sharePct: 100 }],
    };
    const c = await call(this.t.app, 'POST', '/api/achievements', { token: this.tokens['tto'], body });
    if (c.status !== 201) throw new Error(`achievement: ${c.status} ${c.body}`);
    for (const step of ['submit', 'publish']) await call(this.t.app, 'POST', `/api/achievements/${c.json.id}/${step}`, { token: this.tokens['tto'] });
    return c.json.id as string;
  }

  /** A negotiation listing of the achievement by its TTO. */
  async listing(achievementId: string, over: Record<string, unknown> = {}): Promise<string> {
    const res = await call(this.t.app, 'POST', '/api/listings', { token: this.tokens['tto'], body: { achievementId, method: 'negotiation', dealType: 'transfer', ...over } });
    if (res.status !== 201) throw new Error(`listing: ${res.status} ${res.body}`);
    return res.json.id as string;
  }

  /** A room opened by the broker for a new demand of `enterprise`, the enterprise and the TTO invited, NDA signed by all. */
  async room(achievementId: string, enterprise = 'sme'): Promise<string> {
    const d = await call(this.t.app, 'POST', '/api/demands', {
      token: this.tokens[enterprise],
      body: { title: { zh: `寻求电池热管理技术${++this.seq}` }, summary: { zh: '储能电站需要热管理方案' }, dealTypes: ['transfer', 'licence'], deadline: nextYear() },
    });
    if (d.status !== 201) throw new Error(`demand: ${d.status} ${d.body}`);
    const r = await call(this.t.app, 'POST', '/api/deal-rooms', { token: this.tokens['broker'], body: { demandId: d.json.id, achievementId } });
    if (r.status !== 201) throw new Error(`room: ${r.status} ${r.body}`);
    const roomId = r.json.id as string;
    for (const email of [`${enterprise}@demo.ttx`, 'tto@demo.ttx']) await call(this.t.app, 'POST', `/api/deal-rooms/${roomId}/members`, { token: this.tokens['broker'], body: { email } });
    for (const who of ['broker', enterprise, 'tto']) await call(this.t.app, 'POST', `/api/deal-rooms/${roomId}/nda`, { token: this.tokens[who] });
    return roomId;
  }

  /** The broker proposes, the enterprise agrees. */
  async agreeCommission(roomId: string, body: { rateBp?: number; amountFen?: number }, enterprise = 'sme'): Promise<void> {
    const p = await call(this.t.app, 'PUT', `/api/deal-rooms/${roomId}/commission`, { token: this.tokens['broker'], body });
    if (p.status !== 200) throw new Error(`commission: ${p.status} ${p.body}`);
    const a = await call(this.t.app, 'POST', `/api/deal-rooms/${roomId}/commission/agree`, { token: this.tokens[enterprise] });
    if (a.status !== 200) throw new Error(`agree: ${a.status} ${a.body}`);
  }
}
