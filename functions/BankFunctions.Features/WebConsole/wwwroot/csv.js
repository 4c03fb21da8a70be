// RFC 4180 CSV: fields separated by commas, records by CRLF or LF; a field in double quotes may hold commas, line
// breaks and doubled quotes. A byte order mark at the start (spreadsheet exports) is dropped.

export function parseCsv(text) {
  const records = [];
  let record = [];
  let fieldText = '';
  let quoted = false;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  for (; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') { fieldText += '"'; i++; } else { quoted = false; }
      } else {
        fieldText += c;
      }
    } else if (c === '"' && fieldText === '') {
      quoted = true;
    } else if (c === ',') {
      record.push(fieldText); fieldText = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      record.push(fieldText); fieldText = '';
      records.push(record); record = [];
    } else {
      fieldText += c;
    }
  }
  if (fieldText !== '' || record.length > 0) { record.push(fieldText); records.push(record); }
  return records.filter((r) => !(r.length === 1 && r[0].trim() === ''));
}

/** ISO 13616 mod-97 check: the obvious typos, before the server's full check (country lengths, etc.). */
export function ibanLooksValid(iban) {
  const s = iban.replace(/\s+/g, '').toUpperCase();
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]{10,30}$/.test(s)) return false;
  const moved = s.slice(4) + s.slice(0, 4);
  let remainder = 0;
  for (const ch of moved) {
    const digits = /\d/.test(ch) ? ch : String(ch.charCodeAt(0) - 55);
    for (const d of digits) remainder = (remainder * 10 + Number(d)) % 97;
  }
  return remainder === 1;
}
