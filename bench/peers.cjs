// Times the npm peer parsers on the same payload files as our benchmark. Installed by parse.sh into a temp folder
// (never a project dependency); run with NODE_PATH pointing there. Prints: name format bytes seconds entries
'use strict';
const fs = require('fs');
const [mt940File, camtFile, iterationsText] = process.argv.slice(2);
const iterations = Number(iterationsText);

async function time(name, format, file, load, parse, count) {
  const bytes = fs.readFileSync(file);
  let entries = 0;
  try {
    const lib = await load();
    const parseWith = b => parse(lib, b);
    entries = count(await parseWith(bytes)); // warm-up
    // Fastest iteration, as for our parser (shared machine: the minimum is least distorted by other load).
    let seconds = Infinity;
    for (let i = 0; i < iterations; i++) {
      const start = process.hrtime.bigint();
      entries = count(await parseWith(bytes));
      seconds = Math.min(seconds, Number(process.hrtime.bigint() - start) / 1e9);
    }
    console.log(`${name} ${format} ${bytes.length} ${seconds.toFixed(6)} ${entries}`);
  } catch (e) {
    console.log(`${name} ${format} ${bytes.length} failed ${String(e && e.message || e).replace(/\s+/g, '_').slice(0, 80)}`);
  }
}

(async () => {
  await time('mt940-js', 'mt940', mt940File, () => require('mt940-js'), (lib, b) => lib.read(b),
    s => s.reduce((n, x) => n + x.transactions.length, 0));
  await time('@centrapay/swift-parser', 'mt940', mt940File, () => require('@centrapay/swift-parser'),
    (lib, b) => lib.parse({ type: 'mt940', data: b.toString('latin1') }), s => s.reduce((n, x) => n + x.transactions.length, 0));
  await time('iso20022.js', 'camt.053', camtFile, // iso20022.js declares "type": "module" but ships CommonJS as main; load its ES module build directly.
    () => import(require('url').pathToFileURL(require('path').join(process.env.NODE_PATH, 'iso20022.js/dist/index.mjs')).href),
    (lib, b) => lib.CashManagementEndOfDayReport.fromXML(b.toString('utf8')), r => r.statements.reduce((n, s) => n + s.entries.length, 0));
})();
