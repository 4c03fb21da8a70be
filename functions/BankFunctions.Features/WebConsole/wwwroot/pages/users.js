// People (admin): the tenant's people (GET /v1/users), inviting one (POST /v1/users) and changing one's roles, account
// scope, approval groups or access (PATCH /v1/users/{id}). The API decides what is allowed (an admin never disables
// themselves); its field errors are shown next to the fields they name.
import { get, request } from '../api.js';
import { el, show, table } from '../dom.js';
import { dateTime, t } from '../i18n.js';
import { announce, describe, field, showFieldErrors } from '../ui.js';

const roles = ['viewer', 'submitter', 'approver', 'admin'];

export async function renderUsers(main) {
  const [{ items: people }, { items: accounts }] = await Promise.all([get('/v1/users'), get('/v1/accounts')]);
  const names = new Map(accounts.map((a) => [a.id, a.name]));
  const scope = (ids) => (ids === null || ids === undefined ? t('allAccounts') : ids.map((id) => names.get(id) ?? id).join(', '));
  const reload = () => renderUsers(main);
  const list = table(t('usersCaption'), [t('displayName'), t('email'), t('roles'), t('accountScope'), t('groups'), t('userState'), t('lastSignIn'), t('actions')],
    people.map((u) => [u.displayName, u.email, u.roles.join(', '), scope(u.accountIds), u.approvalGroups.join(', '), t(`userState_${u.state}`),
      dateTime(u.lastSignInAt) || t('never'),
      el('button', { type: 'button', 'aria-label': `${t('edit')} ${u.displayName}`, 'aria-controls': 'user-edit', onclick: () => editUser(main, u, accounts, reload) }, t('edit'))]));
  show(main, el('h1', {}, t('usersTitle')),
    people.length === 0 ? el('p', {}, t('noUsers')) : list,
    el('div', { id: 'user-edit' }),
    inviteForm(accounts, reload));
}

/** Roles as a fieldset of checkboxes; ids prefixed so the invite and the edit form can be on the page together. */
function roleChoice(prefix, checked = []) {
  return el('fieldset', { class: 'field', 'data-field': 'roles', id: `${prefix}-roles` }, el('legend', {}, t('roles')),
    roles.map((r) => el('label', { class: 'check' }, el('input', { type: 'checkbox', name: `${prefix}-roles`, value: r, checked: checked.includes(r) }), ` ${r}`)));
}

/** "All accounts" or a checkbox list of the tenant's accounts; value() is null for all, else the chosen ids. */
function scopeChoice(prefix, accounts, accountIds = null) {
  const all = el('input', { type: 'radio', name: `${prefix}-scope`, value: 'all', id: `${prefix}-scope-all`, checked: accountIds === null });
  const some = el('input', { type: 'radio', name: `${prefix}-scope`, value: 'some', id: `${prefix}-scope-some`, checked: accountIds !== null });
  const boxes = el('div', { class: 'scope-accounts', id: `${prefix}-accounts`, 'data-field': 'accountIds' },
    accounts.map((a) => el('label', { class: 'check' },
      el('input', { type: 'checkbox', name: `${prefix}-account`, value: a.id, checked: (accountIds ?? []).includes(a.id), disabled: accountIds === null }),
      ` ${a.name} (${a.currency})`)));
  const sync = () => { for (const box of boxes.querySelectorAll('input')) box.disabled = all.checked; };
  all.addEventListener('change', sync);
  some.addEventListener('change', sync);
  const node = el('fieldset', { class: 'field', id: `${prefix}-scope` }, el('legend', {}, t('accountScope')),
    el('label', { class: 'check', for: `${prefix}-scope-all` }, all, ` ${t('allAccounts')}`),
    el('label', { class: 'check', for: `${prefix}-scope-some` }, some, ` ${t('theseAccounts')}`),
    boxes);
  node.value = () => (all.checked ? null : [...boxes.querySelectorAll('input:checked')].map((c) => c.value));
  return node;
}

const checkedRoles = (form, prefix) => [...form.querySelectorAll(`input[name=${prefix}-roles]:checked`)].map((c) => c.value);
const groupsOf = (text) => text.split(',').map((g) => g.trim()).filter(Boolean);

/** Field errors beside their fields, the rest (and the API's detail) in the form's summary. */
function refused(form, summary, error) {
  const rest = showFieldErrors(form, error.errors);
  show(summary, el('p', { class: 'error' }, describe(error)), rest.length ? el('ul', {}, rest.map((r) => el('li', {}, r))) : null);
  form.querySelector('[aria-invalid="true"]')?.focus();
}

function inviteForm(accounts, reload) {
  const scope = scopeChoice('invite', accounts);
  const summary = el('div', { id: 'invite-summary', role: 'alert' });
  const form = el('form', { id: 'invite-form', novalidate: true },
    el('h2', {}, t('invitePerson')),
    field('invite-email', t('email'), { type: 'email', autocomplete: 'off', spellcheck: 'false', maxlength: 254, 'data-field': 'email' }),
    field('invite-name', t('displayName'), { autocomplete: 'off', maxlength: 100, 'data-field': 'displayName' }),
    roleChoice('invite'), scope,
    field('invite-groups', t('approvalGroups'), { autocomplete: 'off', 'data-field': 'approvalGroups' }),
    summary,
    el('button', { type: 'submit', class: 'primary' }, t('invite')));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const body = {
      email: form.querySelector('#invite-email').value.trim(),
      displayName: form.querySelector('#invite-name').value.trim(),
      roles: checkedRoles(form, 'invite'),
    };
    const accountIds = scope.value();
    if (accountIds !== null) body.accountIds = accountIds;
    const groups = groupsOf(form.querySelector('#invite-groups').value);
    if (groups.length) body.approvalGroups = groups;
    try {
      const { data } = await request('POST', '/v1/users', { body });
      await reload();
      announce(t('userInvited', { name: data.displayName, email: data.email }), 'ok');
    } catch (error) {
      refused(form, summary, error);
    }
  });
  return form;
}

function editUser(main, u, accounts, reload) {
  const scope = scopeChoice('edit', accounts, u.accountIds ?? null);
  const summary = el('div', { id: 'edit-summary', role: 'alert' });
  const groups = field('edit-groups', t('approvalGroups'), { autocomplete: 'off', 'data-field': 'approvalGroups' });
  groups.querySelector('input').value = u.approvalGroups.join(', ');
  const disabled = u.state === 'disabled';
  const form = el('form', { id: 'edit-form', novalidate: true, 'aria-labelledby': 'h-edit' },
    el('h2', { id: 'h-edit', tabindex: '-1' }, t('editPerson', { name: u.displayName })),
    el('p', {}, `${u.email} · ${t(`userState_${u.state}`)}`),
    roleChoice('edit', u.roles), scope, groups,
    // The disable/enable answer lands on this hidden field's wrapper, so the API's "disabled" message shows here.
    el('div', { class: 'field' }, el('input', { type: 'hidden', id: 'edit-disabled', 'data-field': 'disabled' })),
    summary,
    el('div', { class: 'buttons' },
      el('button', { type: 'submit', class: 'primary' }, t('saveChanges')),
      el('button', { type: 'button', class: disabled ? null : 'danger', onclick: () => send({ disabled: !disabled }, t(disabled ? 'userEnabled' : 'userDisabled', { name: u.displayName })) },
        t(disabled ? 'enable' : 'disable')),
      el('button', { type: 'button', onclick: () => show(form.parentNode) }, t('close'))));
  async function send(body, done) {
    try {
      await request('PATCH', `/v1/users/${encodeURIComponent(u.id)}`, { body });
      await reload();
      announce(done, 'ok');
    } catch (error) {
      refused(form, summary, error);
    }
  }
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const accountIds = scope.value();
    const body = { roles: checkedRoles(form, 'edit'), approvalGroups: groupsOf(groups.querySelector('input').value) };
    if (accountIds === null) body.allAccounts = true;
    else body.accountIds = accountIds;
    send(body, t('userSaved', { name: u.displayName }));
  });
  show(main.querySelector('#user-edit'), form);
  form.querySelector('#h-edit').focus();
}
