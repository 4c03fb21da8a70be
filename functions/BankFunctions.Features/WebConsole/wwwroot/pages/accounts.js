// Accounts with their latest balances; one account's transactions, unmatched entries and statement warnings.
import { get, query } from '../api.js';
import { el, facts, row, show, table } from '../dom.js';
import { dateTime, money, statusLabel, t } from '../i18n.js';
import { describe, pagedRows } from '../ui.js';

const balance = (b, currency) => (b ? money({ currency, value: b.value }) : t('noBalance'));

export async function renderAccounts(main) {
  const { items } = await get('/v1/accounts');
  const balances = await Promise.all(items.map((a) => get(`/v1/accounts/${encodeURIComponent(a.id)}/balances`).catch(() => null)));
  show(main, el('h1', {}, t('accountsTitle')),
    items.length === 0 ? el('p', {}, t('noAccounts'))
      : table(t('accountsCaption'), [t('name'), t('ibanOrNumber'), t('currency'), t('booked'), t('available'), t('asOf')],
        items.map((a, i) => [
          el('a', { href: `#/accounts/${a.id}` }, a.name),
          a.iban ?? a.accountNumber ?? '',
          a.currency,
          el('span', { class: 'amount' }, balance(balances[i]?.booked, a.currency)),
          el('span', { class: 'amount' }, balance(balances[i]?.available, a.currency)),
          dateTime(balances[i]?.booked?.asOf ?? balances[i]?.available?.asOf),
        ])));
}

export async function renderAccount(main, { params }) {
  const id = encodeURIComponent(params.id);
  const account = await get(`/v1/accounts/${id}`);
  const transactions = table(t('transactionsCaption'), [t('bookingDate'), t('amount'), t('counterparty'), t('remittance'), t('status'), t('matched')]);
  const more = el('div', { class: 'more-holder' });
  const unmatched = el('div', {});
  const warnings = el('div', {});
  show(main,
    el('h1', {}, t('accountTitle', { name: account.name })),
    facts([[t('ibanOrNumber'), account.iban ?? account.accountNumber], [t('currency'), account.currency], [t('bankCode'), account.bic ?? account.bankCode]]),
    el('section', { 'aria-labelledby': 'h-transactions' }, el('h2', { id: 'h-transactions' }, t('transactions')), transactions, more),
    el('section', { 'aria-labelledby': 'h-unmatched' }, el('h2', { id: 'h-unmatched' }, t('unmatched')), unmatched),
    el('section', { 'aria-labelledby': 'h-warnings' }, el('h2', { id: 'h-warnings' }, t('warnings')), warnings));

  const shown = await pagedRows(transactions.body, more,
    (cursor) => get(`/v1/accounts/${id}/transactions${query({ cursor, limit: 50 })}`),
    (tx) => row([tx.bookingDate ?? tx.valueDate ?? '', el('span', { class: 'amount' }, money({ currency: tx.currency, value: tx.amount })),
      tx.counterparty?.name ?? tx.counterparty?.account ?? '', tx.remittanceInformation ?? '', statusLabel(tx.status), tx.matched ? t('yes') : t('no')]));
  if (shown === 0) transactions.after(el('p', {}, t('noTransactions')));

  try {
    const open = await get(`/v1/accounts/${id}/transactions/unmatched${query({ limit: 100 })}`);
    show(unmatched, open.items.length === 0 ? el('p', {}, t('noUnmatched'))
      : table(t('unmatchedCaption'), [t('bookingDate'), t('amount'), t('unallocated'), t('counterparty'), t('remittance')],
        open.items.map((u) => [u.transaction.bookingDate ?? '', money({ currency: u.transaction.currency, value: u.transaction.amount }),
          money(u.unallocated), u.transaction.counterparty?.name ?? '', u.transaction.remittanceInformation ?? ''])));
  } catch (error) {
    show(unmatched, el('p', { class: 'error' }, describe(error)));
  }
  try {
    const list = await get(`/v1/accounts/${id}/statement-warnings`);
    show(warnings, list.items.length === 0 ? el('p', {}, t('noWarnings'))
      : table(t('warningsCaption'), [t('code'), t('message'), t('raisedAt')], list.items.map((w) => [w.code, w.message, dateTime(w.raisedAt)])));
  } catch (error) {
    show(warnings, el('p', { class: 'error' }, describe(error)));
  }
}
