// Seeds the demo tenant of ./run.sh through the public APIs (idempotent: what exists is reused) and prints the
// keys and example calls. State (ids and keys shown once) is kept in the --state file under .local/.
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { randomBytes } from 'node:crypto';

const args = Object.fromEntries(process.argv.slice(2).reduce((acc, v, i, all) => (i % 2 ? acc : [...acc, [v.replace(/^--/, ''), all[i + 1]]]), []));
const host = args.host, banksim = args.banksim, operatorKey = args['operator-key'], statePath = args.state;
const state = existsSync(statePath) ? JSON.parse(readFileSync(statePath, 'utf8')) : {};
const save = () => writeFileSync(statePath, JSON.stringify(state, null, 2), { mode: 0o600 });

async function call(base, method, path, key, body) {
  const headers = { 'content-type': 'application/json' };
  if (key) headers.authorization = `Bearer ${key}`;
  const res = await fetch(base + path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await res.text();
  let json; try { json = text ? JSON.parse(text) : undefined; } catch { json = text; }
  return { status: res.status, json };
}

// Up: an answer that `isUp` accepts (by default any below 500, or a 503 while something it depends on starts).
async function waitFor(url, seconds, isUp = async (r) => r.status < 500 || r.status === 503) {
  for (let i = 0; i < seconds * 2; i++) {
    try { if (await isUp(await fetch(url))) return; } catch { /* not up yet */ }
    await new Promise(r => setTimeout(r, 500));
  }
  throw new Error(`${url} did not come up in ${seconds} s`);
}

// The host's own health report ({ status, checks }), not whatever else may answer on its port.
const isOurHealth = async (r) => (r.status === 200 || r.status === 503) && Array.isArray((await r.json().catch(() => ({}))).checks);
await waitFor(`${host}/health`, 120, isOurHealth);
await waitFor(`${banksim}/_sim/ledger`, 60).catch(() => console.warn('BankSim is not answering; bank setup skipped.'));

const tenant = await call(host, 'POST', '/v1/admin/tenants', operatorKey, { id: 'demo', name: 'Demo Treasury Ltd' });
if (tenant.status !== 201 && tenant.status !== 409) throw new Error(`creating the demo tenant: ${tenant.status} ${JSON.stringify(tenant.json)}`);

state.keys ??= {};
for (const [name, roles] of Object.entries({ viewer: ['viewer'], submitter: ['submitter', 'viewer'], approver: ['approver', 'viewer'], approver2: ['approver', 'viewer'], admin: ['admin', 'viewer'] })) {
  const known = state.keys[name];
  if (known && (await call(host, 'GET', '/v1/accounts', known)).status === 200) continue;
  const r = await call(host, 'POST', '/v1/admin/tenants/demo/api-keys', operatorKey, { name: `demo-${name}`, roles });
  if (r.status !== 201) throw new Error(`issuing the ${name} key: ${r.status} ${JSON.stringify(r.json)}`);
  state.keys[name] = r.json.key;
  save();
}
const admin = state.keys.admin;

// The console's two demo people (issue #15), invited by the operator; they sign in at DevIdentity with these emails.
// An email that is already invited is answered 400 on `email`: kept as it is.
for (const person of [
  { email: 'submitter@demo.test', displayName: 'Sam Submitter', roles: ['submitter', 'viewer'] },
  { email: 'approver@demo.test', displayName: 'Alex Approver', roles: ['approver', 'viewer'] },
]) {
  const r = await call(host, 'POST', '/v1/admin/tenants/demo/users', operatorKey, person);
  if (r.status !== 201 && !(r.status === 400 && r.json?.errors?.email)) throw new Error(`inviting ${person.email}: ${r.status} ${JSON.stringify(r.json)}`);
}

// BankSim keeps its customers in memory: a connection made by an earlier run is registered again with this run's
// BankSim (same key, read back from the API), or every payment would be refused as from an unknown customer.
async function ensureConnection(name, request, register) {
  state.connections ??= {};
  let connection;
  if (state.connections[name]) {
    const list = await call(host, 'GET', '/v1/bank-connections', admin);
    connection = list.status === 200 ? list.json.items.find(c => c.id === state.connections[name]) : undefined;
  }
  if (!connection) {
    const r = await call(host, 'POST', '/v1/bank-connections', admin, request);
    if (r.status !== 201) { console.warn(`bank connection ${name}: ${r.status} ${JSON.stringify(r.json)}`); return undefined; }
    connection = r.json;
  }
  const reg = await call(banksim, 'POST', '/_sim/customers', undefined, register(connection));
  if (reg.status >= 300) { console.warn(`registering ${name} at BankSim: ${reg.status} ${JSON.stringify(reg.json)}`); return undefined; }
  state.connections[name] = connection.id;
  save();
  return connection.id;
}

async function ensureAccount(name, connectionId, body) {
  state.accounts ??= {};
  if (state.accounts[name] || !connectionId) return;
  const r = await call(host, 'POST', '/v1/accounts', admin, { bankConnectionId: connectionId, ...body });
  if (r.status === 201) { state.accounts[name] = r.json.id; save(); }
  else console.warn(`account ${name}: ${r.status} ${JSON.stringify(r.json)}`);
}

const isoAccount = { iban: 'DE89370400440532013000', currency: 'EUR', name: 'Demo Treasury EUR', bic: 'COBADEFFXXX' };
const iso = await ensureConnection('simbank-iso', { bank: 'simbank-iso', customerId: 'DEMO001' }, c => ({
  bank: 'simbank-iso', customerId: 'DEMO001', keyId: c.keyId, publicKeyPem: c.publicKeyPem,
  accounts: [{ account: isoAccount.iban, currency: 'EUR', name: isoAccount.name, balance: '1000000.00' }],
}));
await ensureAccount('eur', iso, isoAccount);

const sm4Key = state.sm4Key ??= randomBytes(16).toString('hex');
save();
const cmbAccount = { accountNumber: '755915678810001', currency: 'CNY', name: '演示财务有限公司', bankCode: '308584000013' };
const cmb = await ensureConnection('simbank-cmb', { bank: 'simbank-cmb', uid: 'DEMOUID0001', sm4Key }, c => ({
  bank: 'simbank-cmb', uid: 'DEMOUID0001', sm4Key, sm2PublicKeyPem: c.sm2PublicKeyPem,
  accounts: [{ account: cmbAccount.accountNumber, currency: 'CNY', name: cmbAccount.name, balance: '5000000.00' }],
}));
await ensureAccount('cny', cmb, cmbAccount);

// The keys and ids as shell variables, so the README's examples run after `source .local/demo.env`.
const quote = v => `'${String(v ?? '').replaceAll("'", "'\\''")}'`;
const envVars = {
  BF_URL: host, BANKSIM_URL: banksim, OPERATOR_KEY: operatorKey,
  VIEWER_KEY: state.keys.viewer, SUBMITTER_KEY: state.keys.submitter, APPROVER_KEY: state.keys.approver,
  APPROVER2_KEY: state.keys.approver2, ADMIN_KEY: state.keys.admin,
  EUR_ACCOUNT: state.accounts?.eur, CNY_ACCOUNT: state.accounts?.cny,
};
if (args.env) {
  writeFileSync(args.env, '# Written by ./run.sh (scripts/seed-demo.mjs): source it, then run the README\'s examples.\n'
    + Object.entries(envVars).map(([k, v]) => `export ${k}=${quote(v)}`).join('\n') + '\n', { mode: 0o600 });
}

// A ready-to-paste registration of a local webhook receiver: literal key and URL, so it works without sourcing demo.env.
const webhookPort = 9000;
const webhookCurl = `curl -s -X POST -H "Authorization: Bearer ${state.keys.admin}" -H "Content-Type: application/json" ${host}/v1/webhook-endpoints`
  + ` -d '{"url":"http://127.0.0.1:${webhookPort}/webhooks","description":"local receiver (run.sh)"}'`;

console.log(`
BankFunctions is running at ${host} (BankSim at ${banksim}).
Operator key (admin routes only): ${operatorKey}
Demo tenant "demo" keys:
${Object.entries(state.keys).map(([k, v]) => `  ${k.padEnd(10)} ${v}`).join('\n')}
Accounts: ${JSON.stringify(state.accounts ?? {})}
${args.env ? `Keys and ids as shell variables: source ${args.env}` : ''}

Try (after sourcing it):
  curl -s $BF_URL/health
  curl -s -H "Authorization: Bearer $VIEWER_KEY" $BF_URL/v1/accounts
  curl -s -X POST -H "Authorization: Bearer $SUBMITTER_KEY" -H "Content-Type: application/json" \\
       -H "Idempotency-Key: demo-$(date +%s)" $BF_URL/v1/payments \\
       -d '{"debtorAccountId":"'$EUR_ACCOUNT'","amount":{"currency":"EUR","value":"125.00"},"creditor":{"name":"Muster GmbH","iban":"GB82WEST12345698765432","bic":"NWBKGB2L"},"remittanceInformation":"Invoice 42"}'
  curl -s -X POST -H "Authorization: Bearer $APPROVER_KEY" $BF_URL/v1/payments/pay_…/approve     # the id from the answer above
  curl -s -X POST -H "Authorization: Bearer $ADMIN_KEY" $BF_URL/v1/accounts/$EUR_ACCOUNT/refresh
  curl -s -H "Authorization: Bearer $VIEWER_KEY" "$BF_URL/v1/accounts/$EUR_ACCOUNT/transactions?from=$(date -u +%Y-%m-01)&to=$(date -u +%F)"
  curl -s -H "Authorization: Bearer $VIEWER_KEY" $BF_URL/v1/accounts/$EUR_ACCOUNT/balances
  curl -s $BF_URL/openapi/v1.json

Webhooks (run.sh allows loopback receivers, as in development): start a receiver that prints what it gets, e.g.
  node -e "require('http').createServer((q,r)=>{let b='';q.on('data',d=>b+=d).on('end',()=>{console.log(q.headers['webhook-id'],b);r.writeHead(204).end()})}).listen(${webhookPort},'127.0.0.1')"
then register it on the demo tenant (the answer holds the signing secret, shown once; events follow within a second):
  ${webhookCurl}
`);
