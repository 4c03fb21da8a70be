// New payment (submitter): the form of POST /v1/payments. The API validates everything; its field errors are shown
// next to the fields they name.
import { get, IdempotentAction, post } from '../api.js';
import { el, show } from '../dom.js';
import { statusLabel, t } from '../i18n.js';
import { announce, describe, field, showFieldErrors } from '../ui.js';

export async function renderNewPayment(main) {
  const { items: accounts } = await get('/v1/accounts');
  const action = new IdempotentAction();
  const account = el('select', { id: 'debtor', name: 'debtor', required: true, 'data-field': 'debtorAccountId' },
    el('option', { value: '' }, t('chooseAccount')),
    accounts.map((a) => el('option', { value: a.id }, `${a.name} (${a.iban ?? a.accountNumber}, ${a.currency})`)));
  const currency = el('output', { id: 'currency', for: 'debtor', 'aria-live': 'polite' });
  const ibanFields = el('div', { class: 'group' },
    field('iban', t('iban'), { autocomplete: 'off', spellcheck: 'false', 'data-field': 'creditor.iban' }),
    field('bic', t('bic'), { autocomplete: 'off', spellcheck: 'false', 'data-field': 'creditor.bic' }));
  const numberFields = el('div', { class: 'group', hidden: true },
    field('accountNumber', t('accountNumber'), { autocomplete: 'off', inputmode: 'numeric', 'data-field': 'creditor.accountNumber' }),
    field('bankCode', t('bankCode'), { autocomplete: 'off', inputmode: 'numeric', 'data-field': 'creditor.bankCode' }));
  const selected = () => accounts.find((a) => a.id === account.value);
  account.addEventListener('change', () => {
    const a = selected();
    currency.value = a?.currency ?? '';
    // The account's bank says how creditors are named: IBAN (+ BIC), or account number + CNAPS code.
    const byNumber = a ? !a.iban : false;
    ibanFields.hidden = byNumber;
    numberFields.hidden = !byNumber;
  });
  const submit = el('button', { type: 'submit', class: 'primary', id: 'submit-payment' }, t('submit'));
  const summary = el('div', { id: 'form-summary', role: 'alert' });
  const form = el('form', { id: 'payment-form', novalidate: true },
    el('div', { class: 'field' }, el('label', { for: 'debtor' }, t('debtorAccount')), account),
    el('div', { class: 'field amount-field' },
      el('label', { for: 'amount' }, t('amount')),
      el('span', { class: 'with-unit' }, el('input', { id: 'amount', name: 'amount', inputmode: 'decimal', autocomplete: 'off', 'data-field': 'amount.value', 'aria-describedby': 'hint-amount' }), currency),
      el('p', { class: 'hint', id: 'hint-amount' }, t('amountHint'))),
    field('creditorName', t('creditor'), { autocomplete: 'off', 'data-field': 'creditor.name' }),
    ibanFields, numberFields,
    field('remittance', t('remittance'), { maxlength: 140, autocomplete: 'off', 'data-field': 'remittanceInformation' }),
    field('executionDate', t('requestedExecutionDate'), { type: 'date', 'data-field': 'requestedExecutionDate' }),
    summary, submit);

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const a = selected();
    const value = (id) => form.querySelector(`#${id}`).value.trim() || undefined;
    const creditor = a && !a.iban
      ? { name: value('creditorName'), accountNumber: value('accountNumber'), bankCode: value('bankCode') }
      : { name: value('creditorName'), iban: value('iban')?.replace(/\s+/g, '').toUpperCase(), bic: value('bic')?.toUpperCase() };
    const body = {
      debtorAccountId: account.value || undefined,
      amount: { currency: a?.currency, value: value('amount') },
      creditor,
      remittanceInformation: value('remittance'),
      requestedExecutionDate: value('executionDate'),
    };
    submit.disabled = true;
    try {
      const payment = await post('/v1/payments', body, { idempotencyKey: action.keyFor(body) });
      location.hash = `#/payments/${payment.id}`;
      announce(t('submitted', { id: payment.id, status: statusLabel(payment.status) }), 'ok');
    } catch (error) {
      const rest = showFieldErrors(form, error.errors);
      show(summary, el('p', { class: 'error' }, describe(error)), rest.length ? el('ul', {}, rest.map((r) => el('li', {}, r))) : null);
      form.querySelector('[aria-invalid="true"]')?.focus();
    } finally {
      submit.disabled = false;
    }
  });
  show(main, el('h1', {}, t('newPaymentTitle')), form);
}
