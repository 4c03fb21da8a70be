// What every page shares: the status region, problems as sentences, a "more" button for cursor paging, field errors.
import { ApiError } from './api.js';
import { el, show } from './dom.js';
import { t } from './i18n.js';

/** A message for screen readers and eyes alike (the region is aria-live). */
export function announce(text, kind = 'info') {
  const status = document.getElementById('status');
  status.className = `status ${kind}`;
  show(status, text);
}

/** What went wrong, in the API's words: the problem's detail, or what kind of failure it was. */
export function problemText(error) {
  if (error instanceof ApiError) {
    if (error.status === 0) return t('networkError');
    if (error.status === 403 && !error.problem.detail) return t('forbidden');
    return error.problem.detail || error.problem.title || String(error.status);
  }
  return String(error);
}

/** A failed call as a sentence for the status region or a page. */
export function describe(error) {
  return t('error', { detail: problemText(error) });
}

/** Empties the status region (a new action starts). */
export function clearStatus() {
  const status = document.getElementById('status');
  status.className = 'status';
  show(status);
}

/**
 * Cursor paging: loads the first page into tbody, then a "more" button loads each next page (newest first, as the
 * API pages). fetchPage(cursor) resolves to {items, nextCursor}; row(item) returns a <tr>.
 */
export async function pagedRows(tbody, moreHolder, fetchPage, row) {
  let cursor;
  const load = async () => {
    const page = await fetchPage(cursor);
    tbody.append(...page.items.map(row));
    cursor = page.nextCursor;
    show(moreHolder, cursor ? el('button', { type: 'button', class: 'more', onclick: async (e) => { e.target.disabled = true; try { await load(); } catch (error) { announce(describe(error), 'error'); } } }, t('more')) : null);
    return page.items.length;
  };
  return load();
}

/** Shows field errors next to the inputs whose data-field names them; returns the messages no field took. */
export function showFieldErrors(form, errors) {
  for (const node of form.querySelectorAll('.field-error')) node.remove();
  for (const input of form.querySelectorAll('[aria-invalid]')) { input.removeAttribute('aria-invalid'); input.removeAttribute('aria-describedby'); }
  const rest = [];
  for (const [field, messages] of Object.entries(errors ?? {})) {
    const exact = form.querySelector(`[data-field="${CSS.escape(field)}"]`);
    const input = exact ?? form.querySelector(`[data-field="${CSS.escape(field.split('.')[0])}"]`);
    // Beside its own field the message needs no field name; beside a related one (amount for amount.currency) it does.
    const text = exact ? messages.join(' ') : `${field}: ${messages.join(' ')}`;
    if (!input) { rest.push(text); continue; }
    const id = `err-${input.id}`;
    const existing = document.getElementById(id);
    if (existing) { existing.append(` ${text}`); continue; }
    input.setAttribute('aria-invalid', 'true');
    input.setAttribute('aria-describedby', id);
    input.closest('.field').append(el('p', { class: 'field-error', id }, text));
  }
  return rest;
}

/** Who did something: "Name (id)" when a person's name is known, else the id (a key's, or a row from before names). */
export function actorLabel(id, name) {
  return name ? `${name} (${id})` : id;
}

/** A labelled input in a .field wrapper. */
export function field(id, label, attrs = {}, hint = null) {
  const input = el(attrs.tag ?? 'input', { id, name: id, ...attrs, tag: null });
  return el('div', { class: 'field' }, el('label', { for: id }, label), input, hint ? el('p', { class: 'hint', id: `hint-${id}` }, hint) : null);
}
