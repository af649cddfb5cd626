import { TestBed } from '@angular/core/testing';
import { Router } from '@angular/router';
import { withCheckCharacter } from '@ttx/shared/policy';
import { mountPage } from '../../testing/mount-page';
import { OrganizationCreate } from './organization-create';

const CODE = withCheckCharacter('91340100MA2TXXXX1');
const created = (body: object) => ({ id: 'o1', verified: false, verifiedAt: null, createdAt: '2026-12-07T00:00:00Z', isSme: false, ...body });

describe('OrganizationCreate', () => {
  afterEach(() => {
    localStorage.clear();
    TestBed.resetTestingModule();
    document.querySelectorAll('.cdk-overlay-container').forEach((e) => (e.innerHTML = ''));
  });

  async function open(roles: string[] = []) {
    const page = mountPage(OrganizationCreate, {}, { roles });
    await page.settle();
    const el = page.fixture.nativeElement as HTMLElement;
    const type = (id: string, value: string) => {
      const input = page.$(id) as HTMLInputElement;
      input.value = value;
      input.dispatchEvent(new Event('input'));
    };
    const kindOptions = async () => {
      page.$('org-kind')?.querySelector<HTMLElement>('nz-select-top-control')?.click();
      await page.settle();
      return [...document.querySelectorAll<HTMLElement>('.cdk-overlay-container .ant-select-item-option')];
    };
    const pickKind = async (label: string) => {
      (await kindOptions()).find((o) => o.textContent?.includes(label))?.click();
      await page.settle();
    };
    const submit = async () => {
      (page.$('org-form') as HTMLFormElement).dispatchEvent(new Event('submit'));
      await page.settle();
      page.fixture.detectChanges();
    };
    const fieldText = () => el.querySelectorAll('.ant-form-item-explain-error');
    const errors = () => [...fieldText()].map((e) => e.textContent?.trim());
    return { ...page, type, kindOptions, pickKind, submit, errors };
  }

  it('checks the fields as the API does before sending anything', async () => {
    const { type, submit, errors, $, http } = await open();
    await submit();
    expect(errors()).toEqual(['This field is required.', 'This field is required.', 'This field is required.', 'This field is required.']);
    expect($('org-alert')?.textContent).toContain('Please correct the marked fields.');

    type('org-name', ' A ');
    type('org-credit-code', CODE.slice(0, 17) + (CODE[17] === '0' ? '1' : '0'));
    type('org-region-code', '3401');
    await submit();
    expect(errors()).toEqual([
      'At least 2 characters.',
      'This field is required.',
      'The check character is wrong; please check the code.',
      'A region code has 6 digits.',
    ]);
    type('org-credit-code', 'I'.repeat(18));
    await submit();
    expect(errors()).toContain('Only digits and the letters A–Y except I, O, S, V, Z.');
    http.expectNone('/api/organizations');
  });

  it('offers technology-market administrations only to platform admins, and the SME flag only for an enterprise', async () => {
    const user = await open(['researcher']);
    const options = await user.kindOptions();
    expect(options.map((o) => o.textContent?.trim())).toEqual(['University / research institute', 'Enterprise', 'Brokerage agency', 'Appraisal firm']);
    expect(user.$('org-sme')).toBeNull();
    options[1].click();
    await user.settle();
    expect(user.$('org-sme')).not.toBeNull();
    await user.pickKind('Brokerage agency');
    expect(user.$('org-sme')).toBeNull();
    localStorage.clear();
    TestBed.resetTestingModule();
    document.querySelectorAll('.cdk-overlay-container').forEach((e) => (e.innerHTML = ''));

    const admin = await open(['platform_admin']);
    expect((await admin.kindOptions()).map((o) => o.textContent?.trim())).toContain('Technology-market administration');
  });

  it('registers the organisation (code upper-cased, SME flag for an enterprise), reloads the user and goes to the dashboard', async () => {
    const { type, pickKind, submit, $, http, settle } = await open();
    const navigate = jest.spyOn(TestBed.inject(Router), 'navigate').mockResolvedValue(true);
    type('org-name', '  芜湖云智科技有限公司 ');
    await pickKind('Enterprise');
    type('org-credit-code', CODE.toLowerCase());
    type('org-region-code', '340200');
    $('org-sme')?.querySelector<HTMLInputElement>('input')?.click();
    await submit();
    const req = http.expectOne((r) => r.url === '/api/organizations' && r.method === 'POST');
    expect(req.request.body).toEqual({ name: '芜湖云智科技有限公司', kind: 'enterprise', creditCode: CODE, regionCode: '340200', isSme: true });
    req.flush(created(req.request.body));
    await settle();
    const membership = { organizationId: 'o1', organizationName: '芜湖云智科技有限公司', organizationKind: 'enterprise', role: 'enterprise_member', isAdmin: true, verified: false };
    http.expectOne('/api/me').flush({ id: 'u', email: 'e', displayName: 'Ada', roles: [], memberships: [membership] });
    await settle();
    expect(navigate).toHaveBeenCalledWith(['/dashboard']);
    expect(document.querySelector('.ant-message')?.textContent).toContain('芜湖云智科技有限公司 is registered; it awaits verification by a platform administrator.');
    http.verify();
  });

  async function filledAndSent() {
    const page = await open();
    page.type('org-name', 'Hefei Institute');
    await page.pickKind('University / research institute');
    page.type('org-credit-code', CODE);
    page.type('org-region-code', '999999');
    await page.submit();
    const req = page.http.expectOne((r) => r.url === '/api/organizations' && r.method === 'POST');
    expect(req.request.body).toEqual({ name: 'Hefei Institute', kind: 'institution', creditCode: CODE, regionCode: '999999' });
    return { ...page, req };
  }

  it('puts the problem details of the API under their fields', async () => {
    const { req, settle, fixture, errors, $ } = await filledAndSent();
    req.flush(
      {
        type: 'urn:ttx:problem:organization-identifiers',
        title: 'Unprocessable Entity',
        status: 422,
        detail: 'regionCode is not a GB/T 2260 administrative division code',
        errors: [{ field: 'regionCode', message: 'is not a GB/T 2260 administrative division code' }],
      },
      { status: 422, statusText: 'Unprocessable Entity' },
    );
    await settle();
    fixture.detectChanges();
    expect(errors()).toEqual(['is not a GB/T 2260 administrative division code']);
    expect($('org-alert')?.textContent).toContain('The organisation was not registered.');
  });

  it('says so under the credit code when an organisation already has it', async () => {
    const { req, settle, fixture, errors, $ } = await filledAndSent();
    req.flush(
      { type: 'urn:ttx:problem:credit-code-taken', title: 'Conflict', status: 409, detail: 'An organisation with this credit code is already registered' },
      { status: 409, statusText: 'Conflict' },
    );
    await settle();
    fixture.detectChanges();
    expect(errors()).toEqual(['An organisation with this credit code is already registered']);
    expect($('org-alert')?.textContent).toContain('ask its administrator to add you');
  });
});
