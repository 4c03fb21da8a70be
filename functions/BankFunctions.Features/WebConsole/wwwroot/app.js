// Boot and layout: who is signed in (GET /v1/me), the header and the navigation their roles open, and the hash router.
import { ApiError, get, request, setCsrfToken } from './api.js';
import { describe } from './ui.js';
import { el, show } from './dom.js';
import { currentLanguage, languages, setLanguage, t } from './i18n.js';
import { routes } from './routes.js';

const main = document.getElementById('main');
const top = document.getElementById('top');
const nav = document.getElementById('nav');

let me = null;

function signInUrl() {
  return `/auth/sign-in?returnUrl=${encodeURIComponent(`/console/${location.hash}`)}`;
}

// Why the last sign-in failed: the host sends the browser back with ?signin=<reason> (state, provider, not-invited, disabled).
const signInFailure = ['state', 'provider', 'not-invited', 'disabled'].find((r) => r === new URLSearchParams(location.search).get('signin'));

function renderSignIn() {
  show(top, el('span', { class: 'brand' }, t('appName')), languageSwitch(renderSignIn));
  show(nav);
  document.title = t('signInTitle');
  show(main, el('section', { class: 'signin' },
    el('h1', {}, t('signInTitle')),
    signInFailure ? el('p', { class: 'error', role: 'alert' }, t(`signInFailed_${signInFailure}`)) : null,
    el('p', {}, t('signInText')),
    el('a', { class: 'button primary', href: signInUrl() }, t('signIn'))));
}

function languageSwitch(rerender) {
  const select = el('select', { id: 'language', onchange: (e) => { setLanguage(e.target.value); rerender(); } },
    languages.map(([code, label]) => el('option', { value: code, lang: code === 'zh' ? 'zh-CN' : 'en', selected: code === currentLanguage() }, label)));
  return el('span', { class: 'language' }, el('label', { for: 'language' }, t('language')), select);
}

async function signOut() {
  try {
    await request('POST', '/auth/sign-out');
  } finally {
    location.assign('/console/');
  }
}

function renderLayout() {
  document.querySelector('.skip').textContent = t('skip');
  show(top,
    el('span', { class: 'brand' }, t('appName')),
    el('span', { class: 'who' }, el('span', {}, t('tenant', { tenant: me.tenantId })), ' · ', el('span', { id: 'who' }, t('signedInAs', { name: me.displayName }))),
    languageSwitch(() => { renderLayout(); route(); }),
    me.kind === 'user' ? el('button', { type: 'button', onclick: signOut }, t('signOut')) : null);
  const current = location.hash || '#/accounts';
  show(nav, el('ul', {}, routes.filter((r) => r.nav && r.roles.some((role) => me.roles.includes(role)))
    .map((r) => el('li', {}, el('a', { href: `#${r.nav}`, 'aria-current': current.startsWith(`#${r.nav}`) && (r.nav !== '/payments' || !current.startsWith('#/payments/new')) ? 'page' : null }, t(r.label))))));
}

async function route() {
  const path = (location.hash || '#/accounts').slice(1);
  const [pathname, search = ''] = path.split('?');
  renderLayout();
  show(document.getElementById('status'));
  for (const r of routes) {
    const match = r.pattern.exec(pathname);
    if (match) {
      document.title = `${t(r.label)} · ${t('appName')}`;
      show(main, el('p', {}, t('loading')));
      try {
        await r.render(main, { me, params: match.groups ?? {}, query: new URLSearchParams(search) });
      } catch (error) {
        show(main, el('h1', {}, t(r.label)), el('p', { class: 'error', role: 'alert' }, describe(error)));
      }
      return;
    }
  }
  show(main, el('h1', {}, t('notFound')));
}

async function boot() {
  try {
    me = await get('/v1/me');
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) {
      renderSignIn();
      return;
    }
    show(main, el('p', { class: 'error', role: 'alert' }, describe(error)));
    return;
  }
  setCsrfToken(me.csrfToken);
  window.addEventListener('hashchange', route);
  await route();
}

boot();
