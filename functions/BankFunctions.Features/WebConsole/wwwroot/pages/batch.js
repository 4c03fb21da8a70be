// Batch or payroll upload (submitter): a CSV read in the browser, previewed with each row's problems (obvious ones
// found here, the rest answered by the API under items[i].field), then POST /v1/payment-batches.
import { get, IdempotentAction, post } from '../api.js';
import { el, show, table } from '../dom.js';
import { money, statusLabel, t } from '../i18n.js';
import { announce, clearStatus, problemText } from '../ui.js';
import { ibanLooksValid, parseCsv } from '../csv.js';

export const columns = ['creditorName', 'iban', 'bic', 'accountNumber', 'bankCode', 'amount', 'remittanceInformation', 'endToEndId'];

/** The file's rows as batch items with the problems found here (pure: no DOM). */
export function readBatch(text, currency) {
  const records = parseCsv(text);
  if (records.length < 2) return { error: t('csvEmpty') };
  const header = records[0].map((h) => h.trim());
  const index = Object.fromEntries(columns.map((c) => [c, header.findIndex((h) => h.toLowerCase() === c.toLowerCase())]));
  const missing = ['creditorName', 'amount'].filter((c) => index[c] < 0);
  if (missing.length) return { error: t('csvMissingColumns', { columns: missing.join(', ') }) };
  const rows = records.slice(1).map((r) => {
    const v = (c) => (index[c] >= 0 ? (r[index[c]] ?? '').trim() : '') || undefined;
    const problems = [];
    if (!v('creditorName')) problems.push(`creditorName ${t('errRequired')}`);
    if (!v('amount') || !/^\d+(\.\d+)?$/.test(v('amount')) || /^0+(\.0+)?$/.test(v('amount'))) problems.push(`amount ${t('errAmount')}`);
    if (!v('iban') && !v('accountNumber')) problems.push(t('errAccount'));
    if (v('iban') && !ibanLooksValid(v('iban'))) problems.push(`iban ${t('errIban')}`);
    const item = {
      amount: { currency, value: v('amount') },
      creditor: { name: v('creditorName'), iban: v('iban')?.replace(/\s+/g, '').toUpperCase(), bic: v('bic'), accountNumber: v('accountNumber'), bankCode: v('bankCode') },
      remittanceInformation: v('remittanceInformation'),
      endToEndId: v('endToEndId'),
    };
    return { item, problems };
  });
  return { rows };
}

/** Adds the API's items[i].field errors to the rows they name; returns the errors of no row. */
export function mapItemErrors(rows, errors) {
  const rest = [];
  for (const [path, messages] of Object.entries(errors ?? {})) {
    const m = /^items\[(\d+)\]\.?(.*)$/.exec(path);
    if (m && rows[Number(m[1])]) rows[Number(m[1])].problems.push(`${m[2] || 'item'}: ${messages.join(' ')}`);
    else rest.push(`${path}: ${messages.join(' ')}`);
  }
  return rest;
}

function total(rows, currency) {
  // Sum in integer minor units from the decimal strings (no binary floating point).
  const scale = Math.max(0, ...rows.map((r) => (r.item.amount.value?.split('.')[1] ?? '').length));
  const units = rows.reduce((s, r) => {
    const [whole, frac = ''] = (r.item.amount.value ?? '0').split('.');
    return s + BigInt(whole + frac.padEnd(scale, '0'));
  }, 0n);
  const digits = units.toString().padStart(scale + 1, '0');
  return money({ currency, value: scale ? `${digits.slice(0, -scale)}.${digits.slice(-scale)}` : digits });
}

export async function renderBatchUpload(main) {
  const { items: accounts } = await get('/v1/accounts');
  const action = new IdempotentAction();
  const account = el('select', { id: 'batch-debtor', required: true },
    accounts.map((a) => el('option', { value: a.id }, `${a.name} (${a.iban ?? a.accountNumber}, ${a.currency})`)));
  const kind = el('select', { id: 'batch-kind' }, el('option', { value: 'payments' }, t('kindPayments')), el('option', { value: 'payroll' }, t('kindPayroll')));
  const file = el('input', { id: 'batch-file', type: 'file', accept: '.csv,text/csv', 'aria-describedby': 'csv-help' });
  const preview = el('div', { id: 'batch-preview' });
  let rows = [];

  // checked: the server's answer to the dry run (POST /v1/payment-batches/validate) — what it would need, what it would change.
  const renderPreview = (extra = [], checked = null) => {
    const currency = accounts.find((a) => a.id === account.value)?.currency;
    const bad = rows.filter((r) => r.problems.length > 0).length;
    const submit = el('button', { type: 'button', class: 'primary', id: 'submit-batch', disabled: bad > 0 || rows.length === 0, onclick: send }, t('submitBatch'));
    show(preview,
      el('h2', {}, t('preview')),
      el('p', { class: bad ? 'error' : '' }, bad ? t('rowsInvalid', { count: bad }) : t('rowsValid', { count: rows.length, total: total(rows, currency) })),
      extra.length ? el('ul', { class: 'error' }, extra.map((e) => el('li', {}, e))) : null,
      checked ? el('p', { class: 'ok', id: 'batch-checked' }, t('batchChecked', { approvals: checked.approvalsRequired })) : null,
      checked?.warnings?.length ? el('ul', { 'aria-label': t('batchWarnings') }, checked.warnings.map((w) => el('li', {}, w))) : null,
      table(t('previewCaption'), [t('row'), t('creditor'), t('ibanOrNumber'), t('amount'), t('remittance'), t('errors')],
        rows.map((r, i) => [String(i + 1), r.item.creditor.name ?? '', r.item.creditor.iban ?? r.item.creditor.accountNumber ?? '',
          r.item.amount.value ? el('span', { class: 'amount' }, money({ currency, value: r.item.amount.value })) : '',
          r.item.remittanceInformation ?? '', r.problems.length ? el('span', { class: 'error' }, r.problems.join('; ')) : '✓'])),
      submit);
  };

  const read = async () => {
    const chosen = file.files?.[0];
    if (!chosen) return;
    clearStatus();
    const currency = accounts.find((a) => a.id === account.value)?.currency;
    const result = readBatch(await chosen.text(), currency);
    if (result.error) { rows = []; show(preview, el('p', { class: 'error', role: 'alert' }, result.error)); return; }
    rows = result.rows;
    await check();
  };

  // The server's own checks before anything is submitted: the bank's charset, codes and dates, the same field paths
  // as the submission would answer, mapped onto the rows. Only when the file passed the checks made here.
  async function check() {
    if (rows.length === 0 || rows.some((r) => r.problems.length > 0)) {
      renderPreview();
      return;
    }
    const body = { debtorAccountId: account.value, kind: kind.value, items: rows.map((r) => r.item) };
    try {
      renderPreview([], await post('/v1/payment-batches/validate', body));
    } catch (error) {
      const rest = mapItemErrors(rows, error.errors);
      renderPreview(rest.length || rows.some((r) => r.problems.length > 0) ? rest : [problemText(error)]);
    }
  }

  async function send(event) {
    event.target.disabled = true;
    const body = { debtorAccountId: account.value, kind: kind.value, items: rows.map((r) => r.item) };
    try {
      const batch = await post('/v1/payment-batches', body, { idempotencyKey: action.keyFor(body) });
      show(preview, el('p', { class: 'ok' }, t('batchSubmitted', { id: batch.id, count: batch.itemCount, status: statusLabel(batch.status) })));
      announce(t('batchSubmitted', { id: batch.id, count: batch.itemCount, status: statusLabel(batch.status) }), 'ok');
    } catch (error) {
      for (const r of rows) r.problems = [];
      const rest = mapItemErrors(rows, error.errors);
      renderPreview(rest);
      announce(t('batchRejected', { detail: problemText(error) }), 'error');
    }
  }

  file.addEventListener('change', read);
  account.addEventListener('change', read);
  kind.addEventListener('change', read);
  show(main, el('h1', {}, t('batchTitle')),
    el('form', { id: 'batch-form', onsubmit: (e) => e.preventDefault() },
      el('div', { class: 'field' }, el('label', { for: 'batch-debtor' }, t('debtorAccount')), account),
      el('div', { class: 'field' }, el('label', { for: 'batch-kind' }, t('batchKind')), kind),
      el('div', { class: 'field' }, el('label', { for: 'batch-file' }, t('csvFile')), file, el('p', { class: 'hint', id: 'csv-help' }, t('csvHelp')))),
    preview);
}
