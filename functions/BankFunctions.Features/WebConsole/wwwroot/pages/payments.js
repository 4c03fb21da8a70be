// Payments: the list with a status filter and cursor paging; one payment with its history, approvals and the
// actions the caller's roles offer (the API decides whether each is allowed: the creator never approves, etc.).
import { get, post, query } from '../api.js';
import { el, facts, row, show, table } from '../dom.js';
import { dateTime, money, statusLabel, t } from '../i18n.js';
import { actorLabel, announce, describe, pagedRows } from '../ui.js';

export const statuses = ['pending_approval', 'approved', 'signing', 'sent', 'accepted', 'completed', 'rejected', 'cancelled', 'returned', 'failed',
  'needs_attention', 'screening_hold'];

export async function renderPayments(main, { query: params }) {
  const status = params.get('status') ?? '';
  const select = el('select', { id: 'status-filter', name: 'status' },
    el('option', { value: '' }, t('allStatuses')),
    statuses.map((s) => el('option', { value: s, selected: s === status }, statusLabel(s))));
  const filter = el('form', { class: 'filter', role: 'search', onsubmit: (e) => { e.preventDefault(); location.hash = `#/payments${query({ status: select.value })}`; } },
    el('label', { for: 'status-filter' }, t('filterStatus')), select, el('button', { type: 'submit' }, t('apply')));
  const list = table(t('paymentsCaption'), [t('created'), t('creditor'), t('amount'), t('status'), t('id')]);
  const more = el('div', { class: 'more-holder' });
  show(main, el('h1', {}, t('paymentsTitle')), filter, list, more);
  const shown = await pagedRows(list.body, more, (cursor) => get(`/v1/payments${query({ status, cursor, limit: 25 })}`),
    (p) => row([dateTime(p.createdAt), p.creditor.name, el('span', { class: 'amount' }, money(p.amount)), el('span', { class: `badge ${p.status}` }, statusLabel(p.status)),
      el('a', { href: `#/payments/${p.id}`, class: 'id' }, p.id)]));
  if (shown === 0) list.after(el('p', {}, t('noPayments')));
}

export async function renderPayment(main, { me, params }) {
  const payment = await get(`/v1/payments/${encodeURIComponent(params.id)}`);
  const p = payment;
  const levels = p.approvalLevels ?? [];
  show(main,
    el('h1', {}, t('paymentTitle', { id: p.id })),
    el('p', {}, el('span', { class: `badge ${p.status}` }, statusLabel(p.status))),
    facts([
      [t('amount'), el('span', { class: 'amount' }, money(p.amount))],
      [t('creditor'), p.creditor.name],
      [t('iban'), p.creditor.iban], [t('bic'), p.creditor.bic],
      [t('accountNumber'), p.creditor.accountNumber], [t('bankCode'), p.creditor.bankCode],
      [t('debtorAccount'), el('a', { href: `#/accounts/${p.debtorAccountId}` }, p.debtorAccountId)],
      [t('remittance'), p.remittanceInformation],
      [t('executionDate'), p.executionDate],
      [t('endToEndId'), p.endToEndId], [t('bankReference'), p.bankReference],
      [t('isoStatus'), p.isoStatus], [t('bankStatusCode'), p.bankStatusCode], [t('statusReason'), p.statusReason],
      [t('created'), dateTime(p.createdAt)],
      [t('createdBy'), p.createdBy ? actorLabel(p.createdBy, p.createdByName) : null],
    ]),
    el('section', { 'aria-labelledby': 'h-approvals' },
      el('h2', { id: 'h-approvals' }, t('approvals')),
      el('p', {}, t('approvalsGiven', { given: p.approvals.length, required: p.approvalsRequired })),
      levels.length === 0 ? null : table(t('levels'), [t('level'), t('required'), t('groups'), t('approvedBy')],
        levels.map((l) => [l.name, String(l.approvals), l.groups.join(', '), l.approvedBy.map((a) => actorLabel(a.by, a.name)).join(', ') || t('none')])),
      levels.length === 0 && p.approvals.length > 0 ? el('p', {}, `${t('approvedBy')}: ${p.approvals.join(', ')}`) : null),
    actions(p, me, () => renderPayment(main, { me, params })),
    el('section', { 'aria-labelledby': 'h-history' },
      el('h2', { id: 'h-history' }, t('history')),
      table(t('historyCaption'), [t('status'), t('at'), t('reason'), t('bankStatusCode')],
        p.statusHistory.map((h) => [statusLabel(h.status), dateTime(h.at), h.reason ?? '', h.bankCode ?? '']))));
}

function actions(p, me, reload) {
  const canDecide = me.roles.includes('approver') && p.status === 'pending_approval';
  const canCancel = me.roles.includes('submitter') && ['pending_approval', 'approved'].includes(p.status);
  if (!canDecide && !canCancel) return null;
  const reason = el('input', { id: 'reason', name: 'reason', maxlength: 140, autocomplete: 'off' });
  const act = (verb, done) => async (event) => {
    event.target.disabled = true;
    try {
      await post(`/v1/payments/${encodeURIComponent(p.id)}/${verb}`, reason.value ? { reason: reason.value } : {});
      await reload();
      announce(t(done), 'ok');
    } catch (error) {
      event.target.disabled = false;
      announce(describe(error), 'error');
    }
  };
  return el('section', { class: 'actions', 'aria-labelledby': 'h-actions' },
    el('h2', { id: 'h-actions' }, t('actions')),
    el('div', { class: 'field' }, el('label', { for: 'reason' }, t('reasonOptional')), reason),
    el('div', { class: 'buttons' },
      canDecide ? el('button', { type: 'button', class: 'primary', onclick: act('approve', 'approved') }, t('approve')) : null,
      canDecide ? el('button', { type: 'button', class: 'danger', onclick: act('reject', 'rejected') }, t('reject')) : null,
      canCancel ? el('button', { type: 'button', onclick: act('cancel', 'cancelled') }, t('cancel')) : null));
}
