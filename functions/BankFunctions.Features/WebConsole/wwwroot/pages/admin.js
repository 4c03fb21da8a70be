// Admin pages: the audit log, API keys (list, issue, revoke) and webhook endpoints (the workflow editor: workflow.js).
import { get, query, request } from '../api.js';
import { el, row, show, table } from '../dom.js';
import { dateTime, t } from '../i18n.js';
import { announce, describe, field, pagedRows } from '../ui.js';

export async function renderAudit(main) {
  const list = table(t('auditCaption'), [t('at'), t('actor'), t('action'), t('subject')]);
  const more = el('div', { class: 'more-holder' });
  show(main, el('h1', {}, t('auditTitle')), list, more);
  await pagedRows(list.body, more, (cursor) => get(`/v1/audit${query({ cursor, limit: 50 })}`),
    (a) => row([dateTime(a.at), a.actor, a.action, a.subject]));
}

const roles = ['viewer', 'submitter', 'approver', 'admin'];

export async function renderKeys(main) {
  const { items } = await get('/v1/api-keys');
  const created = el('div', { id: 'key-created', 'aria-live': 'polite' });
  const form = el('form', { id: 'key-form' },
    el('h2', {}, t('createKey')),
    field('key-name', t('keyName'), { required: true, maxlength: 100, autocomplete: 'off', 'data-field': 'name' }),
    el('fieldset', { 'data-field': 'roles', id: 'key-roles' }, el('legend', {}, t('roles')),
      roles.map((r) => el('label', { class: 'check' }, el('input', { type: 'checkbox', name: 'roles', value: r }), ` ${r}`))),
    field('key-groups', t('approvalGroups'), { autocomplete: 'off', 'data-field': 'approvalGroups' }),
    el('button', { type: 'submit', class: 'primary' }, t('issue')));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const groups = form.querySelector('#key-groups').value.split(',').map((g) => g.trim()).filter(Boolean);
    const body = { name: form.querySelector('#key-name').value.trim(), roles: [...form.querySelectorAll('input[name=roles]:checked')].map((c) => c.value) };
    if (groups.length) body.approvalGroups = groups;
    try {
      const { data } = await request('POST', '/v1/api-keys', { body });
      await renderKeys(main);
      show(document.getElementById('key-created'), el('p', {}, t('keyCreated', { name: data.name })), el('code', { class: 'secret' }, data.key));
    } catch (error) {
      announce(describe(error), 'error');
    }
  });
  show(main, el('h1', {}, t('keysTitle')), created,
    table(t('keysCaption'), [t('name'), t('id'), t('roles'), t('groups'), t('created'), t('revoked'), t('actions')],
      items.map((k) => [k.name, el('span', { class: 'id' }, k.id), k.roles.join(', '), (k.approvalGroups ?? []).join(', '), dateTime(k.createdAt), dateTime(k.revokedAt),
        k.revokedAt ? '' : el('button', { type: 'button', class: 'danger', 'aria-label': `${t('revoke')} ${k.name}`, onclick: async () => {
          try {
            await request('DELETE', `/v1/api-keys/${encodeURIComponent(k.id)}`);
            await renderKeys(main);
            announce(t('keyRevoked', { id: k.id }), 'ok');
          } catch (error) {
            announce(describe(error), 'error');
          }
        } }, t('revoke'))])),
    form);
}

export async function renderWebhooks(main) {
  const { items } = await get('/v1/webhook-endpoints');
  show(main, el('h1', {}, t('webhooksTitle')),
    items.length === 0 ? el('p', {}, t('noWebhooks'))
      : table(t('webhooksCaption'), [t('url'), t('id'), t('eventTypes'), t('enabled'), t('created')],
        items.map((w) => [el('span', { class: 'id' }, w.url), el('span', { class: 'id' }, w.id), w.eventTypes.join(', ') || '*', w.enabled ? t('yes') : `${t('no')} ${w.disabledReason ?? ''}`, dateTime(w.createdAt)])));
}
