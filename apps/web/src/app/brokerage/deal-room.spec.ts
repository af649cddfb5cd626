import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting, type TestRequest } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import type { DealRoomLiveEvent } from '@ttx/shared/contracts';
import { provideApiClient } from '@ttx/web/api-client';
import { AUTH_STORAGE_KEY, LANG_STORAGE_KEY, LiveClient, type LiveHandlers } from '@ttx/web/core';
import { provideNzIcons } from 'ng-zorro-antd/icon';
import { translocoTesting } from '../../testing/i18n';
import { APP_ICONS } from '../app-icons';
import { DealRoom, ROOM_POLL_MS } from './deal-room';

const tick = () => new Promise((r) => setTimeout(r));
const room = {
  id: 'r1',
  stage: 'negotiating',
  demandId: 'd1',
  achievementId: 'a1',
  demandTitle: '寻求热管理技术',
  achievementTitle: '电池热管理',
  brokerId: 'b1',
  createdAt: '2026-12-01T00:00:00Z',
  members: [{ userId: 'u', displayName: 'Ada', role: 'enterprise', organizationName: null, ndaAcceptedAt: '2026-12-01T00:00:00Z' }],
  checklist: [],
  commission: { rateBp: null, amountFen: null, agreedAt: null },
  offers: [],
  ndaAccepted: true,
  closedAt: null,
  deal: null,
};
const message = (seq: number, body: string) => ({ seq, authorId: 'b', authorName: 'Broker', body, createdAt: '2026-12-01T00:00:00Z' });
const isMessages = (since: number) => (r: { url: string; params: { get(k: string): string | null } }) => r.url === '/api/deal-rooms/r1/messages' && r.params.get('since') === String(since);

describe('DealRoom live messages', () => {
  let handlers: LiveHandlers<DealRoomLiveEvent> | undefined;
  let channel: string | undefined;
  afterEach(() => {
    jest.useRealTimers();
    localStorage.clear();
  });

  async function setup(lang: 'zh-CN' | 'en-US' = 'en-US', shown: Record<string, unknown> = {}) {
    jest.useFakeTimers({ advanceTimers: true });
    localStorage.setItem(LANG_STORAGE_KEY, lang);
    localStorage.setItem(AUTH_STORAGE_KEY, JSON.stringify({ accessToken: 'a', refreshToken: 'r', user: { id: 'u', email: 'e', displayName: 'Ada', roles: ['enterprise_member'], memberships: [] } }));
    const live = { subscribe: (c: string, _e: string, h: LiveHandlers<DealRoomLiveEvent>) => ((channel = c), (handlers = h), { close: () => undefined }) };
    TestBed.configureTestingModule({
      imports: [translocoTesting(lang)],
      providers: [provideRouter([]), provideHttpClient(), provideHttpClientTesting(), provideApiClient(), provideNzIcons(APP_ICONS), { provide: LiveClient, useValue: live }],
    });
    const fixture = TestBed.createComponent(DealRoom);
    fixture.componentRef.setInput('id', 'r1');
    const http = TestBed.inject(HttpTestingController);
    const settle = async () => {
      await tick();
      await fixture.whenStable();
    };
    await settle();
    http.expectOne('/api/deal-rooms/r1').flush({ ...room, ...shown });
    await settle();
    http.expectOne(isMessages(0)).flush({ items: [message(1, '你好')], cursor: 1 });
    await settle();
    const texts = () => [...(fixture.nativeElement as HTMLElement).querySelectorAll('[data-testid="room-message"]')].map((e) => e.textContent?.trim());
    const status = () => (fixture.nativeElement as HTMLElement).querySelector('[data-testid="room-live"]')?.textContent?.trim();
    const closedNotice = () => (fixture.nativeElement as HTMLElement).querySelector('[data-testid="room-closed"]')?.textContent?.trim();
    const stage = () => (fixture.nativeElement as HTMLElement).querySelector('[data-testid="room-stage"]')?.textContent?.trim();
    const members = () => [...(fixture.nativeElement as HTMLElement).querySelectorAll('[data-testid="room-member"] nz-tag')].map((e) => e.textContent?.trim());
    return { http, settle, texts, status, closedNotice, stage, members, el: fixture.nativeElement as HTMLElement };
  }

  // Walkthrough: the member's NDA tag was a hard-coded English "NDA" in the zh UI.
  it('names a member who signed the NDA in the UI language', async () => {
    const { members } = await setup('zh-CN');
    expect(members()).toEqual(['需求方', '已签保密协议']);
  });

  it('polls every 2 s until the live channel is joined, then fetches on each pushed message', async () => {
    const { http, settle, texts, status, closedNotice, stage } = await setup();
    expect(channel).toBe('room:r1');
    expect(status()).toBe('Polling');
    jest.advanceTimersByTime(ROOM_POLL_MS);
    await settle();
    http.expectOne(isMessages(1)).flush({ items: [], cursor: 1 });

    handlers?.joined?.(true);
    await settle();
    http.expectOne(isMessages(1)).flush({ items: [], cursor: 1 }); // catch-up after joining
    await settle();
    expect(status()).toBe('Live');
    jest.advanceTimersByTime(3 * ROOM_POLL_MS);
    await settle();
    http.expectNone(isMessages(1)); // no polling while live

    handlers?.event({ type: 'message', roomId: 'r1', ...message(2, 'live hello') });
    await settle();
    const req: TestRequest = http.expectOne(isMessages(1));
    req.flush({ items: [message(2, 'live hello')], cursor: 2 });
    await settle();
    expect(texts()).toEqual(['Broker: 你好', 'Broker: live hello']);

    expect(closedNotice()).toBeUndefined();
    // A market deal closed the room: pushed after the deal committed, the room is refetched and shows it.
    handlers?.event({ type: 'stage', roomId: 'r1', stage: 'closed_won', dealId: 'deal1' });
    await settle();
    http.expectOne('/api/deal-rooms/r1').flush({ ...room, stage: 'closed_won', closedAt: '2026-12-02T00:00:00Z', deal: { id: 'deal1', priceFen: 2_000_000 } });
    await settle();
    expect(closedNotice()).toContain('Closed: a market deal was recorded at ¥20,000');
    expect(stage()).toBe('Closed – deal');

    handlers?.joined?.(false); // disconnected: back to polling
    await settle();
    jest.advanceTimersByTime(ROOM_POLL_MS);
    await settle();
    http.expectOne(isMessages(2)).flush({ items: [], cursor: 2 });
  });

  describe('checklist', () => {
    const checklist = [
      { id: 'c1', labelZh: '签署保密协议', labelEn: 'Sign the NDA', done: true, doneAt: '2026-12-01T00:00:00Z' },
      { id: 'c2', labelZh: '技术尽调', labelEn: 'Technical due diligence', done: false, doneAt: null },
    ];

    it('is a list of named checkboxes while the room is open', async () => {
      const { el } = await setup('en-US', { checklist });
      const boxes = [...el.querySelectorAll<HTMLInputElement>('.ant-checkbox-input')];
      expect(boxes.map((b) => [b.getAttribute('aria-label'), b.checked, b.disabled])).toEqual([
        ['Sign the NDA', true, false],
        ['Technical due diligence', false, false],
      ]);
      expect(el.querySelector('[data-testid="room-check-item"]')).toBeNull();
    });

    // axe (serious, 1.4.3): a closed room showed its checklist as disabled checkboxes in #bfbfbf on white (1.8:1).
    it('is read-only text with a done / not done tag once the room is closed, not greyed-out checkboxes', async () => {
      const { el } = await setup('zh-CN', { checklist, stage: 'closed_won', closedAt: '2026-12-02T00:00:00Z' });
      expect(el.querySelector('.ant-checkbox-input')).toBeNull();
      const items = [...el.querySelectorAll('[data-testid="room-check-item"]')].map((e) => e.textContent?.replace(/\s+/g, ' ').trim());
      expect(items).toEqual(['已完成 签署保密协议', '未完成 技术尽调']);
    });

    it('names the message, offer and commission fields', async () => {
      const { el } = await setup('en-US');
      expect(el.querySelector('[data-testid="room-message-input"]')?.getAttribute('aria-label')).toBe('Message');
      expect(el.querySelector('[data-testid="room-offer-type"] input')?.getAttribute('aria-label')).toBe('Deal type');
      expect(el.querySelector('[data-testid="room-offer-amount"] input')?.getAttribute('aria-label')).toBe('Offer amount (yuan)');
      expect(el.querySelector('[data-testid="room-invite-email"]')?.getAttribute('aria-label')).toBe('Invitee e-mail');
    });
  });
});
