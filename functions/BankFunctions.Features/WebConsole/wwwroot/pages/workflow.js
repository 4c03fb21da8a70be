// The approval workflow editor (admin): ordered levels, each with who approves and when it applies (docs/API.md
// "Approval workflows"). A form, not JSON: every condition the API knows has its own labelled control, field errors
// from the API land beside them, and the save carries If-Match so two admins never overwrite each other silently.
import { get, request } from '../api.js';
import { el, show, table } from '../dom.js';
import { t } from '../i18n.js';
import { announce, describe, showFieldErrors } from '../ui.js';

const kinds = ['single', 'batch', 'payroll'];

/** One level as the form shows it, from the API's level (or a new, empty one). */
function levelForm(level, i, count, accounts, onMove, onRemove) {
  const c = level.conditions ?? {};
  const id = (name) => `lvl-${i}-${name}`;
  const text = (name, label, value, attrs = {}) => el('div', { class: 'field' },
    el('label', { for: id(name) }, label),
    el('input', { id: id(name), name: id(name), value: value ?? '', autocomplete: 'off', ...attrs }));
  const first = c.firstPaymentToNewAccount === true ? 'true' : c.firstPaymentToNewAccount === false ? 'false' : '';
  return el('fieldset', { class: 'level', 'data-level': i },
    el('legend', {}, t('levelN', { n: i + 1 })),
    text('name', t('levelName'), level.name, { required: true, maxlength: 100, 'data-field': `levels[${i}].name` }),
    text('approvals', t('approvalsNeeded'), String(level.approvals ?? 1), { type: 'number', min: 0, max: 5, required: true, 'data-field': `levels[${i}].approvals` }),
    text('groups', t('groupsComma'), (level.groups ?? []).join(', '), { 'data-field': `levels[${i}].groups` }),
    el('fieldset', { class: 'field conditions' }, el('legend', {}, t('appliesWhen')),
      text('currency', t('currency'), c.currency, { maxlength: 3, size: 4, 'data-field': `levels[${i}].conditions.currency` }),
      text('minAmount', t('fromAmount'), c.minAmount, { inputmode: 'decimal', 'data-field': `levels[${i}].conditions.minAmount` }),
      text('belowAmount', t('belowAmount'), c.belowAmount, { inputmode: 'decimal', 'data-field': `levels[${i}].conditions.belowAmount` }),
      el('fieldset', { class: 'field', id: id('accounts'), 'data-field': `levels[${i}].conditions.debtorAccountIds` }, el('legend', {}, t('debtorAccountsAny')),
        accounts.map((a) => el('label', { class: 'check' },
          el('input', { type: 'checkbox', name: id('accounts'), value: a.id, checked: (c.debtorAccountIds ?? []).includes(a.id) }), ` ${a.name} (${a.currency})`))),
      el('fieldset', { class: 'field', id: id('kinds'), 'data-field': `levels[${i}].conditions.kinds` }, el('legend', {}, t('kindsAny')),
        kinds.map((k) => el('label', { class: 'check' },
          el('input', { type: 'checkbox', name: id('kinds'), value: k, checked: (c.kinds ?? []).includes(k) }), ` ${t(`kind_${k}`)}`))),
      el('div', { class: 'field' }, el('label', { for: id('first') }, t('firstPayment')),
        el('select', { id: id('first'), name: id('first'), 'data-field': `levels[${i}].conditions.firstPaymentToNewAccount` },
          [['', t('firstAny')], ['true', t('firstOnly')], ['false', t('firstNot')]].map(([v, label]) => el('option', { value: v, selected: v === first }, label))))),
    el('div', { class: 'actions' },
      el('button', { type: 'button', disabled: i === 0, onclick: () => onMove(i, -1) }, t('moveUp', { n: i + 1 })),
      el('button', { type: 'button', disabled: i === count - 1, onclick: () => onMove(i, 1) }, t('moveDown', { n: i + 1 })),
      el('button', { type: 'button', onclick: () => onRemove(i) }, t('removeLevel', { n: i + 1 }))));
}

/** The levels as the form holds them now, in the API's shape (empty conditions left out). */
function readLevels(form) {
  return [...form.querySelectorAll('fieldset.level')].map((fieldset) => {
    const i = fieldset.dataset.level;
    const value = (name) => fieldset.querySelector(`#lvl-${i}-${name}`).value.trim();
    const checked = (name) => [...fieldset.querySelectorAll(`input[name="lvl-${i}-${name}"]:checked`)].map((x) => x.value);
    const conditions = {
      currency: value('currency').toUpperCase() || undefined,
      minAmount: value('minAmount') || undefined,
      belowAmount: value('belowAmount') || undefined,
      debtorAccountIds: checked('accounts').length ? checked('accounts') : undefined,
      kinds: checked('kinds').length ? checked('kinds') : undefined,
      firstPaymentToNewAccount: value('first') === '' ? undefined : value('first') === 'true',
    };
    const any = Object.values(conditions).some((v) => v !== undefined);
    return {
      name: value('name'),
      approvals: Number.parseInt(value('approvals'), 10),
      groups: value('groups').split(',').map((g) => g.trim()).filter(Boolean),
      conditions: any ? conditions : undefined,
    };
  });
}

export async function renderWorkflow(main) {
  const [{ data, etag }, accounts] = await Promise.all([request('GET', '/v1/approval-workflows'), get('/v1/accounts')]);
  let levels = data.levels;
  const summary = el('div', { id: 'form-summary', 'aria-live': 'polite' });
  const form = el('form', { id: 'workflow-form', novalidate: true });

  const redraw = () => {
    show(form,
      levels.length === 0 ? el('p', {}, t('noLevels')) : null,
      levels.map((l, i) => levelForm(l, i, levels.length, accounts.items, move, remove)),
      el('div', { class: 'actions' },
        el('button', { type: 'button', onclick: () => { levels = [...readLevels(form), { name: '', approvals: 1, groups: [] }]; redraw(); form.querySelector(`#lvl-${levels.length - 1}-name`).focus(); } }, t('addLevel')),
        el('button', { type: 'submit', class: 'primary' }, t('save'))),
      summary);
  };
  function move(i, by) {
    levels = readLevels(form);
    [levels[i], levels[i + by]] = [levels[i + by], levels[i]];
    redraw();
  }
  function remove(i) {
    levels = readLevels(form).filter((_, j) => j !== i);
    redraw();
  }

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    show(summary);
    try {
      await request('PUT', '/v1/approval-workflows', { body: { levels: readLevels(form) }, ifMatch: etag });
      await renderWorkflow(main);
      announce(t('saved'), 'ok');
    } catch (error) {
      if (error.status === 412) {
        announce(t('workflowChanged'), 'error');
        return;
      }
      const rest = showFieldErrors(form, error.errors);
      show(summary, el('p', { class: 'error' }, describe(error)), rest.length ? el('ul', {}, rest.map((r) => el('li', {}, r))) : null);
      form.querySelector('[aria-invalid="true"]')?.focus();
    }
  });

  redraw();
  const conditionsText = (c) => (c ? Object.entries(c).filter(([, v]) => v !== null && v !== undefined).map(([k, v]) => `${k}: ${Array.isArray(v) ? v.join(', ') : v}`).join('; ') : '');
  show(main, el('h1', {}, t('workflowTitle')), el('p', {}, t('source', { source: data.source })),
    table(t('workflowCaption'), [t('level'), t('required'), t('groups'), t('conditions')],
      data.levels.map((l) => [l.name, String(l.approvals), l.groups.join(', '), conditionsText(l.conditions)])),
    el('h2', {}, t('editWorkflow')), form);
}
