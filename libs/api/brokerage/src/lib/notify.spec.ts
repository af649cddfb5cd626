import { excerpt, roomMessageMessage } from './notify';

describe('excerpt', () => {
  it('folds whitespace and keeps a short text whole', () => {
    expect(excerpt('  你好，\n\n  明天\t见  ')).toBe('你好， 明天 见');
  });

  it('cuts at 80 characters with an ellipsis, counting code points so no emoji is split', () => {
    const text = `${'😀'.repeat(79)}😀😀`;
    const cut = excerpt(text);
    expect(Array.from(cut)).toHaveLength(80);
    expect(cut).toBe(`${'😀'.repeat(79)}…`);
    expect(excerpt('a'.repeat(80))).toBe('a'.repeat(80));
  });

  it('does not leave a space before the ellipsis', () => {
    expect(excerpt(`${'x'.repeat(78)} yz`)).toBe(`${'x'.repeat(78)}…`);
  });
});

describe('roomMessageMessage', () => {
  it('names the room by its demand in both languages, falling back to the other one, and collapses per room', () => {
    const m = roomMessageMessage('r1', { zh: null, en: 'Thermal management' }, '张强', 'hello');
    expect(m).toEqual({
      kind: 'room-message',
      title: { zh: '洽谈室有新消息：Thermal management', en: 'New message in a deal room: Thermal management' },
      body: { zh: '张强：hello', en: '张强: hello' },
      link: '/brokerage/rooms/r1',
      collapseKey: 'room-message:r1',
    });
  });
});
