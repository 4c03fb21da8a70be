// The console's pages: hash route, the roles that see it in the navigation, and the module that renders it.
import { renderAccount, renderAccounts } from './pages/accounts.js';
import { renderApprovals } from './pages/approvals.js';
import { renderAudit, renderKeys, renderWebhooks } from './pages/admin.js';
import { renderBatchUpload } from './pages/batch.js';
import { renderNewPayment } from './pages/new-payment.js';
import { renderPayment, renderPayments } from './pages/payments.js';
import { renderWorkflow } from './pages/workflow.js';
import { renderUsers } from './pages/users.js';

export const routes = [
  { pattern: /^\/accounts$/, nav: '/accounts', label: 'navAccounts', roles: ['viewer', 'admin'], render: renderAccounts },
  { pattern: /^\/accounts\/(?<id>[\w-]+)$/, label: 'navAccounts', roles: [], render: renderAccount },
  { pattern: /^\/payments$/, nav: '/payments', label: 'navPayments', roles: ['viewer'], render: renderPayments },
  { pattern: /^\/payments\/new$/, nav: '/payments/new', label: 'navNewPayment', roles: ['submitter'], render: renderNewPayment },
  { pattern: /^\/payments\/(?<id>[\w-]+)$/, label: 'navPayments', roles: [], render: renderPayment },
  { pattern: /^\/batches\/new$/, nav: '/batches/new', label: 'navBatch', roles: ['submitter'], render: renderBatchUpload },
  { pattern: /^\/approvals$/, nav: '/approvals', label: 'navApprovals', roles: ['approver'], render: renderApprovals },
  { pattern: /^\/users$/, nav: '/users', label: 'navUsers', roles: ['admin'], render: renderUsers },
  { pattern: /^\/audit$/, nav: '/audit', label: 'navAudit', roles: ['admin'], render: renderAudit },
  { pattern: /^\/api-keys$/, nav: '/api-keys', label: 'navKeys', roles: ['admin'], render: renderKeys },
  { pattern: /^\/webhooks$/, nav: '/webhooks', label: 'navWebhooks', roles: ['admin'], render: renderWebhooks },
  { pattern: /^\/workflow$/, nav: '/workflow', label: 'navWorkflow', roles: ['admin'], render: renderWorkflow },
];
