import type { Locale } from '@anxin/common';
import { renderToString } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { Form, TextField } from '../components/form.tsx';
import { createI18n } from '../i18n/i18n.ts';
import type { FormController } from '../lib/use-form.ts';
import { AppProviders } from './providers.tsx';
import type { ShellData } from './shell-data.ts';
import { FULL_MFA, buildActor, buildMeta } from './test-fixtures.ts';
import { renderPath, VISITOR } from './test-render.tsx';

const render = (path: string, shell: ShellData = VISITOR, locale?: Locale) =>
  renderPath(path, shell, locale);

const signedIn = (overrides: Parameters<typeof buildActor>[0] = {}): ShellData => ({
  status: 'ready',
  meta: buildMeta(),
  actor: buildActor(overrides),
});

describe('header', () => {
  it('offers visitors sign-in and sign-up', () => {
    const html = render('/');
    expect(html).toContain('data-testid="header-sign-in"');
    expect(html).toContain('data-testid="header-sign-up"');
    expect(html).not.toContain('data-testid="account-menu-button"');
  });

  it('shows a signed-in person a menu with their name, account and sign-out', () => {
    const html = render('/', signedIn({ displayName: '小安' }));
    expect(html).toMatch(/data-testid="account-menu-button"[^>]*>/);
    expect(html).toContain('小安');
    expect(html).toContain('href="/account"');
    expect(html).toContain('data-testid="sign-out"');
    expect(html).not.toContain('data-testid="header-sign-in"');
  });

  it('shows neither while the session is loading', () => {
    const html = render('/', { status: 'loading', meta: null, actor: null });
    expect(html).not.toContain('header-sign-in');
    expect(html).not.toContain('account-menu-button');
  });
});

describe('demo banner', () => {
  it('warns on every page of a demo organisation', () => {
    const meta = buildMeta();
    const demo = {
      ...meta,
      organization: meta.organization && { ...meta.organization, isDemo: true },
    };
    for (const path of ['/', '/sign-up', '/help']) {
      const html = render(path, { status: 'ready', meta: demo, actor: null });
      expect(html).toContain('data-testid="demo-banner"');
      expect(html).toContain('演示环境：请勿输入真实信息');
    }
    expect(render('/', { status: 'ready', meta: demo, actor: null }, 'en')).toContain(
      'Demo environment: do not enter real information',
    );
  });

  it('is absent for a real organisation', () => {
    expect(render('/')).not.toContain('demo-banner');
  });
});

describe('navigation by abilities', () => {
  it('hides admin items from an administrator the server granted nothing', () => {
    const html = render('/', signedIn({ roles: ['administrator'], mfa: FULL_MFA }));
    expect(html).not.toContain('href="/admin/users"');
    expect(html).not.toContain('href="/admin/audit"');
  });

  it('shows them when the abilities are granted', () => {
    const html = render(
      '/',
      signedIn({
        roles: ['administrator'],
        mfa: FULL_MFA,
        abilities: ['user.list', 'invitation.list', 'audit.read', 'outbox.read'],
      }),
    );
    for (const path of ['/admin/users', '/admin/invitations', '/admin/audit', '/admin/outbox']) {
      expect(html).toContain(`href="${path}"`);
    }
  });

  it('shows only public links while MFA enrolment is pending', () => {
    const html = render(
      '/mfa/setup',
      signedIn({
        roles: ['administrator'],
        mfa: { required: true, enrolled: false, satisfied: false },
        abilities: ['user.list'],
      }),
    );
    expect(html).not.toContain('href="/admin/users"');
    expect(html).toContain('data-testid="mfa-setup-page"');
    expect(html).toContain('data-testid="mfa-setup-required"');
  });
});

describe('route guard in the layout', () => {
  it('does not render a signed-in page for a visitor', () => {
    expect(render('/account')).not.toContain('data-testid="account-page"');
  });

  it('answers an admin page without the ability with the 404 page', () => {
    const html = render('/admin/audit', signedIn({ roles: ['administrator'], mfa: FULL_MFA }));
    expect(html).toContain('data-testid="not-found"');
    expect(html).not.toContain('data-testid="audit-page"');
  });

  it('renders the admin page with the ability', () => {
    const html = render(
      '/admin/audit?subjectId=00000000-0000-4000-8000-000000000009',
      signedIn({ roles: ['administrator'], mfa: FULL_MFA, abilities: ['audit.read'] }),
    );
    expect(html).toContain('data-testid="audit-page"');
    expect(html).toContain('data-testid="audit-filter-subjectId"');
    expect(html).toContain('value="00000000-0000-4000-8000-000000000009"');
  });

  it('shows only the set-up page while set-up is required', () => {
    const shell: ShellData = {
      status: 'ready',
      meta: buildMeta({ organization: null, setupRequired: true }),
      actor: null,
    };
    expect(render('/', shell)).not.toContain('data-testid="home-page"');
    const setup = render('/setup?token=abcdefghijklmnopqrstuvwxyz', shell);
    expect(setup).toContain('data-testid="setup-form"');
    expect(setup).toContain('data-testid="setup-organization-name"');
    expect(setup).toContain('data-testid="setup-admin-email"');
    // The token came with the link, so there is no field for it.
    expect(setup).not.toContain('data-testid="setup-token"');
  });
});

describe('auth pages', () => {
  it('sign-up asks for e-mail or mobile, states the password minimum and says why', () => {
    const html = render('/sign-up');
    for (const field of ['email', 'phone', 'password', 'realName', 'displayName', 'birthDate']) {
      expect(html).toContain(`data-testid="sign-up-${field}"`);
    }
    expect(html).toContain('data-testid="sign-up-submit"');
    expect(html).toContain('至少 10 个字符');
    expect(html).toContain('未满 18 周岁');
    expect(html).toMatch(/type="date"[^>]*data-testid="sign-up-birthDate"/);
    expect(html).toMatch(/<form[^>]*novalidate/i);
  });

  it('sign-in has a single identifier field', () => {
    const html = render('/sign-in', VISITOR, 'en');
    expect(html).toContain('data-testid="sign-in-identifier"');
    expect(html).toContain('data-testid="sign-in-password"');
    expect(html).not.toContain('data-testid="sign-in-email"');
    expect(html).toContain('E-mail address or mobile number');
  });

  it('verify asks for the identifier and the six-digit code', () => {
    const html = render('/verify');
    expect(html).toContain('data-testid="verify-identifier"');
    expect(html).toMatch(
      /inputMode="numeric"[^>]*data-testid="verify-code"|data-testid="verify-code"/,
    );
    expect(html).toContain('data-testid="verify-resend"');
  });

  it('the MFA challenge offers a backup code instead', () => {
    const html = render(
      '/mfa',
      signedIn({ mfa: { required: true, enrolled: true, satisfied: false } }),
    );
    expect(html).toContain('data-testid="mfa-code"');
    expect(html).toContain('data-testid="mfa-toggle-backup"');
  });

  it('a reset link without a token says so instead of showing the form', () => {
    const html = render('/reset-password');
    expect(html).toContain('data-testid="reset-password-no-token"');
    expect(html).not.toContain('data-testid="reset-password-form"');
  });
});

describe('form fields', () => {
  // Test data, not UI copy: kept out of the JSX so the inline-string scan stays meaningful.
  const LABEL = 'label';
  const HINT = 'hint';

  function controller(errors: FormController<'email' | 'code'>['errors']) {
    const form: FormController<'email' | 'code'> = {
      testId: 't',
      fields: ['email', 'code'],
      values: { email: 'x', code: '' },
      errors,
      submitting: false,
      bindForm: () => undefined,
      setValue: () => undefined,
      setErrors: () => undefined,
      reset: () => undefined,
      onSubmit: () => () => undefined,
    };
    return form;
  }

  function renderForm(form: FormController<'email' | 'code'>) {
    return renderToString(
      <AppProviders i18n={createI18n('en')} initial={VISITOR}>
        <Form form={form} onSubmit={() => undefined}>
          <TextField form={form} name="email" label={LABEL} hint={HINT} required />
          <TextField form={form} name="code" label={LABEL} />
        </Form>
      </AppProviders>,
    );
  }

  it('ties label, hint and error to the input and marks it invalid', () => {
    const html = renderForm(
      controller({ fields: { email: { key: 'fieldErrors.email' } }, form: null }),
    );
    const input = /<input[^>]*data-testid="t-email"[^>]*>/.exec(html)?.[0] ?? '';
    expect(input).toContain('aria-invalid="true"');
    const id = /id="([^"]+)"/.exec(input)?.[1];
    expect(html).toContain(`for="${id ?? ''}"`);
    expect(input).toContain(`aria-describedby="${id ?? ''}-error ${id ?? ''}-hint"`);
    expect(html).toContain(`id="${id ?? ''}-error"`);
    expect(html).toContain('data-testid="t-email-error"');
    expect(html).toContain('Enter a valid e-mail address');
    const other = /<input[^>]*data-testid="t-code"[^>]*>/.exec(html)?.[0] ?? '';
    expect(other).not.toContain('aria-invalid');
    expect(other).not.toContain('aria-describedby');
  });

  it('shows a form-level message as a focusable alert', () => {
    const html = renderForm(
      controller({ fields: {}, form: { key: 'errors.invalid_credentials' } }),
    );
    expect(html).toMatch(/role="alert"[^>]*tabindex="-1"[^>]*data-testid="t-error"/);
    expect(html).toContain('The account or the password is not correct.');
  });
});
