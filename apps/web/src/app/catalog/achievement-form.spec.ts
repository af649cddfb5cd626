import { emptyForm, formProblems, shareState, submitProblems, toAchievementInput } from './achievement-form';

describe('inventor shares (live sum)', () => {
  it('accepts a team summing to exactly 100', () => {
    expect(shareState([{ name: 'A', share: 60 }, { name: 'B', share: 40 }])).toEqual({ sum: 100, problem: null });
    expect(shareState([{ name: 'A', share: 33.33 }, { name: 'B', share: 33.33 }, { name: 'C', share: 33.34 }])).toEqual({ sum: 100, problem: null });
  });

  it('blocks a sum other than 100', () => {
    expect(shareState([{ name: 'A', share: 60 }, { name: 'B', share: 30 }])).toEqual({ sum: 90, problem: 'sum' });
    expect(shareState([{ name: 'A', share: 60 }, { name: 'B', share: 40.01 }]).problem).toBe('sum');
    expect(shareState([{ name: 'A', share: 60 }, { name: 'B', share: null }])).toEqual({ sum: 60, problem: 'range' });
  });

  it('blocks empty teams, bad precision and missing names', () => {
    expect(shareState([]).problem).toBe('empty');
    expect(shareState([{ name: 'A', share: 99.999 }, { name: 'B', share: 0.001 }]).problem).toBe('precision');
    expect(shareState([{ name: ' ', share: 100 }]).problem).toBe('name');
  });
});

describe('achievement form → API body', () => {
  it('needs a title, an abstract and a valid team', () => {
    expect(formProblems(emptyForm())).toEqual(['title', 'abstract', 'inventors']);
    const f = { ...emptyForm(), titleEn: 'T', abstractZh: '摘要', inventors: [{ name: 'A', share: 100 }] };
    expect(formProblems(f)).toEqual([]);
    expect(submitProblems(f)).toEqual(['field', 'dealTypes']);
    expect(submitProblems({ ...f, fieldCode: 'E1', dealTypes: ['transfer'] })).toEqual([]);
  });

  it('maps the fields, dropping empty languages and blank IP rows', () => {
    const body = toAchievementInput({
      ...emptyForm(),
      titleZh: ' 电池 ',
      abstractEn: 'Abs',
      stage: 'pilot',
      trl: 5,
      dealTypes: ['licence'],
      inventors: [{ name: 'A ', share: 60 }, { name: 'B', share: 40 }],
      ipRecords: [{ number: 'ZL1', office: '', status: 'filed' }, { number: ' ', office: 'X', status: 'granted' }],
    });
    expect(body).toEqual({
      title: { zh: '电池', en: '' },
      abstract: { zh: '', en: 'Abs' },
      kind: 'invention_patent',
      fieldCode: null,
      stage: 'pilot',
      trl: 5,
      dealTypes: ['licence'],
      inventors: [{ name: 'A', sharePct: 60 }, { name: 'B', sharePct: 40 }],
      ipRecords: [{ number: 'ZL1', office: 'CNIPA', status: 'filed' }],
    });
  });
});
