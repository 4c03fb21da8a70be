// The one way the console puts things into the page: elements built here, data always as text nodes (never HTML),
// so nothing the API returns can become markup or script.

export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs ?? {})) {
    if (value === null || value === undefined || value === false) continue;
    if (name.startsWith('on') && typeof value === 'function') node.addEventListener(name.slice(2), value);
    else if (name === 'class') node.className = value;
    else node.setAttribute(name, value === true ? '' : String(value));
  }
  append(node, children);
  return node;
}

export function append(node, children) {
  for (const child of [children].flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : String(child));
  }
  return node;
}

/** Replaces a node's content. */
export function show(node, ...children) {
  node.replaceChildren();
  return append(node, children);
}

/** A table row: the first cell is the row's header (th scope=row), the rest are data cells. */
export function row(cells) {
  return el('tr', {}, cells.map((c, i) => (i === 0 ? el('th', { scope: 'row' }, c) : el('td', {}, c))));
}

/** A table with a caption and column headers (th scope=col); its tbody is returned too, for rows added later. */
export function table(caption, headers, rows = []) {
  const tbody = el('tbody', {}, rows.map(row));
  const node = el('table', {}, el('caption', {}, caption), el('thead', {}, el('tr', {}, headers.map((h) => el('th', { scope: 'col' }, h)))), tbody);
  node.body = tbody;
  return node;
}

/** A definition list from [term, value] pairs, skipping empty values. */
export function facts(pairs) {
  return el('dl', { class: 'facts' }, pairs.filter(([, v]) => v !== null && v !== undefined && v !== '')
    .map(([term, value]) => [el('dt', {}, term), el('dd', {}, value)]));
}
