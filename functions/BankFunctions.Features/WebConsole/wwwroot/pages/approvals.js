// Approvals (approver): what waits for this caller now (GET /v1/approvals/pending); approve or reject each payment
// or whole batch (a payroll is approved as its batch) with an optional reason.
import { get, post, query } from '../api.js';
import { el, row, show, table } from '../dom.js';
import { dateTime, money, t } from '../i18n.js';
import { actorLabel, announce, describe, pagedRows } from '../ui.js';

export async function renderApprovals(main) {
  // Account names where the caller may read them (an approver without the viewer role sees the ids).
  const accounts = new Map((await get('/v1/accounts').catch(() => ({ items: [] }))).items.map((a) => [a.id, a.name]));
  const list = table(t('approvalsCaption'), [t('id'), t('kind'), t('amount'), t('debtorAccount'), t('createdBy'), t('created'), t('level'), t('actions')]);
  const more = el('div', { class: 'more-holder' });
  show(main, el('h1', {}, t('approvalsTitle')), list, more);
  const shown = await pagedRows(list.body, more, (cursor) => get(`/v1/approvals/pending${query({ cursor, limit: 50 })}`), (item) => {
    const path = item.kind === 'batch' ? `/v1/payment-batches/${encodeURIComponent(item.id)}` : `/v1/payments/${encodeURIComponent(item.id)}`;
    const reasonId = `reason-${item.id}`;
    const reason = el('input', { id: reasonId, maxlength: 140, autocomplete: 'off', class: 'reason' });
    const tr = row([
      item.kind === 'payment' ? el('a', { href: `#/payments/${item.id}`, class: 'id' }, item.id) : el('span', { class: 'id' }, item.id),
      item.kind === 'batch' ? t('kindBatch') : t('kindPayment'),
      el('span', { class: 'amount' }, money(item.amount)),
      accounts.get(item.debtorAccountId) ?? el('span', { class: 'id' }, item.debtorAccountId), item.createdByName ? actorLabel(item.createdBy, item.createdByName) : el('span', { class: 'id' }, item.createdBy), dateTime(item.createdAt), `${item.level} · ${item.levelName}`,
      el('div', { class: 'row-actions' },
        el('label', { for: reasonId, class: 'visually-hidden' }, t('reasonFor', { id: item.id })), reason,
        el('button', { type: 'button', class: 'primary', 'aria-label': `${t('approve')} ${item.id}`, onclick: decide('approve') }, t('approve')),
        el('button', { type: 'button', class: 'danger', 'aria-label': `${t('reject')} ${item.id}`, onclick: decide('reject') }, t('reject'))),
    ]);
    function decide(verb) {
      return async () => {
        for (const b of tr.querySelectorAll('button')) b.disabled = true;
        try {
          const after = await post(`${path}/${verb}`, reason.value ? { reason: reason.value } : {});
          tr.remove();
          announce(`${item.id}: ${t(verb === 'approve' ? 'approved' : 'rejected')} (${after.status})`, 'ok');
        } catch (error) {
          for (const b of tr.querySelectorAll('button')) b.disabled = false;
          announce(describe(error), 'error');
        }
      };
    }
    return tr;
  });
  if (shown === 0) list.after(el('p', {}, t('noApprovals')));
}
